// The secret operations' use cases on a memory store, driven as each front drives them: the extension leaves
// answers open (the use case asks through the scripted UserInput), the CLI gives them all (nothing is asked).
import { strict as assert } from 'node:assert';
import { MemoryStore } from '../../../src/core/store/memory-store';
import { chooseComparison, listAllVersions } from '../../../src/core/usecases/compare';
import { createSecret, type Destination } from '../../../src/core/usecases/create-secret';
import { deleteSecret } from '../../../src/core/usecases/delete';
import { withoutProgress, type Ports } from '../../../src/core/usecases/ports';
import { rotateSecret } from '../../../src/core/usecases/rotate';
import { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';
import { syntheticValue } from '../store/contract';

describe('secret operations (use cases)', () => {
  let store: MemoryStore;
  let at: Destination;
  let ui: ScriptedUserInput;
  let logged: string[];
  let ports: Ports;
  beforeEach(() => {
    store = new MemoryStore();
    at = { store: async () => store, label: 'the test store' };
    ui = new ScriptedUserInput();
    logged = [];
    ports = { ui, progress: withoutProgress, log: { info: (m) => logged.push(m), error: () => undefined } };
  });

  it('create refuses a bad name and a tag without a key before the store is touched, and logs no value', async () => {
    const value = syntheticValue();
    await assert.rejects(createSecret(ports, at, { name: 'has space', secretString: value }), /Invalid name/);
    await assert.rejects(
      createSecret(ports, at, { name: 'ok', secretString: value, tags: [{ key: '', value: 'x' }] }),
      /Each tag needs a key/,
    );
    assert.equal((await store.listSecrets({})).secrets.length, 0);
    await createSecret(ports, at, { name: 'ok', secretString: value, description: '', tags: [] });
    const meta = await store.describeSecret('ok');
    assert.equal(meta.description, undefined, 'an empty answer means no description');
    assert.deepEqual(logged, ['Created ok in the test store.']);
    assert.ok(!logged.join('\n').includes(value));
  });

  it('rotate asks which JSON key only when the front left it open, and keeps the other keys', async () => {
    const password = syntheticValue();
    await store.createSecret({ name: 'db', secretString: JSON.stringify({ username: 'app', password }) });
    const rules = { passwordLength: 24 };
    ui.pickAnswer('Key "password"');
    await rotateSecret(ports, at, { name: 'db', passwordRules: rules, waitMs: 0 });
    assert.equal(ui.prompts.length, 1);
    const rotated = JSON.parse((await store.getSecretValue({ secretId: 'db' })).secretString!);
    assert.equal(rotated.username, 'app');
    assert.notEqual(rotated.password, password);
    assert.equal(rotated.password.length, 24);

    await rotateSecret(ports, at, { name: 'db', jsonKey: null, how: 'generate', passwordRules: rules, waitMs: 0 });
    assert.equal(ui.prompts.length, 1, 'the CLI form (jsonKey null) asks nothing');
    assert.equal((await store.getSecretValue({ secretId: 'db' })).secretString!.length, 24, 'whole value replaced');
  });

  it('delete passes a window and force together on, for the store to refuse as Secrets Manager does', async () => {
    await store.createSecret({ name: 'gone', secretString: syntheticValue() });
    await assert.rejects(deleteSecret(ports, at, 'gone', { days: 7, force: true }), /not both/);
    const scheduled = await deleteSecret(ports, at, 'gone', { days: 7 });
    const days = (scheduled.deletionDate.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `${days}`);
  });

  it('compare offers only what exists: no AWSPREVIOUS before a change, then AWSPREVIOUS ↔ AWSCURRENT', async () => {
    await store.createSecret({ name: 'c', secretString: syntheticValue() });
    const choices = {
      versions: async () => (await listAllVersions(store, 'c')).versions,
      otherConnections: [],
      pickOtherSecret: async () => 'other',
      pickOtherConnection: async () => 'elsewhere',
    };
    ui.pickAnswer('Another secret…');
    const [left, right] = await chooseComparison(ui, { connectionId: 'x', name: 'c' }, choices);
    assert.deepEqual(ui.prompts[0].shown, ['Another secret…']);
    assert.deepEqual([left.name, right.name], ['c', 'other']);
    await store.putSecretValue({ secretId: 'c', secretString: syntheticValue() });
    ui.pickAnswer('AWSPREVIOUS ↔ AWSCURRENT');
    const stages = await chooseComparison(ui, { connectionId: 'x', name: 'c' }, choices);
    assert.deepEqual(ui.prompts[1].shown, ['AWSPREVIOUS ↔ AWSCURRENT', 'Two versions…', 'Another secret…']);
    assert.deepEqual(
      stages.map((s) => s.which),
      [{ stage: 'AWSPREVIOUS' }, { stage: 'AWSCURRENT' }],
    );
  });
});
