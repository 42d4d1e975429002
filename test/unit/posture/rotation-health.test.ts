import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { readRotationHealth, rotationInterval } from '../../../src/core/posture/rotation-health';
import { rotationReport } from '../../../src/core/posture/rotation-report';
import { simulatedRotationFunction, simulatedRotationLambdas } from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';

const day = 86_400_000;
const synthetic = () => randomBytes(18).toString('base64url');
const lambda = (name: string) => `arn:aws:lambda:eu-west-1:111122223333:function:${name}`;

describe('posture: rotation health (through the store API)', () => {
  let clock: number;
  let store: MemoryStore;
  const now = () => new Date(clock);
  const health = (id: string, readValue = true) => readRotationHealth(store, id, now(), { readValue });

  beforeEach(() => {
    clock = Date.parse('2026-01-01T09:00:00Z');
    store = new MemoryStore({ now: () => clock, rotationFunction: simulatedRotationFunction });
  });

  it('reads intervals from automaticallyAfterDays and rate(), not cron', () => {
    assert.equal(rotationInterval({ automaticallyAfterDays: 30 }), 30 * day);
    assert.equal(rotationInterval({ scheduleExpression: 'rate(4 hours)' }), 4 * 3_600_000);
    assert.equal(rotationInterval({ scheduleExpression: 'cron(0 8 1 * ? *)' }), undefined);
  });

  it('never rotated: a plain secret with no rotation', async () => {
    await store.createSecret({ name: 'app/api-key', secretString: synthetic() });
    const result = await health('app/api-key');
    assert.equal(result.state, 'never-rotated');
    assert.match(result.reason, /2026-01-01/);
  });

  it('not configured: a JSON credential (username and password) with rotation off; not without reading', async () => {
    const value = synthetic();
    await store.createSecret({ name: 'app/db', secretString: JSON.stringify({ username: 'app', password: value }) });
    const result = await health('app/db');
    assert.equal(result.state, 'not-configured');
    assert.ok(!JSON.stringify(result).includes(value), 'no value in the report');
    assert.equal((await health('app/db', false)).state, 'never-rotated', 'metadata alone cannot tell');
  });

  it('healthy after a completed rotation; overdue past the schedule; failed a day past the next date', async () => {
    await store.createSecret({
      name: 'app/db',
      secretString: JSON.stringify({ username: 'app', password: synthetic() }),
    });
    await store.rotateSecret({
      secretId: 'app/db',
      rotationLambdaArn: lambda(simulatedRotationLambdas.generatedPassword),
      rotationRules: { automaticallyAfterDays: 30 },
    });
    await store.settled();
    assert.equal((await health('app/db')).state, 'healthy');
    clock += 30 * day + 3_600_000;
    const overdue = await health('app/db');
    assert.equal(overdue.state, 'overdue');
    assert.match(overdue.reason, /Due on 2026-01-31/);
    clock += 2 * day;
    const failed = await health('app/db');
    assert.equal(failed.state, 'failed');
    assert.match(failed.reason, /next rotation was due on 2026-01-31/);
  });

  it('failed: AWSPENDING left by a rotation that broke at setSecret, once it has stayed over an hour', async () => {
    await store.createSecret({
      name: 'app/db',
      secretString: JSON.stringify({ username: 'app', password: synthetic() }),
    });
    await store.rotateSecret({
      secretId: 'app/db',
      rotationLambdaArn: lambda(simulatedRotationLambdas.stuck),
      rotationRules: { automaticallyAfterDays: 30 },
    });
    await store.settled();
    assert.equal((await health('app/db')).state, 'never-rotated', 'just started: not stuck yet');
    clock += 2 * 3_600_000;
    const stuck = await health('app/db');
    assert.equal(stuck.state, 'failed');
    assert.match(stuck.reason, /AWSPENDING/);
    assert.match(stuck.remedy, /logs/);
  });

  it('never rotated: rotation configured without running it yet', async () => {
    await store.createSecret({ name: 'svc/token', secretString: synthetic() });
    await store.rotateSecret({
      secretId: 'svc/token',
      rotationLambdaArn: lambda(simulatedRotationLambdas.generatedPassword),
      rotationRules: { automaticallyAfterDays: 7 },
      rotateImmediately: false,
    });
    const result = await health('svc/token');
    assert.equal(result.state, 'never-rotated');
    assert.match(result.reason, /never completed/);
  });
});

describe('posture: rotation health report', () => {
  it('lists worst states first with counts, escaping table cells', () => {
    const report = rotationReport(
      'local | vault',
      [
        {
          name: 'b/healthy',
          health: { state: 'healthy', reason: 'Last rotated on 2026-01-01.', remedy: 'Nothing to do.' },
        },
        { name: 'a/stuck', health: { state: 'failed', reason: 'Stuck.', remedy: 'Fix it.' } },
      ],
      new Date('2026-02-01T10:00:00Z'),
    );
    assert.match(report, /^# Rotation health: local \\\| vault\n/);
    assert.match(report, /Failed: 1 · Overdue: 0 · Not configured \(credential\): 0 · Never rotated: 0 · Healthy: 1/);
    assert.ok(report.indexOf('a/stuck') < report.indexOf('b/healthy'), 'failed first');
  });
});
