// Rotation health in the tree: each state reproduced through the store API (versions, rotation, a moved clock) and
// read from the listing only, as the tree gets it; Show Rotation Logs is on the menu of failed or stuck secrets.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listedRotationHealth } from '../../../src/core/posture/rotation-health';
import { simulatedRotationFunction, simulatedRotationLambdas } from '../../../src/core/server/index';
import { MemoryStore, type SecretMetadata } from '../../../src/core/store/index';
import { present } from '../../../src/vscode/tree/presentation';

const day = 86_400_000;
const synthetic = () => randomBytes(18).toString('base64url');
const lambda = (name: string) => `arn:aws:lambda:eu-west-1:111122223333:function:${name}`;
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
const logsMenu: { when: string } = manifest.contributes.menus['view/item/context'].find(
  (m: { command: string }) => m.command === 'secretsWorkbench.showRotationLogs',
);
/** The menu's `viewItem =~ /re/` terms, evaluated on a context value. */
const menuShows = (contextValue: string) =>
  [...logsMenu.when.matchAll(/viewItem =~ \/(.*?)\/(?: |$)/g)].every((m) => new RegExp(m[1]!).test(contextValue));

describe('posture: rotation health badges in the tree (listing only)', () => {
  let clock: number;
  let store: MemoryStore;
  let calls: string[];
  const listed = async (name: string): Promise<SecretMetadata> => {
    const { secrets } = await store.listSecrets();
    const found = secrets.find((s) => s.name === name);
    assert.ok(found);
    return found;
  };
  const item = (secret: SecretMetadata) =>
    present(
      { kind: 'secret', id: secret.arn, connectionId: 'local', secret, label: secret.name },
      { getFilter: () => undefined, capabilitiesOf: () => undefined, now: () => new Date(clock) },
    );

  beforeEach(() => {
    clock = Date.parse('2026-01-01T09:00:00Z');
    store = new MemoryStore({ now: () => clock, rotationFunction: simulatedRotationFunction });
    calls = [];
    // the tree reads the listing only: no describe, version list or value per secret
    for (const method of ['describeSecret', 'listSecretVersionIds', 'getSecretValue'] as const) {
      const original = store[method].bind(store) as (...args: unknown[]) => Promise<unknown>;
      (store as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        calls.push(method);
        return original(...args);
      };
    }
  });

  it('failed: a stuck AWSPENDING (over an hour since the last change) gets the error icon, label, remedy, menu', async () => {
    await store.createSecret({ name: 'db', secretString: JSON.stringify({ username: 'u', password: synthetic() }) });
    await store.rotateSecret({ secretId: 'db', rotationLambdaArn: lambda(simulatedRotationLambdas.stuck) });
    await store.settled();
    calls = [];
    clock += 30 * 60_000;
    const young = item(await listed('db'));
    assert.equal(young.icon.id, 'warning', 'stuck for 30 minutes: not failed yet');
    assert.ok(menuShows(young.contextValue), 'a stuck rotation already offers its logs');
    clock += 60 * 60_000;
    const failed = item(await listed('db'));
    assert.deepEqual(failed.icon, { id: 'error', color: 'list.errorForeground' });
    assert.match(failed.description ?? '', /rotation failed/);
    assert.match(failed.tooltip ?? '', /\*\*Rotation health: Failed\.\*\* .*stuck since 2026\\-01\\-01/);
    assert.match(failed.tooltip ?? '', /Read the rotation function's logs for the failing step/);
    assert.match(failed.contextValue, /\+rotationFailed\b/);
    assert.ok(menuShows(failed.contextValue));
    assert.deepEqual(calls, [], 'no per-secret call');
  });

  it('healthy right after a rotation; overdue past its schedule (rate)', async () => {
    await store.createSecret({ name: 'db', secretString: JSON.stringify({ username: 'u', password: synthetic() }) });
    await store.rotateSecret({
      secretId: 'db',
      rotationLambdaArn: lambda(simulatedRotationLambdas.generatedPassword),
      rotationRules: { scheduleExpression: 'rate(10 days)' },
    });
    await store.settled();
    const healthy = item(await listed('db'));
    assert.equal(healthy.icon.id, 'sync');
    assert.doesNotMatch(healthy.description ?? '', /failed|overdue/);
    assert.ok(!menuShows(healthy.contextValue), 'no logs entry for a healthy secret');
    clock += 11 * day;
    const overdue = item(await listed('db'));
    assert.deepEqual(overdue.icon, { id: 'watch', color: 'list.warningForeground' });
    assert.match(overdue.description ?? '', /rotation overdue/);
    assert.ok(!menuShows(overdue.contextValue));
  });

  it('not configured: a database credential by its metadata; never rotated: said in the tooltip only', async () => {
    await store.createSecret({
      name: 'app/db-0123',
      secretString: synthetic(),
      tags: [{ key: 'secrets-workbench:database', value: 'postgres' }],
    });
    await store.createSecret({ name: 'plain', secretString: synthetic() });
    const credential = await listed('app/db-0123');
    assert.equal(listedRotationHealth(credential, new Date(clock)).state, 'not-configured');
    assert.match(item(credential).description ?? '', /no rotation/);
    const plain = item(await listed('plain'));
    assert.doesNotMatch(plain.description ?? '', /rotat/, 'never rotated is not on the row');
    assert.equal(plain.icon.id, 'key');
    assert.match(
      plain.tooltip ?? '',
      /Rotation health: Never rotated\.\*\* Never rotated since it was created on 2026\\-01\\-01/,
    );
    assert.deepEqual(calls, []);
  });
});
