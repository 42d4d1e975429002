// A secret's encryption key and replicas in words, for the tree tooltip and the reports (#23). Metadata only.
import type { ReplicaStatus, SecretMetadata, SecretStore } from '../store/types';

export type KeyKind = 'aws-managed' | 'customer-managed';

/** No key id, or the `aws/secretsmanager` alias (by name or ARN), is the AWS-managed key, which cannot be shared. */
export function keyKind(kmsKeyId: string | undefined): KeyKind {
  return !kmsKeyId || /(^|:)alias\/aws\/secretsmanager$/.test(kmsKeyId) ? 'aws-managed' : 'customer-managed';
}

export function describeKey(kmsKeyId: string | undefined): string {
  return keyKind(kmsKeyId) === 'aws-managed' ? 'AWS-managed (aws/secretsmanager)' : `customer-managed ${kmsKeyId}`;
}

/** `eu-west-1 InSync (customer-managed key …)`, a failure with its message, the last read date where known. */
export function describeReplica(replica: ReplicaStatus): string {
  const key = keyKind(replica.kmsKeyId) === 'customer-managed' ? `, key ${replica.kmsKeyId}` : '';
  const message = replica.status === 'Failed' && replica.statusMessage ? `: ${replica.statusMessage}` : '';
  const read = replica.lastAccessedDate ? `, last read ${replica.lastAccessedDate.toISOString().slice(0, 10)}` : '';
  return `${replica.region} ${replica.status}${message}${key}${read}`;
}

/** `undefined` replicas means not described (ListSecrets does not carry them); an empty list means none. */
export function describeReplicas(replicas: readonly ReplicaStatus[] | undefined): string {
  if (replicas === undefined) return 'unknown';
  return replicas.length ? replicas.map(describeReplica).join('; ') : 'none';
}

/** DescribeSecret's answer, marked as described: no replicas becomes an empty list (none), not absent (unknown). */
export const asDescribed = (metadata: SecretMetadata): SecretMetadata => ({
  ...metadata,
  replicationStatus: metadata.replicationStatus ?? [],
});

/**
 * Each secret as DescribeSecret sees it (with its replicas), a few calls at a time. A secret that cannot be
 * described keeps its listing entry: the report says its replicas are unknown rather than failing.
 */
export async function describeWithReplicas(
  store: Pick<SecretStore, 'describeSecret'>,
  secrets: readonly SecretMetadata[],
  concurrency = 4,
): Promise<SecretMetadata[]> {
  const out = [...secrets];
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < out.length) {
      const index = next++;
      const described = await store.describeSecret(out[index].arn).catch(() => undefined);
      if (described) out[index] = asDescribed(described);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, out.length) }, work));
  return out;
}
