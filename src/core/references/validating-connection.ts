// Which connection checks the secret references of a workspace folder (CodeLens, hover, completion,
// diagnostics). Offline, always the local vault: that is where the code's secrets come from then. Otherwise the
// folder's `secretsWorkbench.references.connection` setting (a connection id or label), else the workspace's
// AWS connection: the one offline mode syncs with, or the only one configured; else the local vault.

export interface ConnectionChoiceCandidate {
  id: string;
  label: string;
  kind: 'local' | 'aws';
}

export interface ValidatingConnectionInput {
  connections: readonly ConnectionChoiceCandidate[];
  /** The folder's setting: a connection id or label; empty means automatic. */
  setting?: string;
  offline: boolean;
  /** The AWS connection offline mode syncs with in this workspace, if one was chosen. */
  offlineSyncConnection?: string;
}

export interface ValidatingConnection {
  connectionId: string;
  reason: 'offline' | 'setting' | 'offline-sync-connection' | 'only-aws-connection' | 'local-vault';
  /** Set when the setting names no connection (the automatic choice was used instead). */
  problem?: string;
}

export const localVaultId = 'local';

export function validatingConnection(input: ValidatingConnectionInput): ValidatingConnection {
  if (input.offline) return { connectionId: localVaultId, reason: 'offline' };
  const wanted = input.setting?.trim();
  let problem: string | undefined;
  if (wanted) {
    const lower = wanted.toLowerCase();
    const named =
      input.connections.find((c) => c.id === wanted) ??
      input.connections.find((c) => c.label.toLowerCase() === lower) ??
      (lower === 'local' || lower === 'local vault' ? input.connections.find((c) => c.kind === 'local') : undefined);
    if (named) return { connectionId: named.id, reason: 'setting' };
    problem = `secretsWorkbench.references.connection names no connection ("${wanted}")`;
  }
  const aws = input.connections.filter((c) => c.kind === 'aws');
  const synced = aws.find((c) => c.id === input.offlineSyncConnection);
  const automatic: ValidatingConnection = synced
    ? { connectionId: synced.id, reason: 'offline-sync-connection' }
    : aws.length === 1
      ? { connectionId: aws[0].id, reason: 'only-aws-connection' }
      : { connectionId: localVaultId, reason: 'local-vault' };
  return problem ? { ...automatic, problem } : automatic;
}
