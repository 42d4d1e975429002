// "Secrets: Scan Workspace": every file of each folder on disk through the scan-workspace use case the CLI runs
// too (.gitignore, the project config's ignore globs, the size cap and the baseline; files.exclude and the exclude
// setting added here), a cancellable progress notification with a count, results into the Problems panel. The
// scan yields in time slices (src/core/usecases/scan-folder.ts) so the extension host keeps answering. With
// posture problems on, the IaC least-privilege lint runs in the same pass (as `scan --posture`).
import picomatch from 'picomatch';
import * as vscode from 'vscode';
import type { PostureResult } from '../../core/posture/scan-report';
import { loadPostureLint } from '../../core/scan/posture-loader';
import { emptyScanSummary, scanFolder, type WorkspaceScanSummary } from '../../core/usecases/scan-folder';
import type { SecretDiagnostics } from './secret-diagnostics';
import { readDiagnosticOptions } from './settings';

/** files.exclude as a matcher (what vscode.workspace.findFiles applied): globs set to true. */
function filesExclude(folder: vscode.WorkspaceFolder): (relative: string) => boolean {
  const setting = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
  const globs = Object.entries(setting)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
  return globs.length ? picomatch(globs, { dot: true }) : () => false;
}

export type ScanOutcome = WorkspaceScanSummary & { message: string };

/** Where a scan's posture problems go (PostureDiagnostics): asked whether the lint is on. */
export interface ScannedPosture {
  readonly enabled: boolean;
  publishScanned(uri: vscode.Uri, results: PostureResult[]): void;
  clearScanned(): void;
  problemCount(): number;
}

export interface FoldersScan {
  total: WorkspaceScanSummary;
  /** Folders not on disk (virtual file systems), not scanned. */
  notOnDisk: string[];
}

/**
 * Every folder through the file pipeline, results into `diagnostics` (earlier scan results cleared first).
 * Shared by the command and the background scan on startup; `maxFiles` bounds the files over all folders.
 */
export async function scanFolders(
  diagnostics: SecretDiagnostics,
  folders: readonly vscode.WorkspaceFolder[],
  token: vscode.CancellationToken,
  options: { maxFiles?: number; onProgress?(message: string, increment: number): void; posture?: ScannedPosture } = {},
): Promise<FoldersScan> {
  const settings = readDiagnosticOptions();
  const posture = options.posture?.enabled ? options.posture : undefined;
  const postureLint = posture && (await loadPostureLint());
  diagnostics.clearScanned();
  posture?.clearScanned();
  const total = emptyScanSummary();
  const notOnDisk: string[] = [];
  let budget = options.maxFiles ?? Infinity;
  for (const folder of folders) {
    if (folder.uri.scheme !== 'file') {
      notOnDisk.push(folder.name); // the pipeline reads from disk; a virtual folder has no path to walk
      continue;
    }
    if (budget <= 0) {
      total.truncated = true;
      break;
    }
    const config = await diagnostics.configs.load(folder);
    const isNew = await diagnostics.baselines.filterFor(folder);
    const excluded = filesExclude(folder);
    let reported = 0;
    let walked = 0;
    const summary = await scanFolder(folder.uri.fsPath, {
      config,
      maxFiles: budget,
      isNew,
      isExcluded: (path) => excluded(path) || settings.isExcludedPath(path),
      isCancelled: () => token.isCancellationRequested,
      onFile: (path, findings) => diagnostics.publishScanned(vscode.Uri.joinPath(folder.uri, path), findings),
      posture: postureLint,
      onPosture: (path, results) => posture?.publishScanned(vscode.Uri.joinPath(folder.uri, path), results),
      onProgress: (done, count) => {
        const increment = ((done - reported) / Math.max(1, count)) * (100 / folders.length);
        reported = done;
        walked = count;
        options.onProgress?.(`${done}/${count} files`, increment);
      },
    });
    budget -= walked;
    for (const key of ['scanned', 'skipped', 'filesWithFindings', 'findings', 'unreadable'] as const)
      total[key] += summary[key];
    total.truncated ||= summary.truncated;
    if (summary.cancelled) {
      total.cancelled = true;
      break;
    }
  }
  return { total, notOnDisk };
}

export async function scanWorkspace(
  diagnostics: SecretDiagnostics,
  posture?: ScannedPosture,
): Promise<ScanOutcome | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showInformationMessage('Secrets: open a folder to scan a workspace.');
    return undefined;
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Scanning for hardcoded secrets', cancellable: true },
    async (progress, token) => {
      const { total, notOnDisk } = await scanFolders(diagnostics, folders, token, {
        onProgress: (message, increment) => progress.report({ message, increment }),
        posture,
      });
      // Counted from the collection, so the message says what Problems shows (open documents included).
      const shown = diagnostics.problemCount();
      const postureShown = posture?.enabled ? posture.problemCount() : 0;
      const outcome =
        `${shown.findings} possible secret${shown.findings === 1 ? '' : 's'} in ${shown.files} ` +
        `file${shown.files === 1 ? '' : 's'} (${total.scanned} scanned` +
        `${total.unreadable ? `, ${total.unreadable} could not be read` : ''})` +
        `${postureShown ? `; ${postureShown} access problem${postureShown === 1 ? '' : 's'} in IaC` : ''}` +
        `${notOnDisk.length ? `; not on disk, not scanned: ${notOnDisk.join(', ')}` : ''}`;
      const message = total.cancelled ? `Secrets scan cancelled: ${outcome} so far.` : `Secrets scan: ${outcome}.`;
      void vscode.window.showInformationMessage(message);
      return { ...total, message };
    },
  );
}
