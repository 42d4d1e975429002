// VaultStore behaviour beyond the store contract: key slots, confidentiality, file mode, sharing between instances.
import { strict as assert } from 'node:assert';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { syntheticValue } from '../store/contract';
import { withTempDir } from './helpers';

describe('VaultStore', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await withTempDir()));
  afterEach(() => cleanup());

  it('keeps names, values, descriptions and tags out of the file bytes', async () => {
    const path = join(dir, 'v.swv');
    const store = await VaultStore.create(path, { kind: 'raw', key: generateRawVaultKey() });
    const name = `payments/stripe-${syntheticValue().slice(3, 11)}x`;
    const value = syntheticValue();
    const tagValue = `team-${syntheticValue()}`;
    const description = `desc-${syntheticValue()}`;
    await store.createSecret({ name, secretString: value, description, tags: [{ key: 'owner-tag', value: tagValue }] });
    await store.putSecretValue({ secretId: name, secretString: JSON.stringify({ password: value }) });
    store.close();
    const bytes = await readFile(path);
    for (const needle of [name, value, tagValue, 'owner-tag', description, 'AWSCURRENT', 'payments']) {
      for (const encoding of ['utf8', 'utf16le', 'base64'] as const) {
        assert.equal(bytes.indexOf(Buffer.from(needle, encoding)), -1, `${encoding} form of a secret string found`);
      }
    }
  });

  it('writes the file with mode 0600', async () => {
    const path = join(dir, 'v.swv');
    const store = await VaultStore.create(path, { kind: 'raw', key: generateRawVaultKey() });
    await store.createSecret({ name: 'a', secretString: syntheticValue() });
    store.close();
    assert.equal((await stat(path)).mode & 0o777, 0o600);
  });

  it('sees changes made by another instance of the same vault', async () => {
    const path = join(dir, 'v.swv');
    const key = { kind: 'raw', key: generateRawVaultKey() } as const;
    const a = await VaultStore.create(path, key);
    const b = await VaultStore.open(path, key);
    await a.createSecret({ name: 'one', secretString: syntheticValue() });
    await b.createSecret({ name: 'two', secretString: syntheticValue() });
    await a.putSecretValue({ secretId: 'two', secretString: 'from-a' });
    assert.deepEqual((await b.listSecrets()).secrets.map((s) => s.name).sort(), ['one', 'two']);
    assert.equal((await b.getSecretValue({ secretId: 'two' })).secretString, 'from-a');
    a.close();
    b.close();
  });

  it('adds a passphrase slot to a raw-key vault, and changes the passphrase without re-encrypting the key', async () => {
    const path = join(dir, 'v.swv');
    const raw = { kind: 'raw', key: generateRawVaultKey() } as const;
    const value = syntheticValue();
    const store = await VaultStore.create(path, raw);
    await store.createSecret({ name: 'db', secretString: value });
    await store.addKeySlot({ kind: 'passphrase', passphrase: 'first passphrase' });
    assert.deepEqual(await store.listKeySlots(), [{ kind: 'raw' }, { kind: 'passphrase' }]);
    await assert.rejects(store.changePassphrase('wrong', 'x'), (e: Error & { code?: string }) => e.code === 'WrongKey');
    await store.changePassphrase('first passphrase', 'second passphrase');
    store.close();

    await assert.rejects(
      VaultStore.open(path, { kind: 'passphrase', passphrase: 'first passphrase' }),
      (e: Error & { code?: string }) => e.code === 'WrongKey',
    );
    const reopened = await VaultStore.open(path, { kind: 'passphrase', passphrase: 'second passphrase' });
    assert.equal((await reopened.getSecretValue({ secretId: 'db' })).secretString, value);
    reopened.close();
    const byRaw = await VaultStore.open(path, raw);
    assert.equal((await byRaw.getSecretValue({ secretId: 'db' })).secretString, value);
    byRaw.close();
  });

  it('refuses every operation after close()', async () => {
    const store = await VaultStore.create(join(dir, 'v.swv'), { kind: 'raw', key: generateRawVaultKey() });
    store.close();
    await assert.rejects(store.listSecrets(), /closed/);
    await assert.rejects(store.createSecret({ name: 'x', secretString: 'y' }), /closed/);
  });

  it('lets a write already running finish intact when the store is closed meanwhile', async () => {
    const path = join(dir, 'v.swv');
    const key = { kind: 'raw', key: generateRawVaultKey() } as const;
    const store = await VaultStore.create(path, key);
    const value = syntheticValue();
    const writing = store.createSecret({ name: 'late', secretString: value });
    store.close();
    await writing;
    await assert.rejects(store.listSecrets(), /closed/);
    const reopened = await VaultStore.open(path, key);
    assert.equal((await reopened.getSecretValue({ secretId: 'late' })).secretString, value);
    reopened.close();
  });

  it('leaves the file unchanged when an operation is refused, and stays usable', async () => {
    const path = join(dir, 'v.swv');
    const store = await VaultStore.create(path, { kind: 'raw', key: generateRawVaultKey() });
    await store.createSecret({ name: 'db', secretString: syntheticValue() });
    const before = await readFile(path);
    await assert.rejects(store.createSecret({ name: 'db', secretString: 'x' }), /already exists/);
    await assert.rejects(store.putSecretValue({ secretId: 'nope', secretString: 'x' }));
    assert.ok((await readFile(path)).equals(before));
    await store.putSecretValue({ secretId: 'db', secretString: 'next' });
    assert.equal((await store.getSecretValue({ secretId: 'db' })).secretString, 'next');
    store.close();
  });
});
