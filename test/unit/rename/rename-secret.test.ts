import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { renameSecret, type ReferenceEditPlan, type RenamePorts } from '../../../src/core/rename/index';
import { MemoryStore } from '../../../src/core/store/index';
import type { SecretStore } from '../../../src/core/store/types';
import { findReferences } from '../../../src/core/references/index';

const value = () => `sw-${randomBytes(16).toString('base64url')}`;

const files: Record<string, string> = {
  'src/app.ts': "const password = await getSecret('team/api', 'token');\n",
  'worker.py': 'token = get_secret("team/api")\n',
  'stack.yaml': "Token: '{{resolve:secretsmanager:team/api:SecretString:token}}'\n",
  'unrelated.ts': "await getSecret('team/other');\n",
};

/** Ports over a MemoryStore and the files above, recording what the front was asked to do. */
function ports(store: SecretStore, answers: { applyEdits?: boolean; confirmDeletion?: boolean } = {}) {
  const calls: string[] = [];
  let applied: ReferenceEditPlan | undefined;
  const port: RenamePorts = {
    store,
    findReferences: async () =>
      Object.entries(files).flatMap(([path, text]) => findReferences(text, path).map((r) => ({ ...r, path }))),
    readText: async (path) => files[path],
    applyEdits: async (plan) => {
      calls.push('applyEdits');
      applied = plan;
      return answers.applyEdits ?? true;
    },
    confirmDeletion: async (question) => {
      calls.push('confirmDeletion');
      // Asked only after the edits, and before any deletion.
      assert.equal((await store.describeSecret(question.oldName)).deletedDate, undefined);
      return answers.confirmDeletion ?? true;
    },
  };
  return { port, calls, applied: () => applied };
}

async function secretWithHistory(store: SecretStore): Promise<string[]> {
  const values = [value(), value(), value(), value()];
  await store.createSecret({ name: 'team/api', secretString: values[0], description: 'api token' });
  await store.putSecretValue({ secretId: 'team/api', secretString: values[1] });
  await store.putSecretValue({ secretId: 'team/api', secretString: values[2] });
  await store.putSecretValue({ secretId: 'team/api', secretString: values[3], versionStages: ['canary'] });
  return values;
}

describe('renameSecret (copy → one previewed edit → confirmed deletion)', () => {
  it('copies every staged version with its stages, edits every reference in one change, then deletes on confirm', async () => {
    const store = new MemoryStore();
    await secretWithHistory(store);
    const original = (await store.describeSecret('team/api')).versionIdsToStages;
    const originalValues = new Map<string, string | undefined>();
    for (const versionId of Object.keys(original)) {
      originalValues.set(versionId, (await store.getSecretValue({ secretId: 'team/api', versionId })).secretString);
    }
    const { port, calls, applied } = ports(store);
    const outcome = await renameSecret(port, 'team/api', 'team/api-v2');
    assert.equal(outcome.status, 'renamed');
    assert.deepEqual(calls, ['applyEdits', 'confirmDeletion']);

    const [before, after] = await Promise.all(['team/api', 'team/api-v2'].map((n) => store.describeSecret(n)));
    assert.equal(Object.keys(original).length, 3);
    assert.deepEqual(after.versionIdsToStages, original);
    assert.equal(after.description, 'api token');
    for (const [versionId, secretString] of originalValues) {
      const copied = await store.getSecretValue({ secretId: 'team/api-v2', versionId });
      assert.ok(copied.secretString === secretString, `version ${versionId} has the same value`);
    }

    assert.deepEqual(applied()!.files, ['src/app.ts', 'stack.yaml', 'worker.py']);
    assert.ok(applied()!.replacements.every((r) => r.oldText === 'team/api' && r.newText === 'team/api-v2'));
    assert.ok(before.deletedDate, 'the old secret is scheduled for deletion');
    assert.ok(outcome.status === 'renamed' && outcome.oldDeletionDate);
    const days = (outcome.oldDeletionDate.getTime() - before.deletedDate.getTime()) / 86_400_000;
    assert.equal(Math.round(days), 30);
  });

  it('keeps the old secret when the user declines the deletion', async () => {
    const store = new MemoryStore();
    await secretWithHistory(store);
    const outcome = await renameSecret(ports(store, { confirmDeletion: false }).port, 'team/api', 'team/api-v2');
    assert.equal(outcome.status, 'renamed');
    assert.equal(outcome.status === 'renamed' && outcome.oldDeletionDate, undefined);
    assert.equal((await store.describeSecret('team/api')).deletedDate, undefined);
    assert.ok(await store.describeSecret('team/api-v2'));
  });

  it('removes the copy again when the user discards the edits, and never asks about deletion', async () => {
    const store = new MemoryStore();
    await secretWithHistory(store);
    const { port, calls } = ports(store, { applyEdits: false });
    const outcome = await renameSecret(port, 'team/api', 'team/api-v2');
    assert.equal(outcome.status, 'edits-discarded');
    assert.deepEqual(calls, ['applyEdits']);
    await assert.rejects(store.describeSecret('team/api-v2'), /ResourceNotFound|not found|can't find/i);
    assert.equal((await store.describeSecret('team/api')).deletedDate, undefined);
  });

  it('edits no file when the copy fails, and leaves no half-made copy', async () => {
    const store = new MemoryStore();
    await secretWithHistory(store);
    const failing = Object.create(store) as SecretStore;
    let puts = 0;
    failing.putSecretValue = async (input) => {
      if (input.secretId === 'team/api-v2' && ++puts === 2) throw new Error('throttled');
      return store.putSecretValue(input);
    };
    const { port, calls } = ports(failing);
    await assert.rejects(renameSecret(port, 'team/api', 'team/api-v2'), /throttled/);
    assert.deepEqual(calls, []);
    await assert.rejects(store.describeSecret('team/api-v2'));
    assert.equal((await store.describeSecret('team/api')).deletedDate, undefined);
  });

  it('refuses an invalid name, the same name, a taken name and a secret scheduled for deletion, changing nothing', async () => {
    const store = new MemoryStore();
    await secretWithHistory(store);
    await store.createSecret({ name: 'team/taken', secretString: value() });
    await store.createSecret({ name: 'team/gone', secretString: value() });
    await store.deleteSecret({ secretId: 'team/gone', recoveryWindowInDays: 7 });
    const { port, calls } = ports(store);
    await assert.rejects(renameSecret(port, 'team/api', 'bad name!'), /may contain only/);
    await assert.rejects(renameSecret(port, 'team/api', 'team/api-abcdef'), /ARN suffix/);
    await assert.rejects(renameSecret(port, 'team/api', 'team/api'), /is the current name/);
    await assert.rejects(renameSecret(port, 'team/api', 'team/taken'), /already exists/);
    await assert.rejects(renameSecret(port, 'team/gone', 'team/back'), /scheduled for deletion/);
    assert.deepEqual(calls, []);
    assert.deepEqual((await store.listSecrets({ includePlannedDeletion: true })).secrets.map((s) => s.name).sort(), [
      'team/api',
      'team/gone',
      'team/taken',
    ]);
  });

  it('renames a secret nothing references: no edit to preview, deletion still asked', async () => {
    const store = new MemoryStore();
    await store.createSecret({ name: 'lonely', secretString: value() });
    const { port, calls } = ports(store);
    const outcome = await renameSecret(port, 'lonely', 'lonely2');
    assert.deepEqual(calls, ['confirmDeletion']);
    assert.equal(outcome.status === 'renamed' && outcome.plan.replacements.length, 0);
  });
});
