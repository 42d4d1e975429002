import { strict as assert } from 'node:assert';
import { describeFilter, parseFilterText } from '../../../src/core/explorer/filter';
import { countUnder, groupByFolder } from '../../../src/core/explorer/folders';
import { PagedList } from '../../../src/core/explorer/paging';
import {
  secretDescription,
  secretMarkings,
  secretTooltip,
  sortVersions,
  versionLabel,
  versionTooltip,
} from '../../../src/core/explorer/present';
import type { SecretMetadata, SecretVersionEntry } from '../../../src/core/store/types';

const meta = (over: Partial<SecretMetadata> = {}): SecretMetadata => ({
  arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:app/db-AbCdEf',
  name: 'app/db',
  rotationEnabled: false,
  createdDate: new Date('2026-01-02T03:04:05Z'),
  tags: [],
  versionIdsToStages: {},
  ...over,
});

describe('explorer view-model', () => {
  describe('groupByFolder', () => {
    const names = ['prod/db', 'prod/api/key', 'dev/db', 'root', '/leading', 'trailing/', 'a//b'];
    it('returns the first path segments as folders and the rest as items', () => {
      const root = groupByFolder(names, (n) => n);
      assert.deepEqual(root.folders, ['a', 'dev', 'prod']);
      assert.deepEqual(root.items, ['root', '/leading', 'trailing/']);
    });
    it('descends into a folder by prefix', () => {
      const prod = groupByFolder(names, (n) => n, 'prod/');
      assert.deepEqual(prod.folders, ['api']);
      assert.deepEqual(prod.items, ['prod/db']);
      assert.deepEqual(groupByFolder(names, (n) => n, 'a/').items, ['a//b']);
      assert.equal(
        countUnder(names, (n) => n, 'prod/'),
        2,
      );
    });
  });

  describe('parseFilterText', () => {
    it('maps prefixes to ListSecrets filter keys and plain words to "all"', () => {
      assert.deepEqual(parseFilterText('name:prod/ tag:team db desc:rotated tag-value:x'), [
        { key: 'name', values: ['prod/'] },
        { key: 'tag-key', values: ['team'] },
        { key: 'all', values: ['db'] },
        { key: 'description', values: ['rotated'] },
        { key: 'tag-value', values: ['x'] },
      ]);
      assert.equal(parseFilterText('   '), undefined);
      assert.equal(describeFilter(parseFilterText('name:a name:b')), 'name: a, b');
    });
  });

  describe('PagedList', () => {
    it('loads pages on demand, shares a concurrent request, and keeps errors for retry', async () => {
      let calls = 0;
      let fail = false;
      const list = new PagedList<number>(async (token) => {
        calls++;
        if (fail) throw new Error('boom');
        const start = Number(token ?? 0);
        return { items: [start, start + 1], nextToken: start + 2 < 6 ? String(start + 2) : undefined };
      });
      assert.equal(list.hasMore, true);
      await Promise.all([list.ensureFirstPage(), list.ensureFirstPage(), list.loadMore()]);
      assert.deepEqual(list.items, [0, 1]);
      assert.equal(calls, 1);
      fail = true;
      await assert.rejects(list.loadMore(), /boom/);
      assert.ok(list.error);
      fail = false;
      await list.loadMore();
      await list.loadMore();
      assert.deepEqual(list.items, [0, 1, 2, 3, 4, 5]);
      assert.equal(list.hasMore, false);
      await list.loadMore();
      assert.equal(calls, 4);
    });
  });

  describe('markings and tooltips', () => {
    it('marks deletion with its date, rotation, and a stuck AWSPENDING', () => {
      const secret = meta({
        deletedDate: new Date('2026-03-01T00:00:00Z'),
        deletionDate: new Date('2026-03-08T00:00:00Z'),
        rotationEnabled: true,
        versionIdsToStages: { a: ['AWSCURRENT'], b: ['AWSPENDING'] },
      });
      assert.deepEqual(secretMarkings(secret), {
        scheduledForDeletion: true,
        rotationEnabled: true,
        stuckPending: true,
        cleanupCandidate: false,
      });
      assert.equal(secretDescription(secret), 'deletion on 2026-03-08 · AWSPENDING stuck · rotation on');
      assert.equal(
        secretMarkings(meta({ versionIdsToStages: { a: ['AWSCURRENT', 'AWSPENDING'] } })).stuckPending,
        false,
      );
    });
    it('marks a secret unread for 90 days as a cleanup candidate, in description and tooltip', () => {
      const now = new Date('2026-06-01T00:00:00Z');
      const stale = meta({ lastAccessedDate: new Date('2026-03-01T00:00:00Z') });
      assert.equal(secretDescription(stale, now), 'unread 92+ days');
      assert.match(secretTooltip(stale, now), /Cleanup candidate: not read for 92 days \\\(over 90\\\)/);
      assert.match(secretTooltip(stale, now), /Last accessed: 2026\\-03\\-01/);
      const fresh = meta({ lastAccessedDate: new Date('2026-03-05T00:00:00Z') });
      assert.equal(secretDescription(fresh, now), '');
      assert.doesNotMatch(secretTooltip(fresh, now), /Cleanup/);
      // never read: counted from creation (2026-01-02T03:04Z, 149 whole days before)
      assert.equal(secretDescription(meta(), now), 'unread 149+ days');
      assert.match(secretTooltip(meta(), now), /never read, created 149 days ago/);
    });
    it('puts ARN, description, KMS key, rotation, dates and tags in the tooltip', () => {
      const tooltip = secretTooltip(
        meta({
          description: 'Primary DB',
          kmsKeyId: 'alias/app',
          rotationEnabled: true,
          rotationLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:rotate',
          rotationRules: { automaticallyAfterDays: 30 },
          lastRotatedDate: new Date('2026-02-01T00:00:00Z'),
          tags: [{ key: 'team', value: 'payments' }],
        }),
      );
      for (const part of [
        'ARN',
        'Primary DB',
        'alias/app',
        'function:rotate',
        'every 30 days',
        'Last rotated: 2026\\-02\\-01',
        'team=payments',
      ]) {
        assert.ok(tooltip.includes(part), `tooltip lacks ${part}:\n${tooltip}`);
      }
    });
    it('labels versions by stages (or deprecated) and sorts AWSCURRENT, AWSPENDING, AWSPREVIOUS, others', () => {
      const v = (id: string, stages: string[], day: number): SecretVersionEntry => ({
        versionId: id,
        versionStages: stages,
        createdDate: new Date(Date.UTC(2026, 0, day)),
      });
      const sorted = sortVersions([
        v('old', [], 1),
        v('prev', ['AWSPREVIOUS'], 2),
        v('cur', ['AWSCURRENT'], 3),
        v('pend', ['AWSPENDING'], 4),
        v('custom', ['blue'], 5),
      ]);
      assert.deepEqual(
        sorted.map((x) => x.versionId),
        ['cur', 'pend', 'prev', 'custom', 'old'],
      );
      assert.equal(versionLabel(v('old', [], 1)), 'deprecated');
      assert.equal(versionLabel(v('c', ['AWSCURRENT', 'blue'], 1)), 'AWSCURRENT, blue');
      assert.match(versionTooltip(v('pend', ['AWSPENDING'], 4)), /stuck AWSPENDING/);
    });
  });
});
