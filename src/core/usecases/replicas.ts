// Replicate a secret to other regions, and remove replicas (#23). The questions (regions, a key, a confirmation)
// and the store calls; the extension passes its quick picks, tests scripted answers.
import { awsRegions } from '../aws/regions';
import { describeReplica } from '../posture/kms-replicas';
import type { ReplicaRegion, ReplicationOutput } from '../store/types';
import type { Destination } from './create-secret';
import { attempt, required, UserCancelled, type Ports } from './ports';

/** Asks for regions (not the secret's own, nor one it is replicated to) and a key, then replicates. */
export async function replicateToRegions(ports: Ports, at: Destination, name: string): Promise<ReplicationOutput> {
  const store = await at.store();
  const secret = await attempt(`Reading "${name}" in ${at.label}`, () => store.describeSecret(name));
  const taken = new Set([secret.primaryRegion, ...(secret.replicationStatus ?? []).map((r) => r.region)]);
  const title = 'Replicate to Regions';
  const regions = required(
    await ports.ui.pickMany(
      awsRegions.filter((region) => !taken.has(region)).map((region) => ({ label: region, value: region })),
      { title, placeholder: `Regions to replicate "${name}" to`, step: { current: 1, total: 2 } },
    ),
  );
  if (!regions.length) throw new UserCancelled(); // nothing chosen: nothing to do
  const kmsKeyId = required(
    await ports.ui.text({
      title,
      prompt: 'KMS key for the replicas: empty for the AWS-managed key (aws/secretsmanager), else a key in each region',
      placeholder: 'alias/my-key, or a multi-Region key id (mrk-…)',
      step: { current: 2, total: 2 },
    }),
  ).trim();
  const add: ReplicaRegion[] = regions.map((region) => ({ region, ...(kmsKeyId ? { kmsKeyId } : {}) }));
  const result = await ports.progress(`Replicating ${name}`, () =>
    attempt(`Replicating "${name}" to ${regions.join(', ')}`, () =>
      store.replicateSecretToRegions({ secretId: name, addReplicaRegions: add }),
    ),
  );
  ports.log.info(`Replicating ${name} in ${at.label} to ${regions.join(', ')}.`);
  return result;
}

/** Asks which replicas to remove, confirms (the replica secrets are deleted), then removes them. */
export async function removeReplicaRegions(
  ports: Ports,
  at: Destination,
  name: string,
): Promise<ReplicationOutput | undefined> {
  const store = await at.store();
  const secret = await attempt(`Reading "${name}" in ${at.label}`, () => store.describeSecret(name));
  const replicas = secret.replicationStatus ?? [];
  if (!replicas.length) throw new Error(`"${name}" has no replicas to remove.`);
  const regions = required(
    await ports.ui.pickMany(
      replicas.map((r) => ({ label: r.region, description: describeReplica(r), value: r.region })),
      { title: 'Remove Replica Regions', placeholder: `Replicas of "${name}" to remove` },
    ),
  );
  if (!regions.length) return undefined;
  const confirmed = await ports.ui.confirm({
    message: `Remove the replicas of "${name}" in ${regions.join(', ')}?`,
    detail: 'The replica secrets in those regions are deleted; applications reading them there will fail.',
    confirmLabel: 'Remove Replicas',
  });
  if (!confirmed) return undefined;
  const result = await ports.progress(`Removing replicas of ${name}`, () =>
    attempt(`Removing the replicas of "${name}" in ${regions.join(', ')}`, () =>
      store.removeRegionsFromReplication({ secretId: name, removeReplicaRegions: regions }),
    ),
  );
  ports.log.info(`Removed the replicas of ${name} in ${at.label} from ${regions.join(', ')}.`);
  return result;
}
