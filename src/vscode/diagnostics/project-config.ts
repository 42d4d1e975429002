// `.secrets-workbench.json` per workspace folder, reloaded when it changes. An invalid file is reported once
// and scanning goes on with the defaults (never echoing its content: it may hold a pasted value).
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { CONFIG_FILE_NAME, emptyConfig, parseConfig, type DetectionConfig } from '../../core/detection/index';

export interface FileContext {
  config: DetectionConfig;
  folder?: vscode.WorkspaceFolder;
  /** Path relative to the workspace folder ('/'-separated), or the file name outside any folder. */
  relativePath: string;
}

export class ProjectConfigs implements vscode.Disposable {
  private readonly configs = new Map<string, DetectionConfig>();
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.FileSystemWatcher;

  constructor() {
    this.watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const reload = (uri: vscode.Uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (folder) this.configs.delete(folder.uri.toString());
      this.changed.fire();
    };
    this.watcher.onDidChange(reload);
    this.watcher.onDidCreate(reload);
    this.watcher.onDidDelete(reload);
  }

  /** Forgets cached configs (after this extension wrote the file itself). */
  invalidate(): void {
    this.configs.clear();
  }

  async load(folder: vscode.WorkspaceFolder): Promise<DetectionConfig> {
    const key = folder.uri.toString();
    const cached = this.configs.get(key);
    if (cached) return cached;
    const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
    let config = emptyConfig;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      config = parseConfig(Buffer.from(bytes).toString('utf8'), CONFIG_FILE_NAME);
    } catch (error) {
      if (!(error instanceof vscode.FileSystemError)) {
        void vscode.window.showWarningMessage(
          `Secrets Workbench: ${(error as Error).message.split('\n')[0]} Using the defaults.`,
        );
      }
    }
    this.configs.set(key, config);
    return config;
  }

  async contextFor(uri: vscode.Uri): Promise<FileContext> {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return { config: emptyConfig, relativePath: uri.path.split('/').pop() ?? uri.path };
    return { config: await this.load(folder), folder, relativePath: vscode.workspace.asRelativePath(uri, false) };
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
