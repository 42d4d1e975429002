// The store contract's replication part (#23): ReplicateSecretToRegions and RemoveRegionsFromReplication, with
// AWS's answers and error shapes, on every store (the engine records replicas so the local server speaks them).
import { strict as assert } from 'node:assert';
import type { SecretStore } from '../../../src/core/store/index';

type Rejects = (promise: Promise<unknown>, code: string) => Promise<void>;

export function describeReplicationContract(
  store: () => SecretStore,
  uniqueName: (base: string) => string,
  value: () => string,
  rejectsWith: Rejects,
): void {
  describe('replicas', () => {
    const other = (primary: string) => (primary === 'eu-west-1' ? 'eu-west-2' : 'eu-west-1');

    it('replicates to regions (InProgress, then InSync), reports them in DescribeSecret only, and removes them', async () => {
      const name = uniqueName('replica');
      const { arn } = await store().createSecret({ name, secretString: value() });
      const primary = (await store().describeSecret(name)).primaryRegion!;
      const [a, b] = [other(primary), 'ap-southeast-2'];
      const cmk = `arn:aws:kms:${b}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
      const out = await store().replicateSecretToRegions({
        secretId: name,
        addReplicaRegions: [{ region: a }, { region: b, kmsKeyId: cmk }],
      });
      assert.equal(out.arn, arn);
      assert.deepEqual(
        out.replicationStatus.map((r) => [r.region, r.kmsKeyId, r.status]),
        [
          [a, 'alias/aws/secretsmanager', 'InProgress'],
          [b, cmk, 'InProgress'],
        ],
      );
      const described = await store().describeSecret(arn);
      assert.deepEqual(
        described.replicationStatus?.map((r) => [r.region, r.kmsKeyId, r.status]),
        [
          [a, 'alias/aws/secretsmanager', 'InSync'],
          [b, cmk, 'InSync'],
        ],
      );
      const listed = (await store().listSecrets({ filters: [{ key: 'name', values: [name] }] })).secrets;
      assert.deepEqual(
        listed.map((s) => [s.name, s.replicationStatus]),
        [[name, undefined]],
      );
      const removed = await store().removeRegionsFromReplication({ secretId: name, removeReplicaRegions: [a] });
      assert.deepEqual(
        removed.replicationStatus.map((r) => r.region),
        [b],
      );
      await store().removeRegionsFromReplication({ secretId: name, removeReplicaRegions: [b] });
      assert.equal((await store().describeSecret(name)).replicationStatus, undefined);
    });

    it('marks a replica whose KMS key is in another region Failed, with a message', async () => {
      const name = uniqueName('replica-failed');
      await store().createSecret({ name, secretString: value() });
      const region = other((await store().describeSecret(name)).primaryRegion!);
      const foreignKey = 'arn:aws:kms:sa-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      await store().replicateSecretToRegions({ secretId: name, addReplicaRegions: [{ region, kmsKeyId: foreignKey }] });
      const [replica] = (await store().describeSecret(name)).replicationStatus!;
      assert.equal(replica.status, 'Failed');
      assert.match(replica.statusMessage!, /sa-east-1/);
    });

    it('refuses its own region, a region twice, an existing replica, an unknown region to remove, all or nothing', async () => {
      const name = uniqueName('replica-refused');
      await store().createSecret({ name, secretString: value() });
      const primary = (await store().describeSecret(name)).primaryRegion!;
      const region = other(primary);
      const replicate = (...regions: string[]) =>
        store().replicateSecretToRegions({ secretId: name, addReplicaRegions: regions.map((r) => ({ region: r })) });
      await rejectsWith(replicate(region, primary), 'InvalidParameterException');
      await rejectsWith(replicate(region, region), 'InvalidParameterException');
      await rejectsWith(replicate('not a region'), 'InvalidParameterException');
      assert.equal((await store().describeSecret(name)).replicationStatus, undefined); // nothing half-added
      await replicate(region);
      await rejectsWith(replicate(region), 'InvalidParameterException');
      await rejectsWith(
        store().removeRegionsFromReplication({ secretId: name, removeReplicaRegions: [region, 'ca-central-1'] }),
        'InvalidParameterException',
      );
      assert.deepEqual(
        (await store().describeSecret(name)).replicationStatus?.map((r) => r.region),
        [region],
      );
    });

    it('refuses an unknown secret, a secret scheduled for deletion, and deleting a secret that has replicas', async () => {
      await rejectsWith(
        store().replicateSecretToRegions({
          secretId: uniqueName('absent'),
          addReplicaRegions: [{ region: 'eu-west-3' }],
        }),
        'ResourceNotFoundException',
      );
      await rejectsWith(
        store().removeRegionsFromReplication({ secretId: uniqueName('absent'), removeReplicaRegions: ['eu-west-3'] }),
        'ResourceNotFoundException',
      );
      const name = uniqueName('replica-delete');
      await store().createSecret({ name, secretString: value() });
      const region = other((await store().describeSecret(name)).primaryRegion!);
      await store().replicateSecretToRegions({ secretId: name, addReplicaRegions: [{ region }] });
      await rejectsWith(
        store().deleteSecret({ secretId: name, forceDeleteWithoutRecovery: true }),
        'InvalidRequestException',
      );
      await store().removeRegionsFromReplication({ secretId: name, removeReplicaRegions: [region] });
      await store().deleteSecret({ secretId: name });
      await rejectsWith(
        store().replicateSecretToRegions({ secretId: name, addReplicaRegions: [{ region }] }),
        'InvalidRequestException',
      );
    });
  });
}
