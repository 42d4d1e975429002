// "Secrets: Prepare for Offline…": find the secrets the workspace references, pull them from an AWS
// connection into the vault, and report by name what could not be pulled.
import * as vscode from 'vscode';
import { pullSecrets, type PullReport } from '../../core/sync/index';
import type { SecretReference } from '../../core/references/index';
import { askAllVersions, findReferencedSecrets, inVaultAfterPull } from '../../core/usecases/prepare-offline';
import { filesExcludeGlobs } from '../references/files-exclude';
import type { UserInput } from '../../core/usecases/ports';
import type { OfflineDeps, OfflineLog } from './types';
import { pickAwsConnection, rememberConnection } from './connection-choice';

export interface PrepareArgs {
  /** Skips the connection picker. */
  connectionId?: string;
  /** Skips the versions picker. */
  allVersions?: boolean;
  /** Folders to scan; default: every workspace folder. */
  folders?: string[];
}

export interface PrepareResult {
  connectionId: string;
  /** Distinct secret ids referenced, in first-seen order. */
  referenced: string[];
  filesScanned: number;
  report: PullReport;
}

export async function prepareForOffline(
  deps: OfflineDeps,
  context: vscode.ExtensionContext,
  args: PrepareArgs = {},
): Promise<PrepareResult | undefined> {
  const connectionId =
    args.connectionId ?? (await pickAwsConnection(deps, context, 'Pull secrets from which AWS connection?'));
  if (!connectionId) return undefined;

  const folders = args.folders ?? (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  if (folders.length === 0) {
    void deps.ui().notify('info', 'Open a folder first: Prepare for Offline looks for secrets its code uses.');
    return undefined;
  }
  const { references, referenced, filesScanned } = await findReferencedSecrets(folders, (folder) =>
    filesExcludeGlobs(vscode.Uri.file(folder)),
  );
  if (referenced.length === 0) {
    void deps
      .ui()
      .notify(
        'info',
        `No secret references found in ${filesScanned} files (getSecret calls, {{resolve:secretsmanager:…}}, Terraform data sources).`,
      );
    return { connectionId, referenced, filesScanned, report: { results: [], notFound: [], failed: [] } };
  }

  const allVersions = args.allVersions ?? (await askAllVersions(deps.ui()));
  if (allVersions === undefined) return undefined;

  const [source, target] = await Promise.all([deps.awsStore(connectionId), deps.localStore()]);
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Preparing for offline', cancellable: false },
    (progress) =>
      pullSecrets(source, target, referenced, {
        allVersions,
        onProgress: (done, total) => progress.report({ message: `${done}/${total} secrets`, increment: 100 / total }),
      }),
  );
  await rememberConnection(context, connectionId);
  writeReport(deps.log, references, report);
  void showSummary(deps.ui(), report, deps.log);
  return { connectionId, referenced, filesScanned, report };
}

function writeReport(output: OfflineLog, references: SecretReference[], report: PullReport): void {
  output.info(`Prepare for Offline: ${report.results.length} referenced secrets`);
  for (const result of report.results) {
    const where = references
      .filter((r) => r.secretId === result.secretId)
      .map((r) => `${r.path}:${r.line + 1}`)
      .join(', ');
    const detail = result.errorCode ? ` (${result.errorCode}: ${result.message})` : '';
    output.info(`  ${result.status.padEnd(18)} ${result.secretId}${detail}  ← ${where}`);
  }
}

async function showSummary(ui: UserInput, report: PullReport, output: OfflineLog): Promise<void> {
  const { ready, missing: problems } = inVaultAfterPull(report);
  const summary = `${ready.length} of ${report.results.length} referenced secrets are in the local vault.`;
  if (problems.length === 0) {
    await ui.notify('info', summary);
    return;
  }
  const names = problems.map((r) => `${r.secretId} (${r.status})`).join(', ');
  const choice = await ui.notify('warning', `${summary} Not pulled: ${names}.`, 'Show Details');
  if (choice) output.show();
}
