// Format version 2: a vault written by the previous release (version 1, committed fixture) opens and is migrated
// on its first write; bucket ids are keyed by the data key; buckets are decoded lazily and a put re-encrypts
// only the bucket it touched.
import { strict as assert } from 'node:assert';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unkeyedBucketOf } from '../../../src/core/vault/format';
import { VaultStore, generateRawVaultKey, vaultMagic } from '../../../src/core/vault/index';
import type { Snapshot } from '../../../src/core/vault/snapshot';
import { syntheticValue } from '../store/contract';
import { withTempDir } from './helpers';

const fixture = join(__dirname, '..', '..', 'fixtures', 'vault');

interface FixtureFacts {
  rawKeyBase64: string;
  current: Record<string, string>;
  previous: Record<string, string>;
  scheduledForDeletion: string[];
}

function headerOf(bytes: Buffer): {
  generation: number;
  chunks: Array<{ bucket: number; nonce: string; length: number }>;
} {
  const length = bytes.readUInt32BE(vaultMagic.length + 2);
  const start = vaultMagic.length + 6;
  return JSON.parse(bytes.subarray(start, start + length).toString('utf8'));
}

const versionOf = (bytes: Buffer) => bytes.readUInt16BE(vaultMagic.length);
const snapshotOf = (store: VaultStore) => (store as unknown as { snapshot: Snapshot }).snapshot;

describe('vault format version 2', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await withTempDir()));
  after(() => cleanup());

  it('opens a version 1 vault without changing it, and migrates it to version 2 on the first write', async () => {
    const facts = JSON.parse(await readFile(join(fixture, 'v1.json'), 'utf8')) as FixtureFacts;
    const path = join(dir, 'migrate.swv');
    await copyFile(join(fixture, 'v1.swv'), path);
    const original = await readFile(path);
    assert.equal(versionOf(original), 1);
    const key = { kind: 'raw' as const, key: Buffer.from(facts.rawKeyBase64, 'base64') };
    // The fixture's clock: its scheduled deletion is still within its recovery window.
    const options = { now: () => Date.parse('2026-01-02T00:00:00Z') };

    const store = await VaultStore.open(path, key, options);
    for (const [name, value] of Object.entries(facts.current)) {
      if (facts.scheduledForDeletion.includes(name)) continue;
      assert.equal((await store.getSecretValue({ secretId: name })).secretString, value);
      const previous = await store.getSecretValue({ secretId: name, versionStage: 'AWSPREVIOUS' });
      assert.equal(previous.secretString, facts.previous[name]);
    }
    const all = await store.listSecrets({ includePlannedDeletion: true, maxResults: 100 });
    assert.equal(all.secrets.length, Object.keys(facts.current).length);
    assert.ok((await readFile(path)).equals(original), 'reads leave a version 1 file as it is');

    await store.putSecretValue({ secretId: 'fixture/app0/db', secretString: 'synthetic-after-migration' });
    store.close();
    const migrated = await readFile(path);
    assert.equal(versionOf(migrated), 2);

    const reopened = await VaultStore.open(path, key, options);
    assert.equal(
      (await reopened.getSecretValue({ secretId: 'fixture/app0/db' })).secretString,
      'synthetic-after-migration',
    );
    assert.equal(
      (await reopened.getSecretValue({ secretId: 'fixture/app0/db', versionStage: 'AWSPREVIOUS' })).secretString,
      facts.current['fixture/app0/db'],
    );
    for (const [name, value] of Object.entries(facts.current)) {
      if (name === 'fixture/app0/db' || facts.scheduledForDeletion.includes(name)) continue;
      assert.equal((await reopened.getSecretValue({ secretId: name })).secretString, value);
    }
    const deleted = await reopened.describeSecret(facts.scheduledForDeletion[0]);
    assert.ok(deleted.deletedDate, 'the secret scheduled for deletion still is');
    reopened.close();

    // Past its recovery window the scheduled secret is purged, found through the migrated index.
    const later = await VaultStore.open(path, key, { now: () => Date.parse('2026-03-01T00:00:00Z') });
    await assert.rejects(later.describeSecret(facts.scheduledForDeletion[0]), /can't find/);
    later.close();
  });

  it('keys bucket ids by the data key: the file does not show which bucket a name is in', async () => {
    const name = 'probe/payments/db';
    const buckets: number[] = [];
    for (let i = 0; i < 6; i++) {
      const path = join(dir, `keyed-${i}.swv`);
      const store = await VaultStore.create(path, { kind: 'raw', key: generateRawVaultKey() });
      await store.createSecret({ name, secretString: syntheticValue() });
      store.close();
      const dataChunks = headerOf(await readFile(path)).chunks.filter((c) => c.bucket < 256);
      assert.equal(dataChunks.length, 1);
      buckets.push(dataChunks[0].bucket);
    }
    assert.ok(
      buckets.some((b) => b !== unkeyedBucketOf(name)),
      `bucket ids follow the unkeyed name hash: ${buckets.join(', ')}`,
    );
    assert.ok(
      new Set(buckets).size > 1,
      `the same name lands in the same bucket in every vault: ${buckets.join(', ')}`,
    );
  });

  it('decodes only the buckets a read needs, and a put re-encrypts only the bucket it touched', async () => {
    const path = join(dir, 'lazy.swv');
    const key = { kind: 'raw' as const, key: generateRawVaultKey() };
    const writer = await VaultStore.create(path, key);
    for (let i = 0; i < 200; i++) await writer.createSecret({ name: `lazy/s${i}`, secretString: syntheticValue() });
    writer.close();

    const store = await VaultStore.open(path, key);
    const decoded = () => [...snapshotOf(store).buckets.values()].filter((b) => b.names).length;
    const total = snapshotOf(store).buckets.size;
    assert.ok(total > 100, `200 secrets spread over ${total} buckets`);
    assert.equal(decoded(), 0, 'open decodes no bucket');
    const before = headerOf(await readFile(path));
    await store.putSecretValue({ secretId: 'lazy/s42', secretString: syntheticValue() });
    const after = headerOf(await readFile(path));
    const nonces = (h: typeof before) =>
      new Map(h.chunks.filter((c) => c.bucket < 256).map((c) => [c.bucket, c.nonce]));
    const changed = [...nonces(after)].filter(([bucket, nonce]) => nonces(before).get(bucket) !== nonce);
    assert.equal(changed.length, 1, 'exactly one data bucket was re-encrypted');
    assert.equal(after.generation, before.generation + 1);
    assert.equal(decoded(), 1, 'the put decoded only the bucket it touched');
    await store.getSecretValue({ secretId: 'lazy/s7' });
    assert.ok(decoded() <= 2, 'one read decodes one bucket');

    await store.listSecrets({ maxResults: 1 });
    assert.equal(decoded(), total, 'a listing decodes every bucket');
    store.close();
  });

  it('refuses at open a vault with a damaged bucket it has not decoded', async () => {
    const path = join(dir, 'damaged.swv');
    const key = { kind: 'raw' as const, key: generateRawVaultKey() };
    const writer = await VaultStore.create(path, key);
    for (let i = 0; i < 20; i++) await writer.createSecret({ name: `damaged/s${i}`, secretString: syntheticValue() });
    writer.close();
    const bytes = await readFile(path);
    const head = bytes.length - headerOf(bytes).chunks.reduce((sum, c) => sum + c.length, 0);
    const copy = Buffer.from(bytes);
    copy[head + 3] ^= 1; // inside the first data chunk
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, copy);
    await assert.rejects(VaultStore.open(path, key), (error: Error & { code?: string }) => error.code === 'Tampered');
  });
});
