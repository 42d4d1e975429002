import { strict as assert } from 'node:assert';
import {
  estimateApiCalls,
  estimateCost,
  formatUsd,
  sampleOf,
  secretCost,
  type AccessEventLike,
} from '../../../src/core/posture/cost';
import { costLens, costReport } from '../../../src/core/posture/cost-report';
import { pricesWith, secretsManagerPrices as prices } from '../../../src/core/posture/prices';
import type { SecretMetadata } from '../../../src/core/store/types';

const now = new Date('2026-06-01T00:00:00Z');
const day = 86_400_000;
const daysAgo = (n: number) => new Date(now.getTime() - n * day);
const arnOf = (name: string) => `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${name}-AbCdEf`;
const secret = (name: string, extra: Partial<SecretMetadata> = {}): SecretMetadata => ({
  arn: arnOf(name),
  name,
  rotationEnabled: false,
  createdDate: daysAgo(400),
  tags: [],
  versionIdsToStages: {},
  lastAccessedDate: daysAgo(1),
  ...extra,
});
const calls = (count: number, secretId: string | undefined, spreadDays: number): AccessEventLike[] =>
  Array.from({ length: count }, (_, i) => ({
    time: new Date(now.getTime() - ((i + 1) * spreadDays * day) / count),
    action: 'GetSecretValue',
    ...(secretId ? { secretId } : {}),
  }));

