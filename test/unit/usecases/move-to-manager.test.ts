// Move-to-manager's policy: every value is stored before the code changes, and a move that does not finish
// leaves the store exactly as it was (created secrets deleted, AWSCURRENT back on the version that had it).
import { strict as assert } from 'node:assert';
import { MemoryStore } from '../../../src/core/store/memory-store';
import { moveToManager, type MoveResult, type MoveToManager } from '../../../src/core/usecases/move-to-manager';
import { syntheticValue } from '../store/contract';

describe('move to a secrets manager (use case)', () => {
  let store: MemoryStore;
  let existingVersion: string;
  const [a, b, old] = [syntheticValue(), syntheticValue(), syntheticValue()];
  beforeEach(async () => {
    store = new MemoryStore();
    existingVersion = (await store.createSecret({ name: 'app/b', secretString: old })).versionId!;
  });

  const move = (overrides: Partial<MoveToManager>): Promise<MoveResult> =>
    moveToManager({
      store: async () => store,
      secrets: [
        { name: 'app/a', secretString: a },
        { name: 'app/b', secretString: b },
      ],
      askConflict: async () => 'newVersion',
      edit: async () => 'edited',
      ...overrides,
    });

  const current = async (name: string) => (await store.getSecretValue({ secretId: name })).secretString;
  const names = async () => (await store.listSecrets({})).secrets.map((s) => s.name).sort();

  it('stores every value before it edits, then reports a new version of the name that existed', async () => {
    const seenAtEdit: Array<string | undefined> = [];
    const result = await move({
      edit: async () => {
        seenAtEdit.push(await current('app/a'), await current('app/b'));
        return 'edited';
      },
    });
    assert.deepEqual(result, { status: 'moved', newVersion: true });
    assert.deepEqual(seenAtEdit, [a, b]);
  });

  for (const failure of ['stale', 'refused'] as const) {
    it(`a ${failure} edit undoes the store: the created secret is gone, AWSCURRENT is back`, async () => {
      const result = await move({ edit: async () => failure });
      assert.equal(result.status, failure);
      assert.match(
        (result as { undone: string }).undone,
        /app\/a was removed again and app\/b is back on its previous/,
      );
      assert.deepEqual(await names(), ['app/b']);
      assert.equal(await current('app/b'), old);
      assert.deepEqual((await store.describeSecret('app/b')).versionIdsToStages[existingVersion], ['AWSCURRENT']);
    });
  }

  it('asks about every conflict before storing anything: a cancel stores nothing and never edits', async () => {
    let edited = false;
    const result = await move({
      askConflict: async () => 'cancel',
      edit: async () => ((edited = true), 'edited'),
    });
    assert.deepEqual(result, { status: 'conflict', name: 'app/b', undone: '' });
    assert.equal(edited, false);
    assert.deepEqual(await names(), ['app/b']);
    assert.equal(await current('app/b'), old);
  });

  it('a store failure midway undoes what was stored and names the failing secret', async () => {
    const result = await move({
      secrets: [
        { name: 'app/a', secretString: a },
        { name: 'bad name with spaces', secretString: b },
      ],
    });
    assert.equal(result.status, 'store-failed');
    assert.equal((result as { name: string }).name, 'bad name with spaces');
    assert.deepEqual(await names(), ['app/b']);
  });
});
