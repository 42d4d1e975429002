// Version-history helpers shared by pull and push. Order matters: sync identity relies on which versions
// a store saw, and in what order, so both directions read the full history (deprecated versions included).
import {
  ErrorCode,
  isSecretsError,
  Stage,
  type SecretMetadata,
  type SecretStore,
  type SecretValue,
} from '../store/index';

export interface VersionInfo {
  versionId: string;
  stages: string[];
  createdDate: Date;
}

/** Every version the store still keeps, newest first (ties keep the store's own newest-first order). */
export async function listAllVersions(store: SecretStore, secretId: string): Promise<VersionInfo[]> {
  const versions: VersionInfo[] = [];
  let nextToken: string | undefined;
  do {
    const page = await store.listSecretVersionIds({ secretId, includeDeprecated: true, maxResults: 100, nextToken });
    for (const v of page.versions) {
      versions.push({ versionId: v.versionId, stages: v.versionStages, createdDate: v.createdDate });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  // Array.prototype.sort is stable, so equal dates keep the store's order.
  return versions.sort((a, b) => b.createdDate.getTime() - a.createdDate.getTime());
}

export function currentVersionId(metadata: SecretMetadata): string | undefined {
  return Object.entries(metadata.versionIdsToStages).find(([, stages]) => stages.includes(Stage.current))?.[0];
}

/** A version carrying AWSPENDING that is not AWSCURRENT: a rotation is under way. */
export function pendingVersionId(metadata: SecretMetadata): string | undefined {
  return Object.entries(metadata.versionIdsToStages).find(
    ([, stages]) => stages.includes(Stage.pending) && !stages.includes(Stage.current),
  )?.[0];
}

/** describeSecret, or undefined when the store does not have the secret. */
export async function describeIfExists(store: SecretStore, secretId: string): Promise<SecretMetadata | undefined> {
  try {
    return await store.describeSecret(secretId);
  } catch (error) {
    if (isSecretsError(error, ErrorCode.resourceNotFound)) return undefined;
    throw error;
  }
}

export function payloadOf(value: SecretValue): { secretString?: string; secretBinary?: Uint8Array } {
  return value.secretBinary !== undefined ? { secretBinary: value.secretBinary } : { secretString: value.secretString };
}

/** A message and code for a report line. Store errors never carry secret values, so the message is safe. */
export function describeError(error: unknown): { errorCode: string; message: string } {
  if (error instanceof Error) return { errorCode: error.name || 'Error', message: error.message };
  return { errorCode: 'Error', message: String(error) };
}
