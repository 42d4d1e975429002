import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { analyzeRotationLogs, lambdaConsoleUrl, stepNamed } from '../../../src/core/posture/rotation-logs';
import { simulatedRotationFunction, simulatedRotationLambdas } from '../../../src/core/server/index';
import {
  MemoryStore,
  generatedValueRotation,
  logGroupOf,
  rotateWithGeneratedValue,
  type LogEvent,
} from '../../../src/core/store/index';
import { withoutProgress } from '../../../src/core/usecases/ports';
import { showRotationLogs } from '../../../src/core/usecases/rotation-logs';

const synthetic = () => randomBytes(18).toString('base64url');
const lambda = (name: string) => `arn:aws:lambda:eu-west-1:111122223333:function:${name}`;
const secretArn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf';

/** A Lambda invocation as the AWS rotation templates (Python) log it. */
function invocation(stream: string, at: number, requestId: string, lines: string[]): LogEvent[] {
  return [
    `START RequestId: ${requestId} Version: $LATEST`,
    ...lines,
    `END RequestId: ${requestId}`,
    `REPORT RequestId: ${requestId}\tDuration: 812.33 ms`,
  ].map((message, i) => ({ timestamp: at + i, message, logStreamName: stream }));
}

describe('posture: rotation logs', () => {
  describe('analysis of a rotation Lambda log group', () => {
    const stream = '2026/12/05/[$LATEST]0123456789abcdef';
    const events = [
      ...invocation(stream, 1000, 'r-1', [
        `[INFO]\tcreateSecret: Successfully put secret for ARN ${secretArn} and version v2.`,
      ]),
      ...invocation(stream, 2000, 'r-2', [
        `[ERROR] ValueError: Unable to log into database with previous, current, or pending secret of secret arn ${secretArn}`,
        'Traceback (most recent call last):',
        '  File "/var/task/lambda_function.py", line 74, in lambda_handler',
        '    set_secret(service_client, arn, token)',
      ]),
      // another secret rotated by the same function, failing elsewhere
      ...invocation(stream, 3000, 'r-3', [
        '[ERROR] KeyError: finishSecret failed for ARN arn:aws:secretsmanager:eu-west-1:111122223333:secret:other-XyZ',
      ]),
    ];

    it('finds the failing step from the traceback and keeps only that step, for the secret asked about', () => {
      const analysis = analyzeRotationLogs(events, { arn: secretArn, name: 'prod/db' });
      assert.equal(analysis.failingStep, 'setSecret');
      assert.equal(analysis.read, events.length);
      assert.deepEqual(
        analysis.events.map((e) => e.timestamp),
        [2000, 2001, 2002, 2003, 2004, 2005, 2006],
        'the whole failing invocation (START to REPORT), nothing of createSecret or the other secret',
      );
    });

    it('without a failure, reports no step and keeps every event', () => {
      const ok = events.slice(0, 4);
      const analysis = analyzeRotationLogs(ok, { arn: secretArn, name: 'prod/db' });
      assert.equal(analysis.failingStep, undefined);
      assert.equal(analysis.events.length, 4);
    });

    it('names steps camelCase or as the template function', () => {
      assert.equal(stepNamed('    test_secret(service_client, arn, token)'), 'testSecret');
      assert.equal(stepNamed('finishSecret: Successfully set AWSCURRENT stage'), 'finishSecret');
      assert.equal(stepNamed('INIT_START Runtime Version: python:3.12'), undefined);
    });

    it('links the Lambda in the console of its partition and region', () => {
      assert.equal(
        lambdaConsoleUrl(lambda('rotate-db')),
        'https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/rotate-db?tab=monitoring',
      );
      assert.match(
        lambdaConsoleUrl('arn:aws-cn:lambda:cn-north-1:111122223333:function:f') ?? '',
        /console\.amazonaws\.cn/,
      );
      assert.equal(lambdaConsoleUrl('rotate-db'), undefined);
    });
  });

  describe('local rotations record their steps (no values)', () => {
    let clock: number;
    let store: MemoryStore;
    const at = () => ({ store: async () => store, label: 'memory' });

    beforeEach(() => {
      clock = Date.parse('2026-12-01T09:00:00Z');
      store = new MemoryStore({ now: () => clock, rotationFunction: simulatedRotationFunction });
    });

    it('a stuck simulated Lambda: createSecret succeeded, setSecret failed, shown with its log group', async () => {
      const password = synthetic();
      await store.createSecret({ name: 'app/db', secretString: JSON.stringify({ username: 'app', password }) });
      await store.rotateSecret({ secretId: 'app/db', rotationLambdaArn: lambda(simulatedRotationLambdas.stuck) });
      await store.settled();
      assert.deepEqual(
        store.rotationLogs.list().map((r) => [r.step, r.outcome]),
        [
          ['createSecret', 'succeeded'],
          ['setSecret', 'failed'],
        ],
      );
      clock += 2 * 3_600_000;
      const report = await showRotationLogs({ progress: withoutProgress }, at(), 'app/db', new Date(clock));
      assert.match(report, /Rotation health: failed/);
      assert.match(report, /Failing step: \*\*setSecret\*\* \(1 of 2 events shown\)/);
      assert.match(report, new RegExp(`Log group: \`${logGroupOf(simulatedRotationLambdas.stuck)}\``));
      assert.match(report, /\[ERROR\] setSecret: Failed for ARN arn:aws:secretsmanager:.*Simulated rotation failure/);
      assert.doesNotMatch(report, /createSecret: Successfully/);
      assert.match(report, /lambda\/home\?region=eu-west-1#\/functions\/secrets-workbench-stuck-rotation/);
      const current = await store.getSecretValue({ secretId: 'app/db' });
      const pending = await store.getSecretValue({ secretId: 'app/db', versionStage: 'AWSPENDING' });
      for (const value of [current.secretString!, pending.secretString!, password]) {
        assert.ok(!report.includes(value) && !JSON.stringify(store.rotationLogs.list()).includes(value));
      }
    });

    it('the generated-value rotation records createSecret and finishSecret; a failing one, its step', async () => {
      await store.createSecret({ name: 'app/token', secretString: synthetic() });
      const rotated = await rotateWithGeneratedValue(store, { secretId: 'app/token' });
      await assert.rejects(rotateWithGeneratedValue(store, { secretId: 'app/token', jsonKey: 'password' }));
      const records = store.rotationLogs.list();
      assert.deepEqual(
        records.map((r) => [r.functionName, r.step, r.outcome]),
        [
          [generatedValueRotation, 'createSecret', 'succeeded'],
          [generatedValueRotation, 'finishSecret', 'succeeded'],
          [generatedValueRotation, 'createSecret', 'failed'],
        ],
      );
      assert.equal(records[1]!.clientRequestToken, rotated.versionId, 'the new version is the step token');
      const report = await showRotationLogs({ progress: withoutProgress }, at(), 'app/token', new Date(clock));
      assert.match(report, /Rotation function: none \(generated-value rotation\)/);
      assert.match(report, /Failing step: \*\*createSecret\*\* \(2 of 3 events shown\)/);
      assert.match(report, /InvalidParameterException: Only a secret whose value is a JSON object/);
    });

    it('a secret whose function never logged: the group does not exist', async () => {
      await store.createSecret({ name: 'app/quiet', secretString: synthetic() });
      const report = await showRotationLogs({ progress: withoutProgress }, at(), 'app/quiet', new Date(clock));
      assert.match(report, /does not exist: the function has not logged anything yet/);
    });
  });
});
