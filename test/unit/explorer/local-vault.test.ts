import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRawVaultKey, VaultStore } from '../../../src/core/vault/index';
import { openLocalVault, type KeyStorage } from '../../../src/core/usecases/local-vault';
import { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';

class MemoryKeyStorage implements KeyStorage {
  readonly map = new Map<string, string>();
  constructor(private readonly broken = false) {}
  async get(key: string) {
    return this.broken ? undefined : this.map.get(key);
  }
  async store(key: string, value: string) {
    if (this.broken) throw new Error('no keyring');
    this.map.set(key, value);
  }
}

describe('local vault opening', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'sw-explorer-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('creates the vault on first use with a raw key kept in secret storage, and reopens with it', async () => {
    const keys = new MemoryKeyStorage();
    const ui = new ScriptedUserInput();
    const deps = { path: join(dir, 'v.swv'), keyStorage: keys, keyName: 'k', ui: () => ui, log: () => undefined };
    const vault = await openLocalVault(deps);
    await vault.createSecret({ name: 'a', secretString: 'x'.repeat(8) });
    vault.close();
    const entry = `k/${await VaultStore.readVaultId(deps.path)}`;
    assert.deepEqual([...keys.map.keys()], [entry], "the key is kept under the vault's own entry");
    assert.equal(Buffer.from(keys.map.get(entry)!, 'base64').length, 32);
    const again = await openLocalVault(deps);
    assert.equal((await again.listSecrets()).secrets.length, 1);
    again.close();
    assert.equal(ui.prompts.length, 0, 'nothing asked');
  });

  it("keeps one key per vault: switching the vault path never replaces another vault's key", async () => {
    const keys = new MemoryKeyStorage();
    const ui = new ScriptedUserInput().textAnswer('long enough passphrase');
    const deps = (name: string) => ({
      path: join(dir, name),
      keyStorage: keys,
      keyName: 'k',
      ui: () => ui,
      log: () => undefined,
    });
    const first = await openLocalVault(deps('first.swv'));
    await first.createSecret({ name: 'kept', secretString: 'x'.repeat(8) });
    first.close();
    (await openLocalVault(deps('second.swv'))).close();
    // a vault made elsewhere that only a passphrase opens: unlocking it remembers a key for it too
    (
      await VaultStore.create(join(dir, 'third.swv'), { kind: 'passphrase', passphrase: 'long enough passphrase' })
    ).close();
    (await openLocalVault(deps('third.swv'))).close();
    assert.equal(ui.pending, 0);
    for (const name of ['first.swv', 'second.swv', 'third.swv']) (await openLocalVault(deps(name))).close();
    const reopened = await openLocalVault(deps('first.swv'));
    assert.equal((await reopened.listSecrets()).secrets.length, 1);
    reopened.close();
    assert.equal(ui.prompts.length, 1, 'only the passphrase of the third vault was asked for');
    assert.equal(keys.map.size, 3);
  });

  it('still opens a vault whose key is in the single entry of earlier versions, and moves it to its own', async () => {
    const keys = new MemoryKeyStorage();
    const key = generateRawVaultKey();
    const path = join(dir, 'v.swv');
    (await VaultStore.create(path, { kind: 'raw', key })).close();
    keys.map.set('k', key.toString('base64'));
    const ui = new ScriptedUserInput();
    (await openLocalVault({ path, keyStorage: keys, keyName: 'k', ui: () => ui, log: () => undefined })).close();
    assert.equal(ui.prompts.length, 0);
    assert.equal(keys.map.get(`k/${await VaultStore.readVaultId(path)}`), key.toString('base64'));
  });

  it('without a keyring, tells the user and protects the new vault with a passphrase', async () => {
    const ui = new ScriptedUserInput().textAnswer('correct horse battery').textAnswer('correct horse battery');
    const path = join(dir, 'v.swv');
    const vault = await openLocalVault({
      path,
      keyStorage: new MemoryKeyStorage(true),
      keyName: 'k',
      ui: () => ui,
      log: () => undefined,
    });
    vault.close();
    assert.match(ui.notifications[0].message, /cannot keep the local vault key/);
    (await VaultStore.open(path, { kind: 'passphrase', passphrase: 'correct horse battery' })).close();
  });

  it('asks for the passphrase when secret storage has no key for an existing vault, then remembers a key', async () => {
    const path = join(dir, 'v.swv');
    (await VaultStore.create(path, { kind: 'passphrase', passphrase: 'long enough passphrase' })).close();
    const keys = new MemoryKeyStorage();
    const ui = new ScriptedUserInput().textAnswer('long enough passphrase');
    const deps = { path, keyStorage: keys, keyName: 'k', ui: () => ui, log: () => undefined };
    (await openLocalVault(deps)).close();
    assert.equal(ui.pending, 0);
    (await openLocalVault(deps)).close(); // opens with the remembered raw key: no answer queued
  });
});
