// Tamper evidence: 1,000 random single-byte flips and 100 truncations of a vault file are all refused with a
// tamper or format error; none opens. The vault has a raw-key and a passphrase slot and several chunks, and is
// opened with the raw key (no KDF per attempt); the header checksum is checked before any slot is used.
import { strict as assert } from 'node:assert';
import { randomInt } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { syntheticValue } from '../store/contract';
import { withTempDir } from './helpers';

const refusals = new Set(['Tampered', 'Corrupt', 'UnsupportedVersion']);

/** Seeded positions and flips (mulberry32): a failure names its seed; SWB_TAMPER_SEED=<seed> replays it. */
const seed = Number(process.env.SWB_TAMPER_SEED) || randomInt(2 ** 31);
function seededInt(state: { a: number }, min: number, max: number): number {
  state.a = (state.a + 0x6d2b79f5) >>> 0;
  let t = state.a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return min + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (max - min));
}

describe('vault tamper evidence', function () {
  this.timeout(300_000);
  const rawKey = generateRawVaultKey();
  let dir: string;
  let cleanup: () => Promise<void>;
  let original: Buffer;

  before(async () => {
    ({ dir, cleanup } = await withTempDir());
    const path = join(dir, 'source.swv');
    const store = await VaultStore.create(path, { kind: 'raw', key: rawKey });
    for (let i = 0; i < 12; i++) {
      await store.createSecret({
        name: `tamper/s${i}`,
        secretString: syntheticValue(),
        description: `d${i}`,
        tags: [{ key: 'k', value: `v${i}` }],
      });
    }
    await store.addKeySlot({ kind: 'passphrase', passphrase: `pp-${syntheticValue()}` });
    store.close();
    original = await readFile(path);
  });
  after(() => cleanup());

  /** Returns the refusal code, or fails if the damaged bytes open. */
  async function refusalOf(bytes: Buffer, label: string): Promise<string> {
    const path = join(dir, 'damaged.swv');
    await writeFile(path, bytes);
    try {
      const store = await VaultStore.open(path, { kind: 'raw', key: rawKey });
      await store.listSecrets();
      store.close();
    } catch (error) {
      const code = (error as { code?: string }).code ?? String(error);
      assert.ok(refusals.has(code), `${label}: refused with ${code}, expected a tamper or format error`);
      assert.ok((await readFile(path)).equals(bytes), `${label}: the file was left as it was`);
      return code;
    }
    assert.fail(`${label}: a damaged vault was read as valid`);
  }

  it('refuses 1,000 random single-byte flips', async () => {
    const counts = new Map<string, number>();
    const random = { a: seed };
    for (let i = 0; i < 1000; i++) {
      const damaged = Buffer.from(original);
      const at = seededInt(random, 0, damaged.length);
      const flip = seededInt(random, 1, 256);
      damaged[at] ^= flip;
      const code = await refusalOf(damaged, `flip ${flip} at ${at} (SWB_TAMPER_SEED=${seed})`);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    console.log(
      `      1000 flips over ${original.length} bytes (seed ${seed}) refused: ${JSON.stringify(Object.fromEntries(counts))}`,
    );
  });

  it('refuses 100 truncations', async () => {
    const counts = new Map<string, number>();
    const random = { a: seed ^ 0x5eed };
    for (let i = 0; i < 100; i++) {
      const keep = seededInt(random, 0, original.length);
      const code = await refusalOf(original.subarray(0, keep), `truncated to ${keep} (SWB_TAMPER_SEED=${seed})`);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    console.log(`      100 truncations refused: ${JSON.stringify(Object.fromEntries(counts))}`);
  });

  it('opens the undamaged original (the refusals are not a broken reader)', async () => {
    const path = join(dir, 'intact.swv');
    await writeFile(path, original);
    const store = await VaultStore.open(path, { kind: 'raw', key: rawKey });
    assert.equal((await store.listSecrets()).secrets.length, 12);
    store.close();
  });
});
