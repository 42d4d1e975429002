// Secrets Manager's rules as SecretsEngine implements them (issue #26): each rule pinned through the engine's
// public methods with a fixed clock and predictable version ids, so a broken guard fails a named test.
import { strict as assert } from 'node:assert';
import { SecretsEngine, versionRetention } from '../../../src/core/store/engine';
import { ErrorCode, SecretsError } from '../../../src/core/store/errors';
import { emptyState } from '../../../src/core/store/state';
import type { ListSecretsInput, SecretFilter } from '../../../src/core/store/types';

const day = 24 * 60 * 60 * 1000;
const start = Date.UTC(2026, 2, 4, 5, 6, 7);

function setup() {
  const clock = { now: start };
  let n = 0;
  const engine = new SecretsEngine(emptyState(), {
    region: 'eu-west-1',
    accountId: '123456789012',
    now: () => clock.now,
    newVersionId: () => `v${String(++n).padStart(3, '0')}`,
  });
  const tick = (ms = 1000) => (clock.now += ms);
  return { engine, clock, tick };
}

function throwsCode(fn: () => unknown, code: string, message?: string | RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof SecretsError, `expected a SecretsError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  });
}

const stagesOf = (engine: SecretsEngine, name: string) => engine.describeSecret(name).versionIdsToStages;

describe('store: SecretsEngine rules (Secrets Manager semantics)', () => {
  describe('staging labels', () => {
    it('refuses removing AWSCURRENT without moving it', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      throwsCode(
        () =>
          engine.updateSecretVersionStage({ secretId: 's', versionStage: 'AWSCURRENT', removeFromVersionId: 'v001' }),
        ErrorCode.invalidParameter,
        'You can only move the AWSCURRENT label to another version; it cannot be removed.',
      );
      assert.deepEqual(stagesOf(engine, 's'), { v001: ['AWSCURRENT'] });
    });

    it('refuses a RemoveFromVersionId the label is not attached to, and an unknown one', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      engine.putSecretValue({ secretId: 's', secretString: 'b', versionStages: ['CUSTOM'] });
      throwsCode(
        () => engine.updateSecretVersionStage({ secretId: 's', versionStage: 'CUSTOM', removeFromVersionId: 'v001' }),
        ErrorCode.invalidParameter,
        'The staging label CUSTOM is not attached to version v001.',
      );
      throwsCode(
        () =>
          engine.updateSecretVersionStage({
            secretId: 's',
            versionStage: 'CUSTOM',
            moveToVersionId: 'v001',
            removeFromVersionId: 'v001',
          }),
        ErrorCode.invalidParameter,
        'The staging label CUSTOM is not attached to version v001.',
      );
      throwsCode(
        () => engine.updateSecretVersionStage({ secretId: 's', versionStage: 'CUSTOM', removeFromVersionId: 'nope' }),
        ErrorCode.resourceNotFound,
        "Secrets Manager can't find the specified secret version: nope.",
      );
      throwsCode(
        () => engine.updateSecretVersionStage({ secretId: 's', versionStage: 'CUSTOM', moveToVersionId: 'nope' }),
        ErrorCode.resourceNotFound,
        "Secrets Manager can't find the specified secret version: nope.",
      );
      assert.deepEqual(stagesOf(engine, 's'), { v001: ['AWSCURRENT'], v002: ['CUSTOM'] });
    });

    it('needs MoveToVersionId or RemoveFromVersionId', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      throwsCode(
        () => engine.updateSecretVersionStage({ secretId: 's', versionStage: 'CUSTOM' }),
        ErrorCode.invalidParameter,
        'You must specify MoveToVersionId, RemoveFromVersionId, or both.',
      );
    });

    it('removes a custom label from its version', () => {
      const { engine, tick } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      engine.putSecretValue({ secretId: 's', secretString: 'b', versionStages: ['CUSTOM', 'OTHER'] });
      const changed = tick();
      engine.updateSecretVersionStage({ secretId: 's', versionStage: 'CUSTOM', removeFromVersionId: 'v002' });
      assert.deepEqual(stagesOf(engine, 's'), { v001: ['AWSCURRENT'], v002: ['OTHER'] });
      assert.equal(engine.describeSecret('s').lastChangedDate?.getTime(), changed);
    });

    it('moving a label held elsewhere needs RemoveFromVersionId naming the holder', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      engine.putSecretValue({ secretId: 's', secretString: 'b', versionStages: ['CUSTOM'] });
      throwsCode(
        () => engine.updateSecretVersionStage({ secretId: 's', versionStage: 'CUSTOM', moveToVersionId: 'v001' }),
        ErrorCode.invalidParameter,
        'The staging label CUSTOM is currently attached to version v002, ' +
          'so you must explicitly reference that version in RemoveFromVersionId.',
      );
      // Moving onto the version that already holds it is a no-op, not an error.
      engine.updateSecretVersionStage({ secretId: 's', versionStage: 'CUSTOM', moveToVersionId: 'v002' });
      assert.deepEqual(stagesOf(engine, 's'), { v001: ['AWSCURRENT'], v002: ['CUSTOM'] });
      // A label nobody holds yet moves without RemoveFromVersionId.
      engine.updateSecretVersionStage({ secretId: 's', versionStage: 'NEW', moveToVersionId: 'v001' });
      assert.deepEqual(stagesOf(engine, 's'), { v001: ['AWSCURRENT', 'NEW'], v002: ['CUSTOM'] });
    });

    it('moving a custom label does not move AWSPREVIOUS; moving AWSCURRENT does', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      engine.putSecretValue({ secretId: 's', secretString: 'b' });
      engine.putSecretValue({ secretId: 's', secretString: 'c', versionStages: ['CUSTOM'] });
      assert.deepEqual(stagesOf(engine, 's'), { v001: ['AWSPREVIOUS'], v002: ['AWSCURRENT'], v003: ['CUSTOM'] });
      engine.updateSecretVersionStage({
        secretId: 's',
        versionStage: 'CUSTOM',
        moveToVersionId: 'v002',
        removeFromVersionId: 'v003',
      });
      assert.deepEqual(stagesOf(engine, 's'), { v001: ['AWSPREVIOUS'], v002: ['AWSCURRENT', 'CUSTOM'] });
      engine.updateSecretVersionStage({
        secretId: 's',
        versionStage: 'AWSCURRENT',
        moveToVersionId: 'v001',
        removeFromVersionId: 'v002',
      });
      assert.deepEqual(stagesOf(engine, 's'), { v001: ['AWSCURRENT'], v002: ['CUSTOM', 'AWSPREVIOUS'] });
    });

    it('validates labels: 1 to 256 characters, at most 20 per version', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      const put = (versionStages: string[]) => () =>
        engine.putSecretValue({ secretId: 's', secretString: 'x', versionStages });
      throwsCode(put(['']), ErrorCode.invalidParameter, 'Staging labels must be 1 to 256 characters.');
      throwsCode(put(['L'.repeat(257)]), ErrorCode.invalidParameter, 'Staging labels must be 1 to 256 characters.');
      const many = Array.from({ length: 21 }, (_, i) => `L${i}`);
      throwsCode(put(many), ErrorCode.invalidParameter, 'A version can have at most 20 staging labels.');
      put(['L'.repeat(256), 'M'])();
      put(many.slice(0, 20))();
      throwsCode(
        () => engine.updateSecretVersionStage({ secretId: 's', versionStage: '', moveToVersionId: 'v001' }),
        ErrorCode.invalidParameter,
        'Staging labels must be 1 to 256 characters.',
      );
    });
  });

  describe('versions', () => {
    it('lists versions without a label only with IncludeDeprecated', () => {
      const { engine, tick } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      tick();
      engine.putSecretValue({ secretId: 's', secretString: 'b' });
      tick();
      engine.putSecretValue({ secretId: 's', secretString: 'c' }); // v001 loses AWSPREVIOUS: deprecated
      const ids = (includeDeprecated: boolean) =>
        engine
          .listSecretVersionIds({ secretId: 's', includeDeprecated })
          .versions.map((v) => v.versionId)
          .sort();
      assert.deepEqual(ids(false), ['v002', 'v003']);
      assert.deepEqual(ids(true), ['v001', 'v002', 'v003']);
    });

    it('a ClientRequestToken retry is idempotent only with the same SecretString and SecretBinary', () => {
      const { engine } = setup();
      engine.createSecret({
        name: 's',
        secretBinary: new Uint8Array([1, 2, 3]),
        clientRequestToken: 'tok-0001-aaaa-bbbb-cccc-dddddddddddd',
      });
      const token = 'tok-0002-aaaa-bbbb-cccc-dddddddddddd';
      const first = engine.putSecretValue({
        secretId: 's',
        secretBinary: new Uint8Array([4, 5]),
        clientRequestToken: token,
      });
      const again = engine.putSecretValue({
        secretId: 's',
        secretBinary: new Uint8Array([4, 5]),
        clientRequestToken: token,
      });
      assert.equal(again.versionId, first.versionId);
      assert.equal(engine.listSecretVersionIds({ secretId: 's', includeDeprecated: true }).versions.length, 2);
      const message = `A version with ClientRequestToken ${token} already exists with different secret data.`;
      throwsCode(
        () => engine.putSecretValue({ secretId: 's', secretBinary: new Uint8Array([4, 6]), clientRequestToken: token }),
        ErrorCode.resourceExists,
        message,
      );
      throwsCode(
        () => engine.putSecretValue({ secretId: 's', secretString: 'x', clientRequestToken: token }),
        ErrorCode.resourceExists,
        message,
      );
      const strings = 'tok-0003-aaaa-bbbb-cccc-dddddddddddd';
      engine.putSecretValue({ secretId: 's', secretString: 'same', clientRequestToken: strings });
      engine.putSecretValue({ secretId: 's', secretString: 'same', clientRequestToken: strings });
      throwsCode(
        () => engine.putSecretValue({ secretId: 's', secretString: 'other', clientRequestToken: strings }),
        ErrorCode.resourceExists,
      );
      const value = engine.getSecretValue({ secretId: 's', versionId: first.versionId });
      assert.deepEqual([...value.secretBinary!], [4, 5]);
      assert.equal(value.secretString, undefined);
    });

    it('prunes unlabelled versions beyond the newest 100 once they are a day old, keeping labelled ones', () => {
      const { engine, tick } = setup();
      assert.deepEqual(versionRetention, { count: 100, ageMs: day });
      engine.createSecret({ name: 's', secretString: 'v0' });
      engine.putSecretValue({ secretId: 's', secretString: 'keep', versionStages: ['KEEP'] }); // v002
      for (let i = 0; i < 105; i++) engine.putSecretValue({ secretId: 's', secretString: `v${i}` });
      const all = () => engine.listSecretVersionIds({ secretId: 's', includeDeprecated: true, maxResults: 100 });
      const count = () => {
        let total = 0;
        let nextToken: string | undefined;
        do {
          const page = engine.listSecretVersionIds({
            secretId: 's',
            includeDeprecated: true,
            maxResults: 100,
            nextToken,
          });
          total += page.versions.length;
          nextToken = page.nextToken;
        } while (nextToken);
        return total;
      };
      assert.equal(count(), 107, 'nothing is pruned while every version is younger than a day');
      tick(day - 1); // younger than a day: still kept
      engine.putSecretValue({ secretId: 's', secretString: 'later' });
      assert.equal(count(), 108);
      tick(1); // now the first 107 are exactly a day old: no longer protected by age
      engine.putSecretValue({ secretId: 's', secretString: 'latest' });
      const ids = new Set<string>();
      let nextToken: string | undefined;
      do {
        const page = engine.listSecretVersionIds({ secretId: 's', includeDeprecated: true, nextToken });
        for (const v of page.versions) ids.add(v.versionId);
        nextToken = page.nextToken;
      } while (nextToken);
      // The 100 newest, plus v002 (labelled KEEP); v001 lost its labels long ago.
      assert.ok(ids.has('v002'), 'a labelled version is never pruned');
      assert.ok(!ids.has('v001'), 'an old unlabelled version is pruned');
      assert.ok(!ids.has('v003'));
      assert.equal(ids.size, 101);
      assert.equal(all().versions[0].versionId, 'v109');
    });

    it('lists versions newest first, deprecated only on request, paged with no NextToken on the last page', () => {
      const { engine, tick } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      for (const value of ['b', 'c', 'd']) {
        tick();
        engine.putSecretValue({ secretId: 's', secretString: value });
      }
      const labelled = engine.listSecretVersionIds({ secretId: 's' });
      assert.deepEqual(
        labelled.versions.map((v) => [v.versionId, v.versionStages]),
        [
          ['v004', ['AWSCURRENT']],
          ['v003', ['AWSPREVIOUS']],
        ],
      );
      assert.equal(labelled.nextToken, undefined);
      assert.equal(labelled.arn, engine.describeSecret('s').arn);
      assert.equal(labelled.name, 's');
      const first = engine.listSecretVersionIds({ secretId: 's', includeDeprecated: true, maxResults: 3 });
      assert.deepEqual(
        first.versions.map((v) => v.versionId),
        ['v004', 'v003', 'v002'],
      );
      assert.equal(first.versions[0].createdDate.getTime(), start + 3000);
      assert.ok(first.nextToken);
      const last = engine.listSecretVersionIds({
        secretId: 's',
        includeDeprecated: true,
        maxResults: 3,
        nextToken: first.nextToken,
      });
      assert.deepEqual(
        last.versions.map((v) => v.versionId),
        ['v001'],
      );
      assert.equal(last.nextToken, undefined);
      const exact = engine.listSecretVersionIds({ secretId: 's', includeDeprecated: true, maxResults: 4 });
      assert.equal(exact.versions.length, 4);
      assert.equal(exact.nextToken, undefined, 'a full last page has no NextToken');
    });

    it('records the last access date as the start of the day, on the version and the secret', () => {
      const { engine, tick } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      assert.equal(engine.listSecretVersionIds({ secretId: 's' }).versions[0].lastAccessedDate, undefined);
      tick(3 * day);
      engine.getSecretValue({ secretId: 's' });
      const midnight = Date.UTC(2026, 2, 7);
      assert.equal(engine.describeSecret('s').lastAccessedDate?.getTime(), midnight);
      assert.equal(engine.listSecretVersionIds({ secretId: 's' }).versions[0].lastAccessedDate?.getTime(), midnight);
    });

    it('selects a version by id, by label, or both, and names what it could not find', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      engine.putSecretValue({ secretId: 's', secretString: 'b' });
      assert.equal(engine.getSecretValue({ secretId: 's' }).secretString, 'b');
      assert.equal(engine.getSecretValue({ secretId: 's', versionStage: 'AWSPREVIOUS' }).secretString, 'a');
      assert.equal(engine.getSecretValue({ secretId: 's', versionId: 'v001' }).secretString, 'a');
      const both = engine.getSecretValue({ secretId: 's', versionId: 'v002', versionStage: 'AWSCURRENT' });
      assert.deepEqual(
        [both.secretString, both.versionStages, both.createdDate.getTime()],
        ['b', ['AWSCURRENT'], start],
      );
      throwsCode(
        () => engine.getSecretValue({ secretId: 's', versionId: 'v001', versionStage: 'AWSCURRENT' }),
        ErrorCode.resourceNotFound,
        "Secrets Manager can't find the specified secret value for VersionId: v001 and staging label: AWSCURRENT.",
      );
      throwsCode(
        () => engine.getSecretValue({ secretId: 's', versionId: 'v404' }),
        ErrorCode.resourceNotFound,
        "Secrets Manager can't find the specified secret value for VersionId: v404.",
      );
      throwsCode(
        () => engine.getSecretValue({ secretId: 's', versionStage: 'NONE' }),
        ErrorCode.resourceNotFound,
        "Secrets Manager can't find the specified secret value for staging label: NONE.",
      );
    });
  });

  describe('secrets', () => {
    it('builds the ARN from region, account, name and a 6-character random suffix', () => {
      const { engine } = setup();
      const created = engine.createSecret({ name: 'app/db', secretString: 'a' });
      assert.match(created.arn, /^arn:aws:secretsmanager:eu-west-1:123456789012:secret:app\/db-[A-Za-z0-9]{6}$/);
      assert.equal(created.versionId, 'v001');
      const other = engine.createSecret({ name: 'app/db2', secretString: 'a' });
      assert.notEqual(other.arn.slice(-6), created.arn.slice(-6));
      const defaults = new SecretsEngine(emptyState());
      assert.equal(defaults.region, 'us-east-1');
      assert.equal(defaults.accountId, '000000000000');
      assert.match(
        defaults.createSecret({ name: 'x' }).arn,
        /^arn:aws:secretsmanager:us-east-1:000000000000:secret:x-/,
      );
      assert.match(defaults.createSecret({ name: 'y', secretString: 'v' }).versionId!, /^[0-9a-f-]{36}$/);
    });

    it('finds a secret by name, full ARN or partial ARN, never by a full ARN with another suffix', () => {
      const { engine } = setup();
      const { arn } = engine.createSecret({ name: 'app/db', secretString: 'a' });
      assert.equal(engine.describeSecret(arn).name, 'app/db');
      assert.equal(engine.describeSecret(arn.slice(0, -7)).name, 'app/db');
      const wrongSuffix = arn.slice(0, -6) + (arn.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
      const notFound = "Secrets Manager can't find the specified secret.";
      throwsCode(() => engine.describeSecret(wrongSuffix), ErrorCode.resourceNotFound, notFound);
      throwsCode(
        () => engine.describeSecret(arn.replace('eu-west-1', 'us-east-1')),
        ErrorCode.resourceNotFound,
        notFound,
      );
      throwsCode(() => engine.describeSecret(arn.slice(0, -8)), ErrorCode.resourceNotFound, notFound);
      throwsCode(() => engine.describeSecret(`x${arn}`), ErrorCode.resourceNotFound, notFound);
      throwsCode(() => engine.describeSecret('app'), ErrorCode.resourceNotFound, notFound);
      throwsCode(() => engine.describeSecret('constructor'), ErrorCode.resourceNotFound, notFound);
    });

    it('refuses creating a secret that exists or is scheduled for deletion', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      throwsCode(
        () => engine.createSecret({ name: 's', secretString: 'b' }),
        ErrorCode.resourceExists,
        'The operation failed because the secret s already exists.',
      );
      engine.deleteSecret({ secretId: 's' });
      throwsCode(
        () => engine.createSecret({ name: 's', secretString: 'b' }),
        ErrorCode.invalidRequest,
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
      );
    });

    it('creates without a value (no version), keeps description and KMS key, and dedupes tags', () => {
      const { engine } = setup();
      const created = engine.createSecret({
        name: 's',
        description: 'd',
        kmsKeyId: 'k',
        tags: [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
          { key: 'b', value: '3' },
        ],
      });
      assert.equal(created.versionId, undefined);
      const meta = engine.describeSecret('s');
      assert.deepEqual(meta.versionIdsToStages, {});
      assert.deepEqual([meta.description, meta.kmsKeyId], ['d', 'k']);
      assert.deepEqual(meta.tags, [
        { key: 'a', value: '2' },
        { key: 'b', value: '3' },
      ]);
      assert.equal(meta.createdDate.getTime(), start);
      assert.equal(meta.primaryRegion, 'eu-west-1');
      assert.equal(meta.rotationEnabled, false);
    });

    it('updates description and KMS key only when given, and adds a version only with a value', () => {
      const { engine, tick } = setup();
      engine.createSecret({ name: 's', description: 'd', kmsKeyId: 'k', secretString: 'a' });
      const changed = tick();
      assert.equal(engine.updateSecret({ secretId: 's' }).versionId, undefined);
      let meta = engine.describeSecret('s');
      assert.deepEqual([meta.description, meta.kmsKeyId, meta.lastChangedDate?.getTime()], ['d', 'k', changed]);
      engine.updateSecret({ secretId: 's', description: '', kmsKeyId: 'k2' });
      meta = engine.describeSecret('s');
      assert.deepEqual([meta.description, meta.kmsKeyId], ['', 'k2']);
      assert.equal(engine.updateSecret({ secretId: 's', secretString: 'b' }).versionId, 'v002');
      assert.deepEqual(stagesOf(engine, 's'), { v001: ['AWSPREVIOUS'], v002: ['AWSCURRENT'] });
    });

    it('refuses acting on a secret scheduled for deletion, naming the action', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      engine.deleteSecret({ secretId: 's', recoveryWindowInDays: 7 });
      const refused = (action: string) => `You can't ${action} secret s because it was marked for deletion.`;
      throwsCode(() => engine.getSecretValue({ secretId: 's' }), ErrorCode.invalidRequest, refused('access'));
      throwsCode(
        () => engine.putSecretValue({ secretId: 's', secretString: 'b' }),
        ErrorCode.invalidRequest,
        refused('put a value in'),
      );
      throwsCode(
        () => engine.updateSecret({ secretId: 's', description: 'x' }),
        ErrorCode.invalidRequest,
        refused('update'),
      );
      throwsCode(
        () => engine.updateSecretVersionStage({ secretId: 's', versionStage: 'X', moveToVersionId: 'v001' }),
        ErrorCode.invalidRequest,
        refused('update a staging label of'),
      );
      throwsCode(
        () => engine.configureRotation({ secretId: 's', rotationLambdaArn: 'arn:l' }),
        ErrorCode.invalidRequest,
        refused('rotate'),
      );
      throwsCode(() => engine.tagResource('s', [{ key: 'a', value: 'b' }]), ErrorCode.invalidRequest, refused('tag'));
      throwsCode(() => engine.untagResource('s', ['a']), ErrorCode.invalidRequest, refused('untag'));
      assert.equal(engine.describeSecret('s').name, 's', 'describing still works');
    });

    it('schedules deletion (default 30 days), refuses re-deleting a scheduled secret, restores, and force-deletes', () => {
      const { engine, tick } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      const scheduled = engine.deleteSecret({ secretId: 's' });
      assert.equal(scheduled.deletionDate.getTime(), start + 30 * day);
      const meta = engine.describeSecret('s');
      assert.equal(meta.deletedDate?.getTime(), start);
      assert.equal(meta.deletionDate?.getTime(), start + 30 * day);
      throwsCode(
        () => engine.deleteSecret({ secretId: 's', recoveryWindowInDays: 7 }),
        ErrorCode.invalidRequest,
        "You can't delete secret s because it's already scheduled for deletion.",
      );
      assert.equal(engine.describeSecret('s').deletionDate?.getTime(), start + 30 * day, 'the first schedule stands');
      const restoredAt = tick();
      assert.equal(engine.restoreSecret('s').name, 's');
      const restored = engine.describeSecret('s');
      assert.equal(restored.deletedDate, undefined);
      assert.equal(restored.deletionDate, undefined);
      assert.equal(restored.lastChangedDate?.getTime(), restoredAt);
      assert.equal(engine.getSecretValue({ secretId: 's' }).secretString, 'a');
      assert.equal(
        engine.deleteSecret({ secretId: 's', recoveryWindowInDays: 7 }).deletionDate.getTime(),
        restoredAt + 7 * day,
      );
      const forced = engine.deleteSecret({ secretId: 's', forceDeleteWithoutRecovery: true });
      assert.equal(forced.deletionDate.getTime(), restoredAt, 'a forced delete is immediate, even when scheduled');
      throwsCode(() => engine.describeSecret('s'), ErrorCode.resourceNotFound);
    });

    it('purges a scheduled secret exactly when its deletion date is reached', () => {
      const { engine, clock } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      engine.createSecret({ name: 'kept', secretString: 'a' });
      engine.deleteSecret({ secretId: 's', recoveryWindowInDays: 7 });
      clock.now = start + 7 * day - 1;
      assert.equal(engine.purgeExpired(), false);
      assert.equal(engine.describeSecret('s').name, 's');
      clock.now = start + 7 * day;
      assert.equal(engine.purgeExpired(), true);
      throwsCode(() => engine.describeSecret('s'), ErrorCode.resourceNotFound);
      assert.equal(engine.describeSecret('kept').name, 'kept');
      assert.equal(engine.purgeExpired(), false);
    });
  });

  describe('tags', () => {
    it('validates keys (1-128 characters, no aws: prefix), values (up to 256) and the count (50)', () => {
      const { engine } = setup();
      const create = (tags: { key: string; value: string }[]) => () =>
        engine.createSecret({ name: `t${Math.random()}`, tags });
      throwsCode(
        create([{ key: '', value: 'v' }]),
        ErrorCode.invalidParameter,
        'Tag keys must be 1 to 128 characters.',
      );
      throwsCode(
        create([{ key: 'k'.repeat(129), value: 'v' }]),
        ErrorCode.invalidParameter,
        'Tag keys must be 1 to 128 characters.',
      );
      throwsCode(
        create([{ key: 'k', value: 'v'.repeat(257) }]),
        ErrorCode.invalidParameter,
        'Tag values must be at most 256 characters.',
      );
      throwsCode(
        create([{ key: 'aws:owner', value: 'v' }]),
        ErrorCode.invalidParameter,
        'Tag keys must not start with "aws:".',
      );
      const fiftyOne = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: '' }));
      throwsCode(create(fiftyOne), ErrorCode.invalidParameter, 'A secret can have at most 50 tags.');
      create([
        { key: 'k'.repeat(128), value: 'v'.repeat(256) },
        { key: 'AWS-like', value: '' },
        { key: 'x:aws:', value: '' },
      ])();
      create(fiftyOne.slice(0, 50))();
    });

    it('merges tags by key, refuses going over 50 in total, and untags by key', () => {
      const { engine, tick } = setup();
      engine.createSecret({ name: 's', tags: [{ key: 'a', value: '1' }] });
      const changed = tick();
      engine.tagResource('s', [
        { key: 'a', value: '2' },
        { key: 'b', value: '3' },
      ]);
      assert.deepEqual(engine.describeSecret('s').tags, [
        { key: 'a', value: '2' },
        { key: 'b', value: '3' },
      ]);
      assert.equal(engine.describeSecret('s').lastChangedDate?.getTime(), changed);
      throwsCode(() => engine.tagResource('s', [{ key: 'aws:x', value: '' }]), ErrorCode.invalidParameter);
      const more = Array.from({ length: 48 }, (_, i) => ({ key: `k${i}`, value: '' }));
      engine.tagResource('s', more); // 50 in all
      throwsCode(
        () => engine.tagResource('s', [{ key: 'one-more', value: '' }]),
        ErrorCode.invalidParameter,
        'A secret can have at most 50 tags.',
      );
      engine.tagResource('s', [{ key: 'a', value: 'replaced' }]); // still 50
      const untagged = tick();
      engine.untagResource('s', ['a', 'k0', 'missing']);
      const tags = engine.describeSecret('s').tags;
      assert.equal(tags.length, 48);
      assert.ok(!tags.some((t) => t.key === 'a' || t.key === 'k0'));
      assert.equal(engine.describeSecret('s').lastChangedDate?.getTime(), untagged);
    });
  });

  describe('rotation', () => {
    it('needs a rotation function, from the request or configured before', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      throwsCode(
        () => engine.configureRotation({ secretId: 's' }),
        ErrorCode.invalidRequest,
        'No Lambda rotation function ARN is associated with this secret.',
      );
      engine.configureRotation({
        secretId: 's',
        rotationLambdaArn: 'arn:aws:lambda:eu-west-1:1:function:r',
        rotateImmediately: false,
      });
      assert.deepEqual(engine.configureRotation({ secretId: 's', rotateImmediately: false }), {
        arn: engine.describeSecret('s').arn,
        name: 's',
      });
      assert.equal(engine.describeSecret('s').rotationLambdaArn, 'arn:aws:lambda:eu-west-1:1:function:r');
    });

    it('takes AutomaticallyAfterDays from 1 to 1000 (whole days) and schedules the next rotation', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      const rotate = (days: number) => () =>
        engine.configureRotation({
          secretId: 's',
          rotationLambdaArn: 'arn:l',
          rotationRules: { automaticallyAfterDays: days },
          rotateImmediately: false,
        });
      for (const bad of [0, 1001, 1.5, -1]) {
        throwsCode(rotate(bad), ErrorCode.invalidParameter, 'AutomaticallyAfterDays must be between 1 and 1000.');
      }
      assert.equal(engine.describeSecret('s').rotationEnabled, false, 'a refused request changes nothing');
      rotate(1)();
      assert.equal(engine.describeSecret('s').nextRotationDate?.getTime(), start + day);
      rotate(1000)();
      const meta = engine.describeSecret('s');
      assert.equal(meta.nextRotationDate?.getTime(), start + 1000 * day);
      assert.equal(meta.rotationEnabled, true);
      assert.deepEqual(meta.rotationRules, { automaticallyAfterDays: 1000 });
    });

    it('returns the version id the rotation function must use when rotating immediately (the default)', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      const token = 'rot-0001-aaaa-bbbb-cccc-dddddddddddd';
      assert.equal(
        engine.configureRotation({ secretId: 's', rotationLambdaArn: 'arn:l', clientRequestToken: token }).versionId,
        token,
      );
      assert.equal(engine.configureRotation({ secretId: 's' }).versionId, 'v002');
    });

    it('refuses rotating immediately while another version is AWSPENDING', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      engine.putSecretValue({ secretId: 's', secretString: 'b', versionStages: ['AWSPENDING'] });
      throwsCode(
        () => engine.configureRotation({ secretId: 's', rotationLambdaArn: 'arn:l' }),
        ErrorCode.invalidRequest,
        "A previous rotation isn't complete: version v002 is still AWSPENDING. Finish or clear that rotation first.",
      );
      // Not immediately: allowed. And AWSPENDING on the current version is a finished rotation.
      engine.configureRotation({ secretId: 's', rotationLambdaArn: 'arn:l', rotateImmediately: false });
      engine.updateSecretVersionStage({
        secretId: 's',
        versionStage: 'AWSCURRENT',
        moveToVersionId: 'v002',
        removeFromVersionId: 'v001',
      });
      assert.ok(engine.configureRotation({ secretId: 's' }).versionId);
    });

    it('marks a finished rotation and schedules the next one from the rules', () => {
      const { engine, tick } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      const done = tick(5 * day);
      engine.markRotated('s');
      assert.equal(engine.describeSecret('s').lastRotatedDate?.getTime(), done);
      assert.equal(engine.describeSecret('s').nextRotationDate, undefined);
      engine.configureRotation({
        secretId: 's',
        rotationLambdaArn: 'arn:l',
        rotationRules: { automaticallyAfterDays: 3 },
        rotateImmediately: false,
      });
      const again = tick(day);
      engine.markRotated('s');
      assert.equal(engine.describeSecret('s').nextRotationDate?.getTime(), again + 3 * day);
    });
  });

  describe('request checks every operation makes', () => {
    it('validates ClientRequestToken (32-64 characters) on create, put, update and rotate', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      const short = 'too-short';
      const message = 'ClientRequestToken must be 32 to 64 characters long.';
      throwsCode(
        () => engine.createSecret({ name: 't', clientRequestToken: short }),
        ErrorCode.invalidParameter,
        message,
      );
      throwsCode(
        () => engine.putSecretValue({ secretId: 's', secretString: 'b', clientRequestToken: short }),
        ErrorCode.invalidParameter,
        message,
      );
      throwsCode(
        () => engine.updateSecret({ secretId: 's', secretString: 'b', clientRequestToken: short }),
        ErrorCode.invalidParameter,
        message,
      );
      throwsCode(
        () => engine.configureRotation({ secretId: 's', rotationLambdaArn: 'arn:l', clientRequestToken: short }),
        ErrorCode.invalidParameter,
        message,
      );
    });

    it('PutSecretValue needs a value; UpdateSecret and UpdateSecretVersionStage answer with the ARN and name', () => {
      const { engine } = setup();
      const { arn } = engine.createSecret({ name: 's', secretString: 'a' });
      throwsCode(
        () => engine.putSecretValue({ secretId: 's' }),
        ErrorCode.invalidParameter,
        'You must provide either SecretString or SecretBinary.',
      );
      assert.deepEqual(engine.updateSecret({ secretId: 's', description: 'x' }), { arn, name: 's' });
      assert.deepEqual(engine.updateSecretVersionStage({ secretId: 's', versionStage: 'L', moveToVersionId: 'v001' }), {
        arn,
        name: 's',
      });
    });

    it('refuses removing a label that no version holds (never a crash)', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      throwsCode(
        () => engine.updateSecretVersionStage({ secretId: 's', versionStage: 'NOBODY', removeFromVersionId: 'v001' }),
        ErrorCode.invalidParameter,
        'The staging label NOBODY is not attached to version v001.',
      );
    });

    it('listing versions leaves the stored order alone', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      engine.putSecretValue({ secretId: 's', secretString: 'b' });
      const ids = () => engine.listSecretVersionIds({ secretId: 's' }).versions.map((v) => v.versionId);
      assert.deepEqual(ids(), ['v002', 'v001']);
      assert.deepEqual(ids(), ['v002', 'v001']);
    });

    it('keeps rotation rules and schedule when a later request gives none', () => {
      const { engine } = setup();
      engine.createSecret({ name: 's', secretString: 'a' });
      engine.configureRotation({ secretId: 's', rotationLambdaArn: 'arn:l', rotateImmediately: false });
      assert.equal(engine.describeSecret('s').nextRotationDate, undefined);
      assert.equal(engine.describeSecret('s').rotationRules, undefined);
      engine.configureRotation({
        secretId: 's',
        rotationRules: { automaticallyAfterDays: 2 },
        rotateImmediately: false,
      });
      engine.configureRotation({ secretId: 's', rotateImmediately: false });
      const meta = engine.describeSecret('s');
      assert.deepEqual(meta.rotationRules, { automaticallyAfterDays: 2 });
      assert.equal(meta.nextRotationDate?.getTime(), start + 2 * day);
    });

    it('a partial ARN must match the whole ARN before the suffix', () => {
      const { engine } = setup();
      const { arn } = engine.createSecret({ name: 'app/db', secretString: 'a' });
      const partial = arn.slice(0, -7);
      assert.equal(engine.describeSecret(partial).name, 'app/db');
      for (const other of [
        partial.replace('eu-west-1', 'us-east-1'),
        partial.replace('123456789012', '000000000000'),
      ]) {
        throwsCode(() => engine.describeSecret(other), ErrorCode.resourceNotFound);
      }
    });

    it('removing a label lets retention prune that version', () => {
      const { engine, tick } = setup();
      engine.createSecret({ name: 's', secretString: 'v0' });
      engine.putSecretValue({ secretId: 's', secretString: 'keep', versionStages: ['KEEP'] }); // v002
      for (let i = 0; i < 100; i++) engine.putSecretValue({ secretId: 's', secretString: `v${i}` });
      tick(2 * day);
      engine.updateSecretVersionStage({ secretId: 's', versionStage: 'KEEP', removeFromVersionId: 'v002' });
      const page = engine.listSecretVersionIds({ secretId: 's', includeDeprecated: true });
      const ids = page.versions.map((v) => v.versionId);
      assert.equal(page.nextToken, undefined, 'one page of 100 holds them all');
      assert.equal(ids.length, 100);
      assert.ok(!ids.includes('v002'));
    });
  });

  describe('listing', () => {
    function listed(engine: SecretsEngine, input: ListSecretsInput = {}) {
      return engine.listSecrets(input).secrets.map((s) => s.name);
    }

    it('sorts secrets created at the same moment by name, whatever order they were created in', () => {
      const { engine } = setup();
      for (const name of ['e', 'd', 'c', 'b', 'a']) engine.createSecret({ name });
      assert.deepEqual(listed(engine), ['a', 'b', 'c', 'd', 'e']);
      const other = setup().engine;
      for (const name of ['c', 'a', 'e', 'b', 'd']) other.createSecret({ name });
      assert.deepEqual(listed(other), ['a', 'b', 'c', 'd', 'e']);
    });

    it('sorts by creation date, then name; desc reverses; scheduled ones only on request', () => {
      const { engine, tick } = setup();
      engine.createSecret({ name: 'b' });
      engine.createSecret({ name: 'a' });
      engine.createSecret({ name: 'B' });
      tick();
      engine.createSecret({ name: 'first-by-name-but-newer' });
      engine.createSecret({ name: 'gone' });
      engine.deleteSecret({ secretId: 'gone' });
      assert.deepEqual(listed(engine), ['B', 'a', 'b', 'first-by-name-but-newer']);
      assert.deepEqual(listed(engine, { sortOrder: 'desc' }), ['first-by-name-but-newer', 'b', 'a', 'B']);
      assert.deepEqual(listed(engine, { sortOrder: 'asc', includePlannedDeletion: true }), [
        'B',
        'a',
        'b',
        'first-by-name-but-newer',
        'gone',
      ]);
    });

    it('pages with NextToken, none on the last page, and refuses a NextToken it did not issue', () => {
      const { engine } = setup();
      for (const name of ['a', 'b', 'c', 'd', 'e']) engine.createSecret({ name });
      const first = engine.listSecrets({ maxResults: 2 });
      assert.deepEqual(
        first.secrets.map((s) => s.name),
        ['a', 'b'],
      );
      const second = engine.listSecrets({ maxResults: 2, nextToken: first.nextToken });
      assert.deepEqual(
        second.secrets.map((s) => s.name),
        ['c', 'd'],
      );
      const last = engine.listSecrets({ maxResults: 2, nextToken: second.nextToken });
      assert.deepEqual(
        last.secrets.map((s) => s.name),
        ['e'],
      );
      assert.equal(last.nextToken, undefined);
      assert.equal(engine.listSecrets({ maxResults: 5 }).nextToken, undefined);
      const invalid = 'The NextToken value is invalid.';
      const token = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      for (const bad of [
        '%%%',
        'bm90IGpzb24',
        token({ o: -1 }),
        token({ o: 1.5 }),
        token({ o: '2' }),
        token({}),
        token(null),
      ]) {
        throwsCode(() => engine.listSecrets({ nextToken: bad }), ErrorCode.invalidParameter, invalid);
        throwsCode(
          () => engine.listSecretVersionIds({ secretId: 'a', nextToken: bad }),
          ErrorCode.invalidParameter,
          invalid,
        );
      }
      // ListSecrets tokens are cursors (the last key returned, issue #21), not offsets.
      throwsCode(() => engine.listSecrets({ nextToken: token({ o: 0 }) }), ErrorCode.invalidParameter, invalid);
    });

    function filtered(filters: SecretFilter[], includeLegacy = false) {
      const { engine } = setup();
      engine.createSecret({
        name: 'prod/db',
        description: 'Main Database',
        tags: [{ key: 'Team', value: 'Payments' }],
      });
      engine.createSecret({ name: 'dev/api-key', description: 'internal', tags: [{ key: 'env', value: 'dev' }] });
      engine.createSecret({ name: 'Prod/cache' });
      engine.createSecret({ name: 'zz/legacy', description: 'Maße' });
      return listed(engine, { filters }).filter((name) => name !== 'zz/legacy' || includeLegacy);
    }

    it('filters by name (case-sensitive prefix) and description (case-insensitive), with ! to exclude', () => {
      assert.deepEqual(filtered([{ key: 'name', values: ['prod'] }]), ['prod/db']);
      assert.deepEqual(filtered([{ key: 'name', values: ['prod', 'dev'] }]), ['dev/api-key', 'prod/db']);
      assert.deepEqual(filtered([{ key: 'name', values: ['!prod'] }]), ['Prod/cache', 'dev/api-key']);
      assert.deepEqual(filtered([{ key: 'description', values: ['main'] }]), ['prod/db']);
      assert.deepEqual(filtered([{ key: 'description', values: ['MAIN DATA'] }]), ['prod/db']);
      assert.deepEqual(filtered([{ key: 'description', values: ['database'] }]), [], 'a prefix, not a substring');
      assert.deepEqual(
        filtered([
          { key: 'name', values: ['prod', 'Prod'] },
          { key: 'description', values: ['!main'] },
        ]),
        ['Prod/cache'],
      );
    });

    it('filters by tag-key and tag-value (case-sensitive), primary-region, owning-service and all', () => {
      assert.deepEqual(filtered([{ key: 'tag-key', values: ['Team'] }]), ['prod/db']);
      assert.deepEqual(filtered([{ key: 'tag-key', values: ['team'] }]), []);
      assert.deepEqual(filtered([{ key: 'tag-value', values: ['Pay'] }]), ['prod/db']);
      assert.deepEqual(filtered([{ key: 'tag-value', values: ['pay'] }]), []);
      assert.deepEqual(filtered([{ key: 'tag-value', values: ['Team'] }]), [], 'tag-value looks at values only');
      assert.deepEqual(filtered([{ key: 'primary-region', values: ['eu-west-1'] }]), [
        'Prod/cache',
        'dev/api-key',
        'prod/db',
      ]);
      assert.deepEqual(filtered([{ key: 'primary-region', values: ['us-east-1'] }]), []);
      assert.deepEqual(filtered([{ key: 'owning-service', values: ['rds'] }]), [], 'no secret here is service-owned');
      assert.deepEqual(filtered([{ key: 'owning-service', values: ['!rds'] }]), [
        'Prod/cache',
        'dev/api-key',
        'prod/db',
      ]);
      // all: name, description, tag keys and values, and each of their words, case-insensitive.
      assert.deepEqual(filtered([{ key: 'all', values: ['PROD'] }]), ['Prod/cache', 'prod/db']);
      assert.deepEqual(filtered([{ key: 'all', values: ['db'] }]), ['prod/db']);
      assert.deepEqual(filtered([{ key: 'all', values: ['key'] }]), ['dev/api-key']);
      assert.deepEqual(filtered([{ key: 'all', values: ['database'] }]), ['prod/db']);
      assert.deepEqual(filtered([{ key: 'all', values: ['team'] }]), ['prod/db']);
      assert.deepEqual(filtered([{ key: 'all', values: ['payments'] }]), ['prod/db']);
      assert.deepEqual(filtered([{ key: 'all', values: ['internal'] }]), ['dev/api-key']);
      assert.deepEqual(filtered([{ key: 'all', values: ['!dev'] }]), ['Prod/cache', 'prod/db']);
      assert.deepEqual(filtered([{ key: 'all', values: ['ache'] }]), []);
      // Absent descriptions match nothing; owning-service never matches a name; regions compare exactly.
      assert.deepEqual(filtered([{ key: 'description', values: ['s'] }]), []);
      assert.deepEqual(filtered([{ key: 'all', values: ['s'] }]), []);
      assert.deepEqual(filtered([{ key: 'owning-service', values: ['prod'] }]), []);
      assert.deepEqual(filtered([{ key: 'owning-service', values: ['S'] }]), []);
      assert.deepEqual(filtered([{ key: 'primary-region', values: ['EU-WEST-1'] }]), []);
      // Case folding is to lower case: "Maße" does not start with "mass".
      assert.deepEqual(filtered([{ key: 'description', values: ['MASS'] }], true), []);
      assert.deepEqual(filtered([{ key: 'description', values: ['MAẞE'] }], true), ['zz/legacy']);
      // Only values starting with "!" exclude.
      assert.deepEqual(filtered([{ key: 'name', values: ['dev', 'ddev'] }]), ['dev/api-key']);
    });
  });
});
