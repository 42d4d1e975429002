// Key slots are capped (maxKeySlots), and a file with more, or a slot whose wrapped key has the wrong length, is
// refused before any key derivation: no scrypt runs for it.
import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { VaultStore, generateRawVaultKey, maxKeySlots } from '../../../src/core/vault/index';
import { syntheticValue } from '../store/contract';
import { rewriteHeader, withTempDir } from './helpers';

// The CommonJS module object, whose `scrypt` the vault calls through (a spy counts derivations).
const crypto = createRequire(__filename)('node:crypto') as typeof import('node:crypto');

async function countingScrypt<T>(fn: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; calls: number }> {
  const original = crypto.scrypt;
  let calls = 0;
  crypto.scrypt = ((...args: Parameters<typeof original>) => {
    calls++;
    return (original as (...a: unknown[]) => void)(...args);
  }) as typeof original;
  try {
    const [result] = await Promise.allSettled([fn()]);
    return { result, calls };
  } finally {
    crypto.scrypt = original;
  }
}

describe('vault key slot limits', function () {
  this.timeout(120_000);
  const passphrase = `pp-${syntheticValue()}`;
  let dir: string;
  let cleanup: () => Promise<void>;
  let source: Buffer;

  before(async () => {
    ({ dir, cleanup } = await withTempDir());
    const path = join(dir, 'source.swv');
    const store = await VaultStore.create(path, { kind: 'passphrase', passphrase });
    await store.createSecret({ name: 'app/db', secretString: syntheticValue() });
    store.close();
    source = await readFile(path);
  });
  after(() => cleanup());

  async function openDamaged(bytes: Buffer) {
    const path = join(dir, `case-${Math.random().toString(36).slice(2)}.swv`);
    await writeFile(path, bytes);
    const outcome = await countingScrypt(() => VaultStore.open(path, { kind: 'passphrase', passphrase }));
    if (outcome.result.status === 'fulfilled') outcome.result.value.close();
    assert.ok((await readFile(path)).equals(bytes), 'the file is left as it was');
    return outcome;
  }

  it('counts the derivation for a well-formed slot (the spy sees scrypt)', async () => {
    const { result, calls } = await openDamaged(source);
    assert.equal(result.status, 'fulfilled');
    assert.equal(calls, 1);
  });

  it(`refuses a file with more than ${maxKeySlots} slots before any key derivation`, async () => {
    const crowded = rewriteHeader(source, (h) => {
      const slots = h.slots as unknown[];
      h.slots = Array.from({ length: 1000 }, () => structuredClone(slots[0]));
    });
    const { result, calls } = await openDamaged(crowded);
    assert.equal(result.status, 'rejected');
    const error = (result as PromiseRejectedResult).reason as Error & { code?: string };
    assert.equal(error.code, 'UnsafeKdfParameters', String(error));
    assert.match(error.message, new RegExp(`1000 key slots; at most ${maxKeySlots}`));
    assert.equal(calls, 0, 'no scrypt ran');
  });

  it('skips a slot whose wrapped key, nonce or salt has the wrong length without deriving its key', async () => {
    for (const field of ['wrappedKey', 'nonce', 'salt'] as const) {
      const hollow = rewriteHeader(source, (h) => {
        const slot = (h.slots as Array<Record<string, string>>)[0];
        slot[field] = field === 'wrappedKey' ? '' : Buffer.alloc(3).toString('base64');
      });
      const { result, calls } = await openDamaged(hollow);
      assert.equal(result.status, 'rejected', field);
      assert.equal(((result as PromiseRejectedResult).reason as { code?: string }).code, 'WrongKey', field);
      assert.equal(calls, 0, `${field}: no scrypt ran for a malformed slot`);
    }
  });

  it(`lets a vault hold at most ${maxKeySlots} slots`, async () => {
    const store = await VaultStore.create(join(dir, 'many.swv'), { kind: 'raw', key: generateRawVaultKey() });
    let last = generateRawVaultKey();
    for (let i = 1; i < maxKeySlots; i++) {
      last = generateRawVaultKey();
      await store.addKeySlot({ kind: 'raw', key: last });
    }
    assert.equal((await store.listKeySlots()).length, maxKeySlots);
    await assert.rejects(store.addKeySlot({ kind: 'raw', key: generateRawVaultKey() }), /at most 16 key slots/);
    assert.equal((await store.listKeySlots()).length, maxKeySlots);
    store.close();
    const reopened = await VaultStore.open(join(dir, 'many.swv'), { kind: 'raw', key: last });
    assert.equal((await reopened.listKeySlots()).length, maxKeySlots, `a file with exactly ${maxKeySlots} slots opens`);
    reopened.close();
  });
});
