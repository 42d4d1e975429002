// "Secrets: Push Offline Changes to AWS…": a diff per secret first, then push what the user accepts.
// Conflicts (AWS changed meanwhile) are shown as diffs too and never pushed.
import * as vscode from 'vscode';
import {
  applyPush,
  loadPushDiff,
  planPush,
  pushableStatuses,
  type PushOutcome,
  type PushPlanEntry,
} from '../../core/sync/index';
import type { SecretStore } from '../../core/store/index';
import { pickAwsConnection, rememberedConnection } from './connection-choice';
import type { UserInput } from '../user-input';
import type { OfflineDeps, OfflineLog } from './types';
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

  const plan = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Comparing the vault with AWS' },
    () => planPush(local, remote),
  );
  const pushable = plan.filter((e) => pushableStatuses.includes(e.status));
  const conflicts = plan.filter((e) => e.status === 'conflict');
  writePlan(deps.log, plan);

  for (const entry of conflicts) {
    await showDiff(local, remote, documents, entry, 'conflict: AWS changed meanwhile, not pushed');
  }
  if (conflicts.length) {
    void deps
      .ui()
      .notify(
        'warning',
        `Not pushed, because AWS changed them while you were offline: ${conflicts.map((e) => e.name).join(', ')}. ` +
          'Compare and resolve them by hand.',
      );
  }
  if (pushable.length === 0) {
    if (!conflicts.length) void deps.ui().notify('info', 'Nothing to push: no vault changes made offline.');
    return { connectionId, plan, outcomes: [] };
  }

  const outcomes: PushOutcome[] = [];
  let pushRest = args.decide === 'all';
  for (const entry of pushable) {
    if (args.decide === 'none') break;
    await showDiff(local, remote, documents, entry, 'AWS ↔ vault (changed offline)');
    if (!pushRest) {
      const choice = await deps
        .ui()
        .notify(
          'info',
          `Push the vault's version of "${entry.name}" to AWS? It becomes AWSCURRENT; AWS's current one becomes AWSPREVIOUS.`,
          'Push',
          'Push All',
          'Skip',
        );
      if (choice === undefined) break;
      if (choice === 'Skip') continue;
      pushRest = choice === 'Push All';
    }
    const outcome = await applyPush(local, remote, entry);
    outcomes.push(outcome);
    deps.log.info(`  ${outcome.status.padEnd(14)} ${entry.name}${outcome.message ? ` (${outcome.message})` : ''}`);
  }
  summarize(deps.ui(), outcomes);
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

function writePlan(output: OfflineLog, plan: PushPlanEntry[]): void {
  output.info(`Push offline changes: ${plan.length} vault secrets compared with AWS`);
  for (const entry of plan) output.info(`  ${entry.status.padEnd(14)} ${entry.name}: ${entry.reason}`);
}

function summarize(ui: UserInput, outcomes: PushOutcome[]): void {
  const count = (status: PushOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const pushed = count('pushed') + count('current-moved');
  const refused = outcomes.filter((o) => o.status === 'conflict' || o.status === 'failed');
  const text = `Pushed ${pushed} secret${pushed === 1 ? '' : 's'} to AWS.`;
  if (refused.length === 0) void ui.notify('info', text);
  else void ui.notify('warning', `${text} Not pushed: ${refused.map((o) => `${o.name} (${o.status})`).join(', ')}.`);
}
