// The Cost Estimate use case: on a memory store (the local vault's engine), and through the AWS store against
// the project's server, whose backend reports a replica the way DescribeSecret does (the engine has no
// replication of its own), so the replica travels the real wire shapes and SDK.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secretsManagerPrices as prices } from '../../../src/core/posture/prices';
import { MemoryStore } from '../../../src/core/store/memory-store';
import type { SecretStore } from '../../../src/core/store/types';
import { AccessLogWriter } from '../../../src/core/access/log';
import { accessLogSample, estimateStoreCost } from '../../../src/core/usecases/cost-estimate';
import { startLocalAws, type LocalAws } from '../aws/helpers';
import { syntheticValue } from '../store/contract';

const day = 86_400_000;

/** The backend with one secret replicated to us-east-1 (InSync) and ap-south-1 (Failed), as AWS reports it. */
function withReplicas(store: MemoryStore, replicated: string): SecretStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'describeSecret') return Reflect.get(target, property, receiver);
      return async (secretId: string) => {
        const metadata = await target.describeSecret(secretId);
        if (metadata.name !== replicated) return metadata;
        return {
          ...metadata,
          replicationStatus: [
            { region: 'us-east-1', status: 'InSync', lastAccessedDate: new Date() },
            { region: 'ap-south-1', status: 'Failed', statusMessage: 'Secret with this name already exists' },
          ],
        };
      };
    },
  });
}

describe('cost estimate (use case)', function () {
  this.timeout(30_000);
  let local: LocalAws | undefined;
  afterEach(async () => {
    await local?.close();
    local = undefined;
  });

  async function fill(store: SecretStore) {
    for (const name of ['team/db', 'team/api-key', 'team/never-read', 'team/gone', 'other/x']) {
      await store.createSecret({ name, secretString: syntheticValue() });
    }
    for (const name of ['team/db', 'team/api-key', 'other/x']) await store.getSecretValue({ secretId: name });
    await store.deleteSecret({ secretId: 'team/gone', recoveryWindowInDays: 7 });
  }

  it('a folder of the local engine: secrets not scheduled for deletion, never-read ones as the saving', async () => {
    const store = new MemoryStore();
    await fill(store);
    const now = new Date();
    const result = await estimateStoreCost({ store, prefix: 'team/', prices, now });
    const e = result.estimate;
    assert.deepEqual(
      [e.secrets.length, e.billedSecrets, e.replicas, e.scheduledForDeletion, e.storageMonthly],
      [4, 3, 0, 1, 1_200_000],
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
    const backend = new MemoryStore();
    local = await startLocalAws({ store: withReplicas(backend, 'team/db') });
    const store = await local.connect({ cache: { ttlMs: 0 } });
    await fill(store);
    const now = new Date();
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
        sample: { events, since: new Date(now.getTime() - 30 * day) },
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
    const db = e.secrets.find((c) => c.name === 'team/db');
    assert.deepEqual([db?.billed, db?.replicas, db?.monthly], [true, 1, 800_000]);

    const whole = await estimateStoreCost({
      store,
      prefix: '',
      prices,
      now,
      accessSample: async () => ({
        sample: { events, since: new Date(now.getTime() - 30 * day) },
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
      await fill(store);
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
});
