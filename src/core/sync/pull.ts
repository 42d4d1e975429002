// Pull: copy secrets from a source store (AWS) into a target store (the vault) keeping AWS's VersionIds
// (as ClientRequestTokens) and stages, so a later push can tell exactly what changed on which side. A secret the
// target lacks goes through the one copy engine (core/transfer); this file decides what to do with each secret.
import type { SecretStore } from '../store/index';
import { copySecret } from '../transfer/copy-secret';
import { currentVersionId, describeError, describeIfExists, listAllVersions, payloadOf } from './versions';

export interface PullOptions {
  /** Also copy every staged version (AWSPREVIOUS, AWSPENDING, custom labels), not only AWSCURRENT. */
  allVersions?: boolean;
  /** Called after each secret, for progress reporting. */
  onProgress?: (done: number, total: number) => void;
}

export type PullStatus =
  /** The target did not have the secret; it now does. */
  | 'created'
  /** The target was behind (no local changes): AWS's current version was added and made current. */
  | 'updated'
  | 'unchanged'
  /** The target has changes on top of the source's current version; left alone (push them back instead). */
  | 'kept-local-changes'
  /** Both sides changed since they last agreed; left alone. */
  | 'conflict'
  /** The source has no such secret. */
  | 'not-found'
  /** The source has the secret but it has no current value. */
  | 'no-value'
  | 'failed';

export interface PullResult {
  /** As requested (a name or an ARN). */
  secretId: string;
  /** The secret's name, where the source knows it. */
  name?: string;
  status: PullStatus;
  /** Versions written to the target. */
  versionIds: string[];
  errorCode?: string;
  message?: string;
}

export interface PullReport {
  results: PullResult[];
  /** Requested ids the source does not have, in request order. */
  notFound: string[];
  failed: PullResult[];
}

export async function pullSecrets(
  source: SecretStore,
  target: SecretStore,
  secretIds: readonly string[],
  options: PullOptions = {},
): Promise<PullReport> {
  const unique = [...new Set(secretIds)];
  const results: PullResult[] = [];
  for (const secretId of unique) {
    try {
      results.push(await pullOne(source, target, secretId, options));
    } catch (error) {
      results.push({ secretId, status: 'failed', versionIds: [], ...describeError(error) });
    }
    options.onProgress?.(results.length, unique.length);
  }
  return {
    results,
    notFound: results.filter((r) => r.status === 'not-found').map((r) => r.secretId),
    failed: results.filter((r) => r.status === 'failed'),
  };
}

async function pullOne(
  source: SecretStore,
  target: SecretStore,
  secretId: string,
  options: PullOptions,
): Promise<PullResult> {
  const remote = await describeIfExists(source, secretId);
  if (!remote) return { secretId, status: 'not-found', versionIds: [] };
  const name = remote.name;
  const remoteCurrent = currentVersionId(remote);
  if (!remoteCurrent) return { secretId, name, status: 'no-value', versionIds: [] };

  const local = await describeIfExists(target, name);
  const localVersions = local ? await listAllVersions(target, name) : [];
  if (!local || localVersions.length === 0) {
    // An existing secret without versions is what an interrupted earlier pull leaves: the copy finishes it.
    const mode = options.allVersions ? 'allVersions' : 'current';
    const { versionIds } = await copySecret(source, target, name, { mode });
    return { secretId, name, status: 'created', versionIds };
  }

  const localCurrent = currentVersionId(local);
  if (localVersions.some((v) => v.versionId === remoteCurrent)) {
    const status = localCurrent === remoteCurrent ? 'unchanged' : 'kept-local-changes';
    return { secretId, name, status, versionIds: [] };
  }
  // The source moved on. Fast-forward only if the target has nothing newer than what the source also has.
  const remoteIds = new Set((await listAllVersions(source, remote.arn)).map((v) => v.versionId));
  const base = localVersions.find((v) => remoteIds.has(v.versionId));
  if (!base || base.versionId !== localCurrent) {
    return { secretId, name, status: 'conflict', versionIds: [] };
  }
  const value = await source.getSecretValue({ secretId: remote.arn, versionId: remoteCurrent });
  await target.putSecretValue({ secretId: name, clientRequestToken: remoteCurrent, ...payloadOf(value) });
  return { secretId, name, status: 'updated', versionIds: [remoteCurrent] };
}
