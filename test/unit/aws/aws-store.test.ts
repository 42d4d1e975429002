// AWS-specific behaviour of the AWS store, against the local server with the real SDK.
import { strict as assert } from 'node:assert';
import { AwsCredentialsError } from '../../../src/core/aws/index';
import { simulatedRotationLambdas } from '../../../src/core/server/index';
import { rejectsWith, syntheticValue } from '../store/contract';
import { startLocalAws, type LocalAws } from './helpers';

const lambdaArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const day = 24 * 60 * 60 * 1000;

describe('AWS store', function () {
  this.timeout(30_000);
  let local: LocalAws;
  afterEach(() => local?.close());

  describe('throttling', () => {
    it('retries ThrottlingException with backoff until the call succeeds', async () => {
      let throttled = 0;
      const attempts: string[] = [];
      local = await startLocalAws({
        throttle: (op) => op === 'GetSecretValue' && throttled++ < 2,
        onRequest: (e) => attempts.push(`${e.operation}:${e.errorCode ?? e.status}`),
      });
      const store = await local.connect({ cache: { ttlMs: 0 } });
      const value = syntheticValue();
      await store.createSecret({ name: 'throttled/one', secretString: value });
      assert.equal((await store.getSecretValue({ secretId: 'throttled/one' })).secretString, value);
      assert.deepEqual(
        attempts.filter((a) => a.startsWith('GetSecretValue')),
        ['GetSecretValue:ThrottlingException', 'GetSecretValue:ThrottlingException', 'GetSecretValue:200'],
      );
    });

    it('gives up after maxAttempts with a ThrottlingException that says so', async () => {
      let count = 0;
      local = await startLocalAws({ throttle: (op) => op === 'ListSecrets' && ++count > 0 });
      const store = await local.connect({ maxAttempts: 3 });
      await assert.rejects(store.listSecrets(), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'ThrottlingException');
        assert.match(error.message, /Rate exceeded.*3 attempts/);
        return true;
      });
      assert.equal(count, 3);
    });
  });

  describe('credentials refused by the service', () => {
    it('turns a wrong secret key into an actionable credentials error', async () => {
      local = await startLocalAws();
      const store = await local.connect({
        env: { ...local.env, AWS_SECRET_ACCESS_KEY: 'not-the-right-secret-key-000000000000000' },
      });
      await assert.rejects(store.listSecrets(), (error: unknown) => {
        assert.ok(error instanceof AwsCredentialsError);
        assert.equal(error.problem, 'rejected');
        assert.match(error.message, /rejected the credentials \(InvalidSignatureException\)/);
        return true;
      });
    });
  });

  describe('rotation with a Lambda', () => {
    beforeEach(async () => {
      local = await startLocalAws();
    });

    it('rotates immediately on a schedule, and polling reports success', async () => {
      const store = await local.connect();
      const original = { username: 'app', password: syntheticValue() };
      await store.createSecret({ name: 'rot/ok', secretString: JSON.stringify(original) });
      const started = await store.rotateWithLambda({
        secretId: 'rot/ok',
        rotationLambdaArn: lambdaArn(simulatedRotationLambdas.generatedPassword),
        rotationRules: { automaticallyAfterDays: 30 },
      });
      assert.ok(started.versionId);
      const outcome = await store.waitForRotation('rot/ok', {
        versionId: started.versionId,
        pollIntervalMs: 10,
        timeoutMs: 5000,
      });
      assert.deepEqual(outcome, { status: 'succeeded', versionId: started.versionId });
      const current = await store.getSecretValue({ secretId: 'rot/ok' });
      assert.equal(current.versionId, started.versionId);
      const rotated = JSON.parse(current.secretString!);
      assert.equal(rotated.username, 'app');
      assert.notEqual(rotated.password, original.password);
      const meta = await store.describeSecret('rot/ok');
      assert.equal(meta.rotationEnabled, true);
      assert.equal(meta.rotationLambdaArn, lambdaArn(simulatedRotationLambdas.generatedPassword));
      assert.deepEqual(meta.rotationRules, { automaticallyAfterDays: 30 });
      assert.ok(meta.lastRotatedDate instanceof Date);
      assert.ok(Math.abs(meta.nextRotationDate!.getTime() - (Date.now() + 30 * day)) < 60_000);
      assert.ok(!Object.values(meta.versionIdsToStages).flat().includes('AWSPENDING'));
    });

    it('configures a ScheduleExpression without rotating when RotateImmediately is false', async () => {
      const store = await local.connect();
      const value = syntheticValue();
      await store.createSecret({ name: 'rot/later', secretString: value });
      const out = await store.rotateWithLambda({
        secretId: 'rot/later',
        rotationLambdaArn: lambdaArn(simulatedRotationLambdas.generatedPassword),
        rotationRules: { scheduleExpression: 'rate(10 days)', duration: '2h' },
        rotateImmediately: false,
      });
      assert.equal(out.versionId, undefined);
      const meta = await store.describeSecret('rot/later');
      assert.deepEqual(meta.rotationRules, { scheduleExpression: 'rate(10 days)', duration: '2h' });
      assert.equal((await store.getSecretValue({ secretId: 'rot/later' })).secretString, value);
    });

    it('reports a stuck rotation with its AWSPENDING version, and the next rotation is refused', async () => {
      const store = await local.connect();
      await store.createSecret({ name: 'rot/stuck', secretString: syntheticValue() });
      const started = await store.rotateWithLambda({
        secretId: 'rot/stuck',
        rotationLambdaArn: lambdaArn(simulatedRotationLambdas.stuck),
      });
      const outcome = await store.waitForRotation('rot/stuck', {
        versionId: started.versionId,
        pollIntervalMs: 10,
        timeoutMs: 300,
      });
      assert.equal(outcome.status, 'stuck');
      assert.equal(outcome.status === 'stuck' && outcome.pendingVersionId, started.versionId);
      await rejectsWith(store.rotateSecret({ secretId: 'rot/stuck' }), 'InvalidRequestException');
    });

    it('refuses a Lambda the backend cannot run', async () => {
      const store = await local.connect();
      await store.createSecret({ name: 'rot/unknown', secretString: syntheticValue() });
      await rejectsWith(
        store.rotateWithLambda({ secretId: 'rot/unknown', rotationLambdaArn: lambdaArn('someone-elses-function') }),
        'InvalidRequestException',
      );
    });
  });

  describe('read cache', () => {
    it('serves repeated reads of a known version from the cache, and writes invalidate it', async () => {
      const reads: string[] = [];
      local = await startLocalAws({ onRequest: (e) => e.operation === 'GetSecretValue' && reads.push(e.operation) });
      const store = await local.connect({ cache: { ttlMs: 60_000 } });
      const first = syntheticValue();
      await store.createSecret({ name: 'cache/one', secretString: first });
      await store.describeSecret('cache/one'); // metadata: stage → VersionId
      for (let i = 0; i < 5; i++)
        assert.equal((await store.getSecretValue({ secretId: 'cache/one' })).secretString, first);
      assert.equal(reads.length, 1, 'one API read for five reads');
      const second = syntheticValue();
      await store.putSecretValue({ secretId: 'cache/one', secretString: second });
      assert.equal((await store.getSecretValue({ secretId: 'cache/one' })).secretString, second);
      assert.equal(reads.length, 2);
    });

    it('asks the API again once the TTL has passed', async () => {
      let now = 1_000_000;
      const reads: string[] = [];
      local = await startLocalAws({ onRequest: (e) => e.operation === 'GetSecretValue' && reads.push(e.operation) });
      const store = await local.connect({ cache: { ttlMs: 1000, now: () => now } });
      const created = await store.createSecret({ name: 'cache/ttl', secretString: syntheticValue() });
      await store.getSecretValue({ secretId: 'cache/ttl', versionId: created.versionId });
      await store.getSecretValue({ secretId: 'cache/ttl', versionId: created.versionId });
      assert.equal(reads.length, 1);
      now += 1001;
      await store.getSecretValue({ secretId: 'cache/ttl', versionId: created.versionId });
      assert.equal(reads.length, 2);
    });

    it('notices changes made by others once metadata is refreshed', async () => {
      local = await startLocalAws();
      const store = await local.connect({ cache: { ttlMs: 60_000 } });
      await store.createSecret({ name: 'cache/shared', secretString: syntheticValue() });
      await store.describeSecret('cache/shared');
      await store.getSecretValue({ secretId: 'cache/shared' });
      const newer = syntheticValue();
      await local.backend.putSecretValue({ secretId: 'cache/shared', secretString: newer }); // another client
      await store.describeSecret('cache/shared'); // the user refreshes
      assert.equal((await store.getSecretValue({ secretId: 'cache/shared' })).secretString, newer);
    });
  });
});
