// "Secrets: Scan Workspace": every file (files.exclude applied by findFiles, .gitignore and the project config
// applied here), a cancellable progress notification with a count, results into the Problems panel.
// Scanning is chunked (src/core/scan) so the extension host keeps answering while it runs.
import * as vscode from 'vscode';
import { gitignoreFilter } from '../../core/scan/gitignore';
import { scanFiles, type ScanSource, type WorkspaceScanSummary } from '../../core/scan/workspace-scan';
import type { SecretDiagnostics } from './secret-diagnostics';
import { readDiagnosticOptions } from './settings';

const MAX_FILE_BYTES = 2 * 1024 * 1024;

async function filesOf(folder: vscode.WorkspaceFolder, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  // `undefined` exclude = the files.exclude setting applies.
  const uris = await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, '**/*'),
    undefined,
    undefined,
    token,
  );
  const gitignores = await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, '**/.gitignore'),
    undefined,
    undefined,
    token,
  );
  const decoder = new TextDecoder();
  const ignored = gitignoreFilter(
    await Promise.all(
      gitignores.map(async (uri) => ({
        dir: vscode.workspace.asRelativePath(uri, false).replace(/(^|\/)\.gitignore$/, ''),
        content: decoder.decode(await vscode.workspace.fs.readFile(uri)),
      })),
    ),
  );
  return uris.filter((uri) => !ignored(vscode.workspace.asRelativePath(uri, false)) && !/(^|\/)\.git\//.test(uri.path));
}

export type ScanOutcome = WorkspaceScanSummary & { message: string };

export async function scanWorkspace(diagnostics: SecretDiagnostics): Promise<ScanOutcome | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showInformationMessage('Secrets: open a folder to scan a workspace.');
    return undefined;
  }
  const options = readDiagnosticOptions();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Scanning for hardcoded secrets', cancellable: true },
    async (progress, token) => {
      diagnostics.clearScanned();
      const total: WorkspaceScanSummary = {
        scanned: 0,
        skipped: 0,
        filesWithFindings: 0,
        findings: 0,
        cancelled: false,
        unreadable: 0,
        longestSliceMs: 0,
      };
      for (const folder of folders) {
        const config = await diagnostics.configs.load(folder);
        const uris = (await filesOf(folder, token)).filter(
          (uri) => !options.isExcludedPath(vscode.workspace.asRelativePath(uri, false)),
        );
        const byPath = new Map<string, vscode.Uri>();
        const sources: ScanSource[] = uris.map((uri) => {
          const path = vscode.workspace.asRelativePath(uri, false);
          byPath.set(path, uri);
          return {
            path,
            read: async () => {
              const stat = await vscode.workspace.fs.stat(uri);
              if (stat.size > MAX_FILE_BYTES) throw new Error('too large');
              return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
            },
          };
        });
        let reported = 0;
        const summary = await scanFiles(sources, {
          config,
          isCancelled: () => token.isCancellationRequested,
          onFile: (path, findings) => diagnostics.publishScanned(byPath.get(path)!, findings),
          onProgress: (done, count) => {
            const increment = ((done - reported) / Math.max(1, count)) * (100 / folders.length);
            reported = done;
            progress.report({ message: `${done}/${count} files`, increment });
          },
        });
        for (const key of ['scanned', 'skipped', 'filesWithFindings', 'findings', 'unreadable'] as const)
          total[key] += summary[key];
        if (summary.cancelled) {
          total.cancelled = true;
          break;
        }
      }
      // Counted from the collection, so the message says what Problems shows (open documents included).
      const shown = diagnostics.problemCount();
      const outcome =
        `${shown.findings} possible secret${shown.findings === 1 ? '' : 's'} in ${shown.files} ` +
        `file${shown.files === 1 ? '' : 's'} (${total.scanned} scanned)`;
      const message = total.cancelled ? `Secrets scan cancelled: ${outcome} so far.` : `Secrets scan: ${outcome}.`;
      void vscode.window.showInformationMessage(message);
      return { ...total, message };
    },
  );
}
