// Push back: send vault changes made while offline to AWS, without ever overwriting an AWS-side change.
//
// Sync identity: a pull keeps AWS's VersionIds, and a push sends the vault's VersionId as ClientRequestToken.
// So the newest vault version that AWS also has ("base") is the last point both sides agreed on.
//   AWS current == base, vault moved on      → push (or just move AWSCURRENT if AWS already has that version)
//   vault current == base, AWS moved on      → AWS is newer; nothing to push
//   neither                                   → conflict: show both, overwrite nothing
// Applying is compare-and-swap: the new version is staged as AWSPENDING, then AWSCURRENT is moved with
// RemoveFromVersionId = the AWS version the plan saw, which AWS refuses if AWSCURRENT moved meanwhile.
import { ErrorCode, isSecretsError, Stage, type SecretStore, type SecretValue } from '../store/index';
import {
  currentVersionId,
  describeError,
  describeIfExists,
  listAllVersions,
  payloadOf,
  pendingVersionId,
} from './versions';

export type PushStatus =
  | 'in-sync'
  /** The vault has a version AWS lacks, on top of AWS's current one: push it. */
  | 'push'
  /** AWS already has the vault's current version, but another one is current there (a local rollback). */
  | 'move-current'
  /** AWS changed and the vault did not: nothing to push (pull to refresh the vault). */
  | 'aws-newer'
  /** Both changed since they last agreed: never pushed. */
  | 'conflict'
  /** Only in the vault: not pushed (a push never creates secrets in AWS). */
  | 'local-only'
  /** Cannot be pushed now: scheduled for deletion, no value, or a rotation in progress. */
  | 'blocked';

export interface PushPlanEntry {
  name: string;
  status: PushStatus;
  /** Plain words for the UI; never a value. */
  reason: string;
  /** The vault's AWSCURRENT version. */
  localVersionId?: string;
  /** AWS's AWSCURRENT version when the plan was made. */
  remoteVersionId?: string;
  remoteArn?: string;
}

export const pushableStatuses: readonly PushStatus[] = ['push', 'move-current'];

export interface PushPlanOptions {
  /** Limit the plan to these vault secret names; default: every vault secret not scheduled for deletion. */
  names?: readonly string[];
}

export async function planPush(
  local: SecretStore,
  remote: SecretStore,
  options: PushPlanOptions = {},
): Promise<PushPlanEntry[]> {
  const names = options.names ? [...new Set(options.names)] : await listNames(local);
  const plan: PushPlanEntry[] = [];
  for (const name of names) plan.push(await planOne(local, remote, name));
  return plan;
}

async function planOne(local: SecretStore, remote: SecretStore, name: string): Promise<PushPlanEntry> {
  const localMeta = await local.describeSecret(name);
  const localVersionId = currentVersionId(localMeta);
  const remoteMeta = await describeIfExists(remote, name);
  const entry = (status: PushStatus, reason: string): PushPlanEntry => ({
    name,
    status,
    reason,
    localVersionId,
    remoteVersionId: remoteMeta && currentVersionId(remoteMeta),
    remoteArn: remoteMeta?.arn,
  });
  if (!remoteMeta) return entry('local-only', 'Not in AWS; a push never creates secrets there.');
  if (remoteMeta.deletedDate) return entry('blocked', 'Scheduled for deletion in AWS.');
  if (localMeta.deletedDate) return entry('blocked', 'Scheduled for deletion in the vault.');
  if (!localVersionId) return entry('blocked', 'The vault copy has no current value.');
  const remoteVersionId = currentVersionId(remoteMeta);
  if (localVersionId === remoteVersionId) return entry('in-sync', 'Same current version on both sides.');

  const localVersions = await listAllVersions(local, name);
  const remoteIds = new Set((await listAllVersions(remote, remoteMeta.arn)).map((v) => v.versionId));
  const base = localVersions.find((v) => remoteIds.has(v.versionId));
  if (!base) return entry('conflict', 'The vault and AWS share no version: they were not synced with each other.');
  if (base.versionId === remoteVersionId) {
    const pending = pendingVersionId(remoteMeta);
    if (pending && pending !== localVersionId) return entry('blocked', 'A rotation is in progress in AWS.');
    return remoteIds.has(localVersionId)
      ? entry('move-current', 'AWS has the vault’s current version; only AWSCURRENT moves.')
      : entry('push', 'Changed in the vault since AWS’s current version.');
  }
  if (base.versionId === localVersionId) return entry('aws-newer', 'Changed in AWS; the vault copy is unchanged.');
  return entry('conflict', 'Changed in AWS and in the vault since they last agreed.');
}