describe('posture: cost estimate', () => {
  it('bills each secret and each replica that exists at $0.40; not a failed replica, not one scheduled for deletion', () => {
    const secrets = [
      secret('app/db', {
        replicationStatus: [
          { region: 'us-east-1', status: 'InSync' },
          { region: 'eu-central-1', status: 'InProgress' },
          { region: 'ap-south-1', status: 'Failed' },
        ],
      }),
      secret('app/api-key'),
      secret('old/token', { deletedDate: daysAgo(2) }),
    ];
    const estimate = estimateCost(secrets, prices, now);
    assert.equal(estimate.billedSecrets, 2);
    assert.equal(estimate.replicas, 2);
    assert.equal(estimate.scheduledForDeletion, 1);
    assert.equal(formatUsd(estimate.storageMonthly), '$1.60'); // (2 + 2) × $0.40, exactly
    assert.equal(estimate.storageMonthly, 1_600_000);
    assert.equal(estimate.apiCalls, undefined, 'no sample: calls not estimated');
    assert.equal(estimate.totalMonthly, 1_600_000);
    assert.deepEqual(estimate.unused, []);
  });

  it('counts unused secrets (unread for 90 days, or never read and created that long ago) and what deleting them saves', () => {
    const secrets = [
      secret('a/fresh', { lastAccessedDate: daysAgo(89) }),
      secret('a/new-never-read', { lastAccessedDate: undefined, createdDate: daysAgo(89) }),
      secret('a/stale', { lastAccessedDate: daysAgo(90) }),
      secret('a/never', { lastAccessedDate: undefined }),
      secret('a/replicated-stale', {
        lastAccessedDate: daysAgo(200),
        replicationStatus: [{ region: 'us-east-1', status: 'InSync', lastAccessedDate: daysAgo(200) }],
      }),
      secret('a/read-in-replica', {
        lastAccessedDate: daysAgo(200),
        replicationStatus: [{ region: 'us-east-1', status: 'InSync', lastAccessedDate: daysAgo(3) }],
      }),
      secret('a/deleted-never-read', { lastAccessedDate: undefined, deletedDate: daysAgo(1) }),
    ];
    const estimate = estimateCost(secrets, prices, now);
    assert.deepEqual(
      estimate.unused.map((c) => [c.name, c.unused?.reason, c.monthly]),
      [
        ['a/replicated-stale', 'unread', 800_000],
        ['a/never', 'never-read', 400_000],
        ['a/stale', 'unread', 400_000],
      ],
    );
    assert.equal(formatUsd(estimate.savingMonthly), '$1.60');
    assert.equal(formatUsd(estimate.storageMonthly), '$3.20'); // 6 billed + 2 replicas
    const lens = costLens(estimate, { complete: false, localOnly: false, filtered: false });
    assert.equal(lens.description, '≥ $3.20/mo');
    assert.match(lens.tooltip, /3 unused \(unread for 90 days\): deleting them saves \$1\.60\/mo/);
    assert.match(lens.tooltip, /Only the secrets loaded so far/);
  });

  it('extrapolates API calls from a sample to a 730-hour month at $0.05 per 10,000', () => {
    // 7,300 calls over 10 days → 7,300 × 730 h / 240 h = 22,204.17 → 22,204 calls → $0.11102
    const sample = { events: calls(7_300, 'app/db', 10), since: daysAgo(10) };
    const estimate = estimateApiCalls(sample, prices, now);
    assert.deepEqual(estimate, { sampled: 7_300, days: 10, perMonth: 22_204, monthly: 111_020 });
    assert.equal(formatUsd(estimate!.monthly), '$0.11');
    const total = estimateCost([secret('app/db')], prices, now, sample);
    assert.equal(total.totalMonthly, 400_000 + 111_020);
  });

  it('takes the period from the first event to now when the sample does not say, a day at least', () => {
    assert.deepEqual(estimateApiCalls({ events: calls(2, 'x', 73 / 24) }, prices, now), {
      sampled: 2,
      days: 3,
      perMonth: 20, // 2 calls in 73 hours (the earlier is 73 h old)
      monthly: 100,
    });
    assert.equal(formatUsd(100), '$0.0001');
    assert.equal(estimateApiCalls({ events: [] }, prices, now), undefined);
    assert.equal(estimateApiCalls({ events: [], since: daysAgo(5) }, prices, now)?.perMonth, 0);
    // a call just made counts over a day, not over no time: 730 / 24 = 30.4 a month
    assert.equal(estimateApiCalls({ events: [{ time: now, action: 'ListSecrets' }] }, prices, now)?.perMonth, 30);
  });

  it("keeps a folder's events: by name, full ARN or partial ARN, not other secrets or listings", () => {
    const folder = [secret('team/a'), secret('team/b')];
    const events: AccessEventLike[] = [
      { time: daysAgo(1), action: 'GetSecretValue', secretId: 'team/a' },
      { time: daysAgo(4), action: 'GetSecretValue', secretId: 'alias-as-written', secretName: 'team/a' },
      { time: daysAgo(1), action: 'GetSecretValue', secretId: arnOf('team/b') },
      { time: daysAgo(1), action: 'DescribeSecret', secretId: arnOf('team/b').slice(0, -7) },
      { time: daysAgo(1), action: 'GetSecretValue', secretId: 'team/c' },
      { time: daysAgo(1), action: 'GetSecretValue', secretId: arnOf('team/bb').slice(0, -7) },
      { time: daysAgo(5), action: 'ListSecrets' },
    ];
    const kept = sampleOf({ events }, folder);
    assert.deepEqual(
      kept.events.map((e) => `${e.action}:${e.secretId}`),
      events.slice(0, 4).map((e) => `${e.action}:${e.secretId}`),
    );
    assert.deepEqual(kept.since, daysAgo(5), "the whole sample's period (from its first event)");
  });

  it('uses prices overridden in settings, ignoring figures that are not usable', () => {
    const custom = pricesWith({ perSecretMonth: 0.45, per10kApiCalls: 'cheap' });
    assert.equal(custom.perSecretMonth, 0.45);
    assert.equal(custom.per10kApiCalls, 0.05);
    assert.match(custom.asOf, /overridden/);
    assert.equal(pricesWith({ perSecretMonth: -1 }), prices);
    assert.equal(secretCost(secret('x'), custom, now).monthly, 450_000);
  });

  it('formats amounts to the cent, and to four decimals under a cent', () => {
    assert.deepEqual([0, 40, 1_520, 9_999, 10_000, 1_234_567].map(formatUsd), [
      '$0.00',
      '< $0.0001',
      '$0.0015',
      '$0.0100',
      '$0.01',
      '$1.23',
    ]);
  });

  it('reports totals, the API-call line and the unused secrets as Markdown, with the price source', () => {
    const estimate = estimateCost(
      [
        secret('app/db', { replicationStatus: [{ region: 'us-east-1', status: 'InSync' }] }),
        secret('app/never|read', { lastAccessedDate: undefined }),
        secret('app/gone', { deletedDate: daysAgo(1) }),
      ],
      prices,
      now,
    );
    const text = costReport({ scope: 'prod', estimate, prices, localOnly: false, generatedAt: now });
    assert.match(text, /^# Cost estimate: prod\n/);
    assert.match(text, /Estimated per month: \*\*\$1\.20\*\*/);
    assert.match(text, /\| Secrets \| 2 \| \$0\.80 \|/);
    assert.match(text, /\| Replicas \(billed as secrets\) \| 1 \| \$0\.40 \|/);
    assert.match(text, /\| Scheduled for deletion \(not billed\) \| 1 \| \$0\.00 \|/);
    assert.match(text, /\| API calls \| not estimated \| — \|/);
    assert.match(text, /save \*\*\$0\.40\*\* per month/);
    assert.match(text, /\| app\/never\\\|read \| never \| 0 \| \$0\.40 \|/);
    assert.ok(text.includes(prices.source) && text.includes(prices.asOf));
    assert.doesNotMatch(text, /not billed: these are the figures/);
    const local = costReport({ scope: 'Local vault', estimate, prices, localOnly: true, generatedAt: now });
    assert.match(local, /The local vault is not billed/);
    const refused = costReport({
      scope: 'prod',
      estimate,
      prices,
      localOnly: false,
      generatedAt: now,
      sampleError: 'needs cloudtrail:LookupEvents',
    });
    assert.match(
      refused,
      /^API calls: not estimated, the access sample could not be read: needs cloudtrail:LookupEvents$/m,
    );
  });
});
