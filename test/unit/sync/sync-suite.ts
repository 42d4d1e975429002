// Pull and push-back behaviour, written once and run over every pair of stores (memory, vault, AWS via server).
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import type { SecretStore } from '../../../src/core/store/index';
import { applyPush, applyPushPlan, loadPushDiff, planPush, pullSecrets } from '../../../src/core/sync/index';

export interface SyncFixture {
  /** Plays AWS. */
  remote: SecretStore;
  /** Plays the offline vault. */
  local: SecretStore;
  dispose(): Promise<void>;
}

const value = () => `sv-${randomBytes(18).toString('base64url')}`;

async function stages(store: SecretStore, secretId: string): Promise<Record<string, string[]>> {
  const meta = await store.describeSecret(secretId);
  return Object.fromEntries(Object.entries(meta.versionIdsToStages).map(([id, s]) => [id, [...s].sort()]));
}

export function describeSyncSuite(label: string, createFixture: () => Promise<SyncFixture>): void {
  describe(`sync: ${label}`, function () {
    this.timeout(60_000);
    let fx: SyncFixture;
    let remote: SecretStore;
    let local: SecretStore;
    const unique = (base: string) => `sync/${base}/${randomUUID().slice(0, 8)}x`;

    beforeEach(async () => {
      fx = await createFixture();
      ({ remote, local } = fx);
    });
    afterEach(async () => fx.dispose());

    async function remoteSecret(name: string, versions: number) {
      const values = [value()];
      const created = await remote.createSecret({ name, secretString: values[0], description: 'synced' });
      const ids = [created.versionId!];
      for (let i = 1; i < versions; i++) {
        values.push(value());
        ids.push((await remote.putSecretValue({ secretId: name, secretString: values[i] })).versionId);
      }
      return { ids, values };
    }

    describe('pull', () => {
      it('copies the current version with AWS’s VersionId and stage, and reports missing names', async () => {
        const a = unique('a');
        const b = unique('b');
        const missing = unique('missing');
        const ra = await remoteSecret(a, 2);
        const rb = await remoteSecret(b, 1);
        const report = await pullSecrets(remote, local, [a, missing, b]);
        assert.deepEqual(
          report.results.map((r) => [r.secretId, r.status]),
          [
            [a, 'created'],
            [missing, 'not-found'],
            [b, 'created'],
          ],
        );
        assert.deepEqual(report.notFound, [missing]);
        assert.deepEqual(report.failed, []);
        const got = await local.getSecretValue({ secretId: a });
        assert.equal(got.secretString, ra.values[1]);
        assert.equal(got.versionId, ra.ids[1]);
        assert.deepEqual(await stages(local, a), { [ra.ids[1]]: ['AWSCURRENT'] });
        assert.equal((await local.describeSecret(a)).description, 'synced');
        assert.equal((await local.getSecretValue({ secretId: b })).versionId, rb.ids[0]);
      });

      it('copies every staged version with its stages when asked, binary values too', async () => {
        const name = unique('all');
        const r = await remoteSecret(name, 3);
        const pendingId = randomUUID();
        const binary = randomBytes(40);
        await remote.putSecretValue({
          secretId: name,
          secretBinary: binary,
          clientRequestToken: pendingId,
          versionStages: ['AWSPENDING'],
        });
        const report = await pullSecrets(remote, local, [name], { allVersions: true });
        assert.deepEqual(report.results[0].versionIds, [r.ids[1], r.ids[2], pendingId]);
        assert.deepEqual(await stages(local, name), await stages(remote, name));
        const pending = await local.getSecretValue({ secretId: name, versionStage: 'AWSPENDING' });
        assert.ok(Buffer.from(pending.secretBinary!).equals(binary));
        const previous = await local.getSecretValue({ secretId: name, versionStage: 'AWSPREVIOUS' });
        assert.equal(previous.secretString, r.values[1]);
      });

      it('is idempotent, fast-forwards a vault without local changes, and never overwrites local changes', async () => {
        const name = unique('ff');
        await remoteSecret(name, 1);
        await pullSecrets(remote, local, [name]);
        assert.equal((await pullSecrets(remote, local, [name])).results[0].status, 'unchanged');

        const newer = value();
        const put = await remote.putSecretValue({ secretId: name, secretString: newer });
        const ff = await pullSecrets(remote, local, [name]);
        assert.equal(ff.results[0].status, 'updated');
        assert.equal((await local.getSecretValue({ secretId: name })).versionId, put.versionId);
        assert.equal((await local.getSecretValue({ secretId: name })).secretString, newer);

        const offline = value();
        await local.putSecretValue({ secretId: name, secretString: offline });
        assert.equal((await pullSecrets(remote, local, [name])).results[0].status, 'kept-local-changes');
        await remote.putSecretValue({ secretId: name, secretString: value() });
        assert.equal((await pullSecrets(remote, local, [name])).results[0].status, 'conflict');
        assert.equal((await local.getSecretValue({ secretId: name })).secretString, offline);
      });

      it('reports a vault secret with the same name but no shared history as a conflict', async () => {
        const name = unique('foreign');
        await remoteSecret(name, 1);
        const mine = value();
        await local.createSecret({ name, secretString: mine });
        assert.equal((await pullSecrets(remote, local, [name])).results[0].status, 'conflict');
        assert.equal((await local.getSecretValue({ secretId: name })).secretString, mine);
      });
    });

    describe('push back', () => {
      it('pushes an offline change as a new AWS version with the vault’s VersionId and correct stages', async () => {
        const name = unique('push');
        const r = await remoteSecret(name, 1);
        await pullSecrets(remote, local, [name]);
        const changed = value();
        const offlineVersion = (await local.putSecretValue({ secretId: name, secretString: changed })).versionId;

        const plan = await planPush(local, remote, { names: [name] });
        assert.deepEqual(
          plan.map((e) => [e.name, e.status, e.localVersionId, e.remoteVersionId]),
          [[name, 'push', offlineVersion, r.ids[0]]],
        );
        const diff = await loadPushDiff(local, remote, plan[0]);
        assert.equal(diff.local?.secretString, changed);
        assert.equal(diff.remote?.secretString, r.values[0]);

        const outcomes = await applyPushPlan(local, remote, plan);
        assert.deepEqual(
          outcomes.map((o) => [o.status, o.versionId]),
          [['pushed', offlineVersion]],
        );
        const now = await remote.getSecretValue({ secretId: name });
        assert.equal(now.secretString, changed);
        assert.deepEqual(await stages(remote, name), {
          [offlineVersion]: ['AWSCURRENT'],
          [r.ids[0]]: ['AWSPREVIOUS'],
        });
        assert.equal((await planPush(local, remote, { names: [name] }))[0].status, 'in-sync');
        // A retry of the same entry changes nothing.
        assert.equal((await applyPush(local, remote, plan[0])).status, 'pushed');
        assert.equal(Object.keys(await stages(remote, name)).length, 2);
      });

      it('pushes only the latest of several offline changes', async () => {
        const name = unique('several');
        const r = await remoteSecret(name, 1);
        await pullSecrets(remote, local, [name]);
        await local.putSecretValue({ secretId: name, secretString: value() });
        const last = value();
        const lastId = (await local.putSecretValue({ secretId: name, secretString: last })).versionId;
        const outcomes = await applyPushPlan(local, remote, await planPush(local, remote, { names: [name] }));
        assert.deepEqual(
          outcomes.map((o) => o.status),
          ['pushed'],
        );
        assert.deepEqual(await stages(remote, name), { [lastId]: ['AWSCURRENT'], [r.ids[0]]: ['AWSPREVIOUS'] });
        assert.equal((await remote.getSecretValue({ secretId: name })).secretString, last);
      });

      it('detects a concurrent AWS change as a conflict and overwrites nothing', async () => {
        const name = unique('conflict');
        await remoteSecret(name, 1);
        await pullSecrets(remote, local, [name]);
        await local.putSecretValue({ secretId: name, secretString: value() });
        const theirs = value();
        const theirId = (await remote.putSecretValue({ secretId: name, secretString: theirs })).versionId;
        const before = await stages(remote, name);

        const plan = await planPush(local, remote, { names: [name] });
        assert.equal(plan[0].status, 'conflict');
        assert.equal(plan[0].remoteVersionId, theirId);
        assert.deepEqual(await applyPushPlan(local, remote, plan), []);
        assert.equal((await applyPush(local, remote, plan[0])).status, 'skipped');
        assert.equal((await remote.getSecretValue({ secretId: name })).secretString, theirs);
        assert.deepEqual(await stages(remote, name), before);
      });

      it('refuses a plan made before an AWS change (compare-and-swap at apply time)', async () => {
        const name = unique('race');
        await remoteSecret(name, 1);
        await pullSecrets(remote, local, [name]);
        await local.putSecretValue({ secretId: name, secretString: value() });
        const plan = await planPush(local, remote, { names: [name] });
        assert.equal(plan[0].status, 'push');
        const theirs = value();
        await remote.putSecretValue({ secretId: name, secretString: theirs });
        const before = await stages(remote, name);
        const [outcome] = await applyPushPlan(local, remote, plan);
        assert.equal(outcome.status, 'conflict');
        assert.equal((await remote.getSecretValue({ secretId: name })).secretString, theirs);
        assert.deepEqual(await stages(remote, name), before);
      });

      it('classifies unchanged, AWS-newer, local-only, rollback and rotation-in-progress secrets', async () => {
        const same = unique('same');
        const newer = unique('newer');
        const rollback = unique('rollback');
        const rotating = unique('rotating');
        const onlyLocal = unique('local');
        await remoteSecret(same, 1);
        await remoteSecret(newer, 1);
        const rb = await remoteSecret(rollback, 2);
        await remoteSecret(rotating, 1);
        await pullSecrets(remote, local, [same, newer, rollback, rotating], { allVersions: true });
        await local.createSecret({ name: onlyLocal, secretString: value() });
        await remote.putSecretValue({ secretId: newer, secretString: value() });
        await local.updateSecretVersionStage({
          secretId: rollback,
          versionStage: 'AWSCURRENT',
          moveToVersionId: rb.ids[0],
          removeFromVersionId: rb.ids[1],
        });
        await local.putSecretValue({ secretId: rotating, secretString: value() });
        await remote.putSecretValue({ secretId: rotating, secretString: value(), versionStages: ['AWSPENDING'] });

        const plan = await planPush(local, remote, { names: [same, newer, rollback, rotating, onlyLocal] });
        assert.deepEqual(
          plan.map((e) => e.status),
          ['in-sync', 'aws-newer', 'move-current', 'blocked', 'local-only'],
        );
        const outcomes = await applyPushPlan(local, remote, plan);
        assert.deepEqual(
          outcomes.map((o) => [o.name, o.status]),
          [[rollback, 'current-moved']],
        );
        assert.deepEqual(await stages(remote, rollback), { [rb.ids[0]]: ['AWSCURRENT'], [rb.ids[1]]: ['AWSPREVIOUS'] });
        await assert.rejects(remote.describeSecret(onlyLocal));
      });

      it('plans over every vault secret by default', async () => {
        const a = unique('default-a');
        const b = unique('default-b');
        await remoteSecret(a, 1);
        await local.createSecret({ name: b, secretString: value() });
        await pullSecrets(remote, local, [a]);
        const plan = await planPush(local, remote);
        const byName = new Map(plan.map((e) => [e.name, e.status]));
        assert.equal(byName.get(a), 'in-sync');
        assert.equal(byName.get(b), 'local-only');
      });
    });
  });
}
