// Multi-region replicas as Secrets Manager records them (ReplicateSecretToRegions, RemoveRegionsFromReplication).
// The engine holds one region, so a replica is metadata only: there is no copy to read in another region.
import { invalidParameter, invalidRequest } from './errors';
import type { ReplicaRecord, SecretRecord } from './state';
import type {
  RemoveRegionsFromReplicationInput,
  ReplicaRegion,
  ReplicateSecretToRegionsInput,
  ReplicaStatus,
} from './types';

/** What AWS reports as a replica's key when none was chosen. */
export const awsManagedKeyAlias = 'alias/aws/secretsmanager';

/** The API's pattern for a region code. */
const regionPattern = /^([a-z]+-)+\d+$/;

/** A KMS key ARN names its region: `arn:aws:kms:<region>:<account>:key/<id>`. */
const kmsArnRegion = (kmsKeyId: string) => /^arn:aws[\w-]*:kms:([^:]+):/.exec(kmsKeyId)?.[1];

export function replicationStatus(secret: SecretRecord): ReplicaStatus[] {
  return (secret.replicas ?? []).map((r) => compactStatus({ ...r }));
}

/**
 * Adds replicas, all or none. Refused: the secret's own region (`Invalid replica region.`), a region twice,
 * a region that already has a replica. A key ARN of another region cannot encrypt the replica (KMS keys are
 * regional): that replica is recorded as `Failed`, as the service reports a replication it could not make.
 */
export function addReplicas(
  secret: SecretRecord,
  primaryRegion: string,
  input: ReplicateSecretToRegionsInput,
): ReplicaStatus[] {
  const wanted = input.addReplicaRegions;
  if (wanted.length === 0) throw invalidParameter('AddReplicaRegions must name at least one region.');
  const seen = new Set<string>();
  for (const { region } of wanted) {
    if (!regionPattern.test(region) || region === primaryRegion) throw invalidParameter('Invalid replica region.');
    if (seen.has(region)) throw invalidParameter(`Region ${region} is given more than once.`);
    if (secret.replicas?.some((r) => r.region === region)) {
      throw invalidParameter(`The secret already has a replica in ${region}.`);
    }
    seen.add(region);
  }
  const added = wanted.map(newReplica);
  secret.replicas = [...(secret.replicas ?? []), ...added];
  // The answer reports the copies as started, not finished.
  return replicationStatus(secret).map((status) =>
    seen.has(status.region) ? compactStatus({ ...status, status: 'InProgress', statusMessage: undefined }) : status,
  );
}

/** Removes replicas, all or none: each region must be one of the secret's replicas. */
export function removeReplicas(secret: SecretRecord, input: RemoveRegionsFromReplicationInput): ReplicaStatus[] {
  const regions = input.removeReplicaRegions;
  if (regions.length === 0) throw invalidParameter('RemoveReplicaRegions must name at least one region.');
  for (const region of regions) {
    if (!secret.replicas?.some((r) => r.region === region)) {
      throw invalidParameter(`The secret has no replica in ${region}.`);
    }
  }
  secret.replicas = secret.replicas!.filter((r) => !regions.includes(r.region));
  if (secret.replicas.length === 0) delete secret.replicas;
  return replicationStatus(secret);
}

/** A primary secret with replicas cannot be deleted until they are removed. */
export function refuseDeletingReplicated(secret: SecretRecord): void {
  if (secret.replicas?.length) {
    throw invalidRequest(
      `You can't delete secret ${secret.name} while it has replicas. Remove them first with RemoveRegionsFromReplication.`,
    );
  }
}

function newReplica({ region, kmsKeyId }: ReplicaRegion): ReplicaRecord {
  const key = kmsKeyId ?? awsManagedKeyAlias;
  const keyRegion = kmsArnRegion(key);
  if (keyRegion !== undefined && keyRegion !== region) {
    return {
      region,
      kmsKeyId: key,
      status: 'Failed',
      statusMessage: `Replication failed: the KMS key is in ${keyRegion}, not in ${region}.`,
    };
  }
  return { region, kmsKeyId: key, status: 'InSync', statusMessage: 'Replication succeeded' };
}

function compactStatus(status: ReplicaStatus): ReplicaStatus {
  if (status.statusMessage === undefined) delete status.statusMessage;
  return status;
}
