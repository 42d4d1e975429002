// Each way an open can fail has its own error, and a failed open never changes the file.
import { strict as assert } from 'node:assert';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  VaultStore,
  formatVersion,
  generateRawVaultKey,
  type VaultErrorCode,
  type VaultKey,
} from '../../../src/core/vault/index';
import { syntheticValue } from '../store/contract';
import { rewriteHeader, withTempDir } from './helpers';

describe('vault open errors', function () {
  this.timeout(120_000);
  const passphrase = `pass-${syntheticValue()}`;
  const rawKey = generateRawVaultKey();
  let dir: string;
  let cleanup: () => Promise<void>;
  let passphraseVault: string;
  let rawVault: string;

  before(async () => {
    ({ dir, cleanup } = await withTempDir());
    passphraseVault = join(dir, 'passphrase.swv');
    rawVault = join(dir, 'raw.swv');
    const a = await VaultStore.create(passphraseVault, { kind: 'passphrase', passphrase });
    await a.createSecret({ name: 'app/db', secretString: syntheticValue() });
    a.close();
    const b = await VaultStore.create(rawVault, { kind: 'raw', key: rawKey });
    await b.createSecret({ name: 'app/db', secretString: syntheticValue() });
    b.close();
  });
  after(() => cleanup());

  /** Opens a copy of `source` after `damage`, expects `code`, and checks the file was left byte for byte. */
  async function expectRefusal(
    source: string,
    damage: (bytes: Buffer) => Buffer,
    key: VaultKey,
    code: VaultErrorCode,
    message: RegExp,
  ): Promise<void> {
    const path = join(dir, `case-${Math.random().toString(36).slice(2)}.swv`);
    const damaged = damage(await readFile(source));
    await writeFile(path, damaged);
    await assert.rejects(VaultStore.open(path, key), (error: Error & { code?: string }) => {
      assert.equal(error.code, code, String(error));
      assert.match(error.message, message);
      return true;
    });
    assert.ok((await readFile(path)).equals(damaged), 'the file is unchanged after a failed open');
  }

  it('opens with the right passphrase, and reports a wrong one as WrongKey', async () => {
    const store = await VaultStore.open(passphraseVault, { kind: 'passphrase', passphrase });
    assert.deepEqual(await store.listKeySlots(), [{ kind: 'passphrase' }]);
    store.close();
    await expectRefusal(
      passphraseVault,
      (b) => b,
      { kind: 'passphrase', passphrase: 'not-it' },
      'WrongKey',
      /passphrase/i,
    );
  });

  it('reports a wrong raw key, and a key kind the vault has no slot for, as WrongKey', async () => {
    await expectRefusal(rawVault, (b) => b, { kind: 'raw', key: generateRawVaultKey() }, 'WrongKey', /key/);
    await expectRefusal(rawVault, (b) => b, { kind: 'passphrase', passphrase }, 'WrongKey', /no passphrase slot/);
  });

  it('reports a modified body as Tampered', async () => {
    const flipLast = (b: Buffer) => {
      const copy = Buffer.from(b);
      copy[copy.length - 20] ^= 0x01;
      return copy;
    };
    await expectRefusal(rawVault, flipLast, { kind: 'raw', key: rawKey }, 'Tampered', /authentication/);
  });

  it('reports a modified header as Tampered', async () => {
    const flipHeader = (b: Buffer) => {
      const copy = Buffer.from(b);
      copy[30] ^= 0x01;
      return copy;
    };
    await expectRefusal(rawVault, flipHeader, { kind: 'raw', key: rawKey }, 'Tampered', /header/);
  });

  it('reports a header rewritten with a valid checksum (e.g. a new generation) as Tampered', async () => {
    const bump = (b: Buffer) => rewriteHeader(b, (h) => void ((h.generation as number) += 1));
    await expectRefusal(rawVault, bump, { kind: 'raw', key: rawKey }, 'Tampered', /authentication/);
  });

  it('reports a truncated file as Corrupt (truncated)', async () => {
    for (const keep of [0, 5, 12, 100]) {
      await expectRefusal(rawVault, (b) => b.subarray(0, keep), { kind: 'raw', key: rawKey }, 'Corrupt', /truncated/);
    }
    await expectRefusal(
      rawVault,
      (b) => b.subarray(0, b.length - 1),
      { kind: 'raw', key: rawKey },
      'Corrupt',
      /truncated/,
    );
  });

  it('reports a garbage file as Corrupt (not a vault)', async () => {
    const garbage = () => Buffer.from('{"secrets": "this is not a vault"}\n');
    await expectRefusal(rawVault, garbage, { kind: 'raw', key: rawKey }, 'Corrupt', /not a Secrets Workbench vault/);
  });

  it('reports an unknown format version as UnsupportedVersion', async () => {
    const future = (b: Buffer) => {
      const copy = Buffer.from(b);
      copy.writeUInt16BE(formatVersion + 1, 8);
      return copy;
    };
    const message = new RegExp(`format version ${formatVersion + 1}`);
    await expectRefusal(rawVault, future, { kind: 'raw', key: rawKey }, 'UnsupportedVersion', message);
  });

  it('refuses scrypt parameters below the floor (downgrade) before deriving anything', async () => {
    const downgrade = (b: Buffer) =>
      rewriteHeader(b, (h) => {
        const slot = (h.slots as Array<{ kdf: { N: number } }>)[0];
        slot.kdf.N = 2 ** 14;
      });
    await expectRefusal(
      passphraseVault,
      downgrade,
      { kind: 'passphrase', passphrase },
      'UnsafeKdfParameters',
      /below the minimum/,
    );
  });

  it('refuses scrypt parameters above the ceiling (denial of service) before deriving anything', async () => {
    const huge = (b: Buffer) =>
      rewriteHeader(b, (h) => {
        const slot = (h.slots as Array<{ kdf: { N: number; r: number } }>)[0];
        slot.kdf.N = 2 ** 24;
      });
    const started = Date.now();
    await expectRefusal(
      passphraseVault,
      huge,
      { kind: 'passphrase', passphrase },
      'UnsafeKdfParameters',
      /above the maximum/,
    );
    assert.ok(Date.now() - started < 5_000, 'refused without running the expensive KDF');
  });

  it('refuses to create a vault over an existing file, or with scrypt below the floor', async () => {
    const before = await readFile(rawVault);
    await assert.rejects(VaultStore.create(rawVault, { kind: 'raw', key: rawKey }), /already exists/);
    assert.ok((await readFile(rawVault)).equals(before));
    await assert.rejects(
      VaultStore.create(
        join(dir, 'weak.swv'),
        { kind: 'passphrase', passphrase },
        { scrypt: { N: 2 ** 10, r: 8, p: 1 } },
      ),
      (error: Error & { code?: string }) => error.code === 'UnsafeKdfParameters',
    );
    assert.equal(await VaultStore.exists(join(dir, 'weak.swv')), false);
  });

  it('reads a copy of a good vault after all the failed opens', async () => {
    const copy = join(dir, 'copy.swv');
    await copyFile(rawVault, copy);
    const store = await VaultStore.open(copy, { kind: 'raw', key: rawKey });
    assert.equal((await store.listSecrets()).secrets.length, 1);
    store.close();
  });
});
