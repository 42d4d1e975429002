// The workspace baseline (#22): findings recorded by `scan --write-baseline` (the file .ci/run and the hook use)
// are not reported as problems. Path from `secretsWorkbench.diagnostics.baseline`, relative to each workspace
// folder (default .secrets-baseline.json; empty turns it off). Reloaded when the file changes; a broken file is
// reported once and ignored (never quoted: it may be some other file).
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import type { Finding } from '../../core/detection/index';
import { BaselineError, createBaselineFilter, parseBaseline } from '../../core/git/baseline';
import { DiagnosticSettings } from '../constants';

export const DEFAULT_BASELINE_FILE = '.secrets-baseline.json';

/** True when the finding is not in the baseline, i.e. is reported. */
export type BaselineFilter = (finding: Finding) => boolean;
const reportAll: BaselineFilter = () => true;

interface Loaded {
  filter: BaselineFilter;
  watcher?: vscode.FileSystemWatcher;
}

export function baselineSetting(folder: vscode.WorkspaceFolder): string {
  return (
    vscode.workspace
      .getConfiguration(DiagnosticSettings.section, folder.uri)
      .get<string>(DiagnosticSettings.baseline, DEFAULT_BASELINE_FILE)
      ?.trim() ?? ''
  );
}

export class WorkspaceBaselines implements vscode.Disposable {
  private readonly loaded = new Map<string, Promise<Loaded>>();
  private readonly changed = new Emitter<void>();
  /** The baseline file of a folder was created, changed or deleted. */
  readonly onDidChange = this.changed.event;

  /** The filter of the folder's baseline (everything reported when there is none). */
  async filterFor(folder: vscode.WorkspaceFolder | undefined): Promise<BaselineFilter> {
    if (!folder) return reportAll;
    const key = folder.uri.toString();
    let loaded = this.loaded.get(key);
    if (!loaded) this.loaded.set(key, (loaded = this.load(folder)));
    return (await loaded).filter;
  }

  /** Forgets every loaded baseline (settings changed). */
  clear(): void {
    for (const loaded of this.loaded.values()) void loaded.then((l) => l.watcher?.dispose());
    this.loaded.clear();
  }

  private async load(folder: vscode.WorkspaceFolder): Promise<Loaded> {
    const path = baselineSetting(folder);
    if (!path) return { filter: reportAll };
    const uri = /^([a-z]:)?[\\/]/i.test(path) ? vscode.Uri.file(path) : vscode.Uri.joinPath(folder.uri, path);
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uri.path.split('/').pop() ?? path),
    );
    const reload = () => {
      if (this.loaded.get(folder.uri.toString())) {
        this.loaded.delete(folder.uri.toString());
        watcher.dispose();
        this.changed.fire();
      }
    };
    watcher.onDidChange(reload);
    watcher.onDidCreate(reload);
    watcher.onDidDelete(reload);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return { filter: reportAll, watcher }; // no baseline: everything is reported
    }
    try {
      return { filter: createBaselineFilter(parseBaseline(Buffer.from(bytes).toString('utf8'), path)), watcher };
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      void vscode.window.showWarningMessage(
        `Secrets Workbench: ${error.message}. Problems are reported without the baseline.`,
      );
      return { filter: reportAll, watcher };
    }
  }

  dispose(): void {
    this.clear();
    this.changed.dispose();
  }
}