/** The two current values an entry compares, for a diff. Either may be missing. */
export async function loadPushDiff(
  local: SecretStore,
  remote: SecretStore,
  entry: PushPlanEntry,
): Promise<{ local?: SecretValue; remote?: SecretValue }> {
  const read = async (store: SecretStore, secretId: string | undefined, versionId: string | undefined) =>
    secretId && versionId ? store.getSecretValue({ secretId, versionId }) : undefined;
  const [localValue, remoteValue] = await Promise.all([
    read(local, entry.name, entry.localVersionId),
    read(remote, entry.remoteArn, entry.remoteVersionId),
  ]);
  return { local: localValue, remote: remoteValue };
}

export type PushOutcomeStatus = 'pushed' | 'current-moved' | 'conflict' | 'skipped' | 'failed';

export interface PushOutcome {
  name: string;
  status: PushOutcomeStatus;
  /** AWS's current version afterwards, where known. */
  versionId?: string;
  message?: string;
  errorCode?: string;
}

/** Applies one plan entry. Safe to retry: versions are created with the vault's VersionId as token. */
export async function applyPush(local: SecretStore, remote: SecretStore, entry: PushPlanEntry): Promise<PushOutcome> {
  const { name } = entry;
  if (!pushableStatuses.includes(entry.status) || !entry.localVersionId || !entry.remoteArn) {
    return { name, status: 'skipped', message: entry.reason };
  }
  const localVersionId = entry.localVersionId;
  const arn = entry.remoteArn;
  try {
    const meta = await remote.describeSecret(arn);
    const current = currentVersionId(meta);
    if (current === localVersionId) return { name, status: 'pushed', versionId: current, message: 'Already in AWS.' };
    if (current !== entry.remoteVersionId) {
      return { name, status: 'conflict', versionId: current, message: 'AWS changed after the plan was made.' };
    }
    if (entry.status === 'push') {
      const pending = pendingVersionId(meta);
      if (pending && pending !== localVersionId) {
        return { name, status: 'conflict', versionId: current, message: 'A rotation started in AWS.' };
      }
      const value = await local.getSecretValue({ secretId: name, versionId: localVersionId });
      await remote.putSecretValue({
        secretId: arn,
        clientRequestToken: localVersionId,
        versionStages: [Stage.pending],
        ...payloadOf(value),
      });
    }
    try {
      await remote.updateSecretVersionStage({
        secretId: arn,
        versionStage: Stage.current,
        moveToVersionId: localVersionId,
        removeFromVersionId: entry.remoteVersionId,
      });
    } catch (error) {
      if (!isSecretsError(error, ErrorCode.invalidParameter)) throw error;
      await clearPending(remote, arn, localVersionId);
      return { name, status: 'conflict', message: 'AWSCURRENT moved in AWS while pushing; nothing overwritten.' };
    }
    await clearPending(remote, arn, localVersionId);
    return {
      name,
      status: entry.status === 'push' ? 'pushed' : 'current-moved',
      versionId: localVersionId,
    };
  } catch (error) {
    return { name, status: 'failed', ...describeError(error) };
  }
}

export async function applyPushPlan(
  local: SecretStore,
  remote: SecretStore,
  plan: readonly PushPlanEntry[],
): Promise<PushOutcome[]> {
  const outcomes: PushOutcome[] = [];
  for (const entry of plan) {
    if (pushableStatuses.includes(entry.status)) outcomes.push(await applyPush(local, remote, entry));
  }
  return outcomes;
}

async function clearPending(remote: SecretStore, arn: string, versionId: string): Promise<void> {
  const meta = await remote.describeSecret(arn);
  if (meta.versionIdsToStages[versionId]?.includes(Stage.pending)) {
    await remote.updateSecretVersionStage({
      secretId: arn,
      versionStage: Stage.pending,
      removeFromVersionId: versionId,
    });
  }
}

async function listNames(store: SecretStore): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await store.listSecrets({ maxResults: 100, nextToken });
    names.push(...page.secrets.map((s) => s.name));
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
}
