// "Who read this secret": the secret's metadata (Last accessed, cleanup candidate) and the calls made on it,
// newest first, from whatever the store keeps (CloudTrail for AWS, the local server's access log for the vault).
// Both fronts call this; only the store is needed, so tests run it on a vault or against the local server.
import { cleanupAfterDays, isCleanupCandidate, unreadFor } from '../access/cleanup';
import type { SecretAccessHistory } from '../access/report';
import { SecretsError } from '../store/errors';
import type { SecretStore } from '../store/types';

export type { SecretAccessHistory };

export interface AccessHistoryOptions {
  now?: Date;
  /** At most this many events (default 100). */
  limit?: number;
}

export async function readSecretAccessHistory(
  store: SecretStore,
  secretId: string,
  options: AccessHistoryOptions = {},
): Promise<SecretAccessHistory> {
  if (!store.capabilities.accessHistory || !store.accessEvents) {
    throw new SecretsError('InvalidRequestException', 'This connection keeps no access history.');
  }
  const now = options.now ?? new Date();
  const metadata = await store.describeSecret(secretId);
  const events = await store.accessEvents({ name: metadata.name, arn: metadata.arn }, { limit: options.limit ?? 100 });
  return {
    name: metadata.name,
    arn: metadata.arn,
    lastAccessed: metadata.lastAccessedDate,
    unread: unreadFor(metadata, now),
    cleanupCandidate: isCleanupCandidate(metadata, now, cleanupAfterDays),
    events,
    source: store.capabilities.localOnly ? 'local' : 'cloudtrail',
  };
}
