// "Secrets: Push Offline Changes to AWS…": the connection, then the push use case (a diff per secret first,
// then push what the user accepts; conflicts shown, never pushed), with diffs in VS Code's diff editor.
import * as vscode from 'vscode';
import { loadPushDiff, type PushOutcome, type PushPlanEntry } from '../../core/sync/index';
import { pushOfflineChanges as pushOffline } from '../../core/usecases/push-offline';
import { notificationProgress } from '../progress';
import type { SecretStore } from '../../core/store/index';
import { pickAwsConnection, rememberedConnection } from './connection-choice';
import type { OfflineDeps } from './types';
import type { ValueDocuments } from './value-documents';

export interface PushBackArgs {
  connectionId?: string;
  /** Without prompts: 'all' pushes every pushable secret, 'none' only reports. */
  decide?: 'all' | 'none';
}

export interface PushBackResult {
  connectionId: string;
  plan: PushPlanEntry[];
  outcomes: PushOutcome[];
}

export async function pushOfflineChanges(
  deps: OfflineDeps,
  context: vscode.ExtensionContext,
  documents: ValueDocuments,
  args: PushBackArgs = {},
): Promise<PushBackResult | undefined> {
  const connectionId =
    args.connectionId ??
    rememberedConnection(context) ??
    (await pickAwsConnection(deps, context, 'Push vault changes to which AWS connection?'));
  if (!connectionId) return undefined;
  const [local, remote] = await Promise.all([deps.localStore(), deps.awsStore(connectionId)]);
  const { plan, outcomes } = await pushOffline(
    { ui: deps.ui(), progress: notificationProgress },
    {
      local,
      remote,
      decide: args.decide,
      showDiff: (entry, what) => showDiff(local, remote, documents, entry, what),
      report: (line) => deps.log.info(line),
    },
  );
  return { connectionId, plan, outcomes };
}

async function showDiff(
  local: SecretStore,
  remote: SecretStore,
  documents: ValueDocuments,
  entry: PushPlanEntry,
  what: string,
): Promise<void> {
  const values = await loadPushDiff(local, remote, entry);
  const left = documents.create('aws', entry.name, values.remote);
  const right = documents.create('vault', entry.name, values.local);
  await vscode.commands.executeCommand('vscode.diff', left, right, `${entry.name}: ${what}`, { preview: false });
}
