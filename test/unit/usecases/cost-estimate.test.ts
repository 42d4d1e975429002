// The Cost Estimate use case: on a memory store (the local vault's engine) with a moved clock, and through the
// AWS store against the project's server, so replicas travel the real wire shapes and SDK.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretsManagerPrices as prices } from '../../../src/core/posture/prices';
import { MemoryStore } from '../../../src/core/store/memory-store';
import type { SecretStore } from '../../../src/core/store/types';
import { AccessLogWriter } from '../../../src/core/access/log';
import type { AccessEventsOptions } from '../../../src/core/store/types';
import type { SecretIdentity } from '../../../src/core/access/event';
import { readAccessHistory } from '../../../src/core/access/log';
import { accessLogSample, estimateStoreCost, storeHistorySample } from '../../../src/core/usecases/cost-estimate';
import { startLocalAws, type LocalAws } from '../aws/helpers';
import { syntheticValue } from '../store/contract';

const day = 86_400_000;

describe('cost estimate (use case)', function () {
  this.timeout(30_000);
  let local: LocalAws | undefined;
  afterEach(async () => {
    await local?.close();
    local = undefined;
  });

  /**
   * team/db (replicated to eu-central-1, and to ap-south-1 with a key of another region: Failed), team/api-key,
   * team/never-read, team/gone (scheduled for deletion) and other/x, created 100 days before all but
   * team/never-read are read.
   */
  async function fill(store: SecretStore, advanceDays: (days: number) => void) {
    for (const name of ['team/db', 'team/api-key', 'team/never-read', 'team/gone', 'other/x']) {
      await store.createSecret({ name, secretString: syntheticValue() });
    }
    await store.replicateSecretToRegions({
      secretId: 'team/db',
      addReplicaRegions: [
        { region: 'eu-central-1' },
        {
          region: 'ap-south-1',
          kmsKeyId: 'arn:aws:kms:eu-west-3:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      ],
    });
    advanceDays(100);
    for (const name of ['team/db', 'team/api-key', 'other/x']) await store.getSecretValue({ secretId: name });
    await store.deleteSecret({ secretId: 'team/gone', recoveryWindowInDays: 7 });
  }

  it('a folder of the local engine: secrets not scheduled for deletion and replicas, the never-read one as the saving', async () => {
    let clock = Date.parse('2026-01-01T09:00:00Z');
    const store = new MemoryStore({ now: () => clock });
    await fill(store, (days) => (clock += days * day));
    const now = new Date(clock);
    const result = await estimateStoreCost({ store, prefix: 'team/', prices, now });
    const e = result.estimate;
    assert.deepEqual(
      [e.secrets.length, e.billedSecrets, e.replicas, e.scheduledForDeletion, e.storageMonthly],
      [4, 3, 1, 1, 1_600_000],
    );
    assert.deepEqual(
      e.unused.map((c) => c.name),
      ['team/never-read'],
    );
    assert.equal(e.savingMonthly, 400_000);
    assert.equal(e.apiCalls, undefined);
    assert.equal(result.sampleSource, undefined);
  });

  it("AWS: replicas from DescribeSecret are billed (not a failed one), and the folder's calls are sampled", async () => {
    local = await startLocalAws();
    const store = await local.connect({ cache: { ttlMs: 0 } });
    await fill(store, (days) => local!.advanceClock(days * day));
    const now = new Date(Date.now() + 100 * day);
    const events = [
      ...Array.from({ length: 30 }, (_, i) => ({
        time: new Date(now.getTime() - i * day),
        action: 'GetSecretValue',
        secretId: 'team/db',
      })),
      { time: new Date(now.getTime() - day), action: 'GetSecretValue', secretId: 'other/x' },
      { time: new Date(now.getTime() - day), action: 'ListSecrets' },
    ];
    const result = await estimateStoreCost({
      store,
      prefix: 'team/',
      prices,
      now,
      accessSample: async () => ({
        samples: [{ events, since: new Date(now.getTime() - 30 * day) }],
        source: 'CloudTrail',
      }),
    });
    const e = result.estimate;
    assert.equal(e.replicas, 1, 'InSync counted, Failed not');
    assert.equal(e.storageMonthly, 1_600_000); // 3 billed + 1 replica
    assert.deepEqual(e.apiCalls, { sampled: 30, days: 30, perMonth: 30, monthly: 150 }); // 30 × 730 h / 720 h
    assert.equal(e.totalMonthly, 1_600_150);
    assert.equal(result.sampleSource, 'CloudTrail');
    assert.deepEqual(result.undescribed, []);
    assert.deepEqual(
      e.unused.map((c) => c.name),
      ['team/never-read'],
    );
    const db = e.secrets.find((c) => c.name === 'team/db');
    assert.deepEqual([db?.billed, db?.replicas, db?.monthly], [true, 1, 800_000]);

    const whole = await estimateStoreCost({
      store,
      prefix: '',
      prices,
      now,
      accessSample: async () => ({
        samples: [{ events, since: new Date(now.getTime() - 30 * day) }],
        source: 'CloudTrail',
      }),
    });
    assert.equal(whole.estimate.apiCalls?.sampled, 32, 'the connection counts every call, listings too');
    assert.equal(whole.estimate.storageMonthly, 2_000_000);
  });

  it("samples API calls from the local server's access log; an absent log is no sample", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cost-log-'));
    try {
      const logPath = join(dir, 'vault.swv.access.jsonl');
      const store = new MemoryStore();
      await fill(store, () => undefined);
      const now = new Date();
      const none = await estimateStoreCost({ store, prefix: '', prices, now, accessSample: accessLogSample(logPath) });
      assert.equal(none.estimate.apiCalls, undefined);
      const writer = new AccessLogWriter(logPath);
      const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
      // 73 calls over the 73 hours from the first one to now: 730 a month
      for (let i = 0; i < 73; i++) {
        writer.append({
          time: at(73 - i),
          action: 'GetSecretValue',
          principal: 'arn:aws:iam::000000000000:user/local',
          secretId: i % 2 ? 'team/db' : 'arn:aws:secretsmanager:us-east-1:000000000000:secret:other/x-AbCdEf',
          secretName: i % 2 ? 'team/db' : 'other/x',
          source: 'local',
        });
      }
      await writer.flush();
      const whole = await estimateStoreCost({ store, prefix: '', prices, now, accessSample: accessLogSample(logPath) });
      assert.deepEqual(whole.estimate.apiCalls, { sampled: 73, days: 3, perMonth: 730, monthly: 3_650 });
      assert.equal(whole.sampleSource, 'the local server access log');
      const team = await estimateStoreCost({
        store,
        prefix: 'team/',
        prices,
        now,
        accessSample: accessLogSample(logPath),
      });
      assert.deepEqual(
        team.estimate.apiCalls,
        { sampled: 36, days: 3, perMonth: 360, monthly: 1_800 },
        "the folder's calls only (by resolved name), over the whole log's period",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("samples each secret's own history (as CloudTrail per secret), over its window, creation or cut-off", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cost-history-'));
    try {
      const logPath = join(dir, 'vault.swv.access.jsonl');
      let clock = Date.parse('2026-06-01T00:00:00Z');
      // the vault store's own accessEvents: its access log, per secret
      const store = Object.assign(new MemoryStore({ now: () => clock }), {
        accessEvents: (secret: SecretIdentity, options: AccessEventsOptions = {}) =>
          readAccessHistory(logPath, { secret, limit: options.limit }),
      });
      for (const name of ['team/api', 'team/db']) await store.createSecret({ name, secretString: syntheticValue() });
      clock += 190 * day;
      await store.createSecret({ name: 'team/new', secretString: syntheticValue() });
      clock += 10 * day;
      const now = new Date(clock);
      const writer = new AccessLogWriter(logPath);
      const calls = (name: string, count: number, everyHours: number) => {
        for (let i = count; i >= 1; i--) {
          const time = new Date(clock - i * everyHours * 3_600_000);
          writer.append({ time, action: 'GetSecretValue', principal: 'app', secretName: name, source: 'local' });
        }
      };
      calls('team/db', 365, 6); // the newest 100 (the limit) reach back 25 days: 4 a day
      calls('team/api', 9, 24 * 9); // 9 in the 90-day window
      calls('team/new', 5, 24); // 5 since its creation 10 days ago
      await writer.flush();
      const all = await estimateStoreCost({ store, prefix: '', prices, now, accessSample: storeHistorySample(store) });
      // 4/day + 9/90 days + 5/10 days, over a 730-hour month: 121.67 + 3.04 + 15.21 = 139.92
      assert.deepEqual(all.estimate.apiCalls, { sampled: 114, days: 90, perMonth: 140, monthly: 700 });
      assert.equal(all.sampleSource, 'CloudTrail');
      const some = await estimateStoreCost({
        store,
        prefix: 'team/',
        prices,
        now,
        accessSample: storeHistorySample(store, { maxSecrets: 2 }),
      });
      // team/api and team/new (every other secret in listing order) stand for three: (3.04 + 15.21) × 1.5
      assert.equal(some.estimate.apiCalls?.perMonth, 27);
      assert.equal(some.sampleSource, 'CloudTrail (2 of 3 secrets, scaled to all)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a failed sample leaves API calls not estimated, with the reason', async () => {
    const store = new MemoryStore();
    await store.createSecret({ name: 'x', secretString: syntheticValue() });
    const result = await estimateStoreCost({
      store,
      prefix: '',
      prices,
      now: new Date(),
      accessSample: async () => {
        throw new Error('Reading who accessed this secret needs the IAM permission cloudtrail:LookupEvents');
      },
    });
    assert.equal(result.estimate.apiCalls, undefined);
    assert.match(result.sampleError ?? '', /cloudtrail:LookupEvents/);
    assert.equal(result.estimate.storageMonthly, 400_000);
  });
});
