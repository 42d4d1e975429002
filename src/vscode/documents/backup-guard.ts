// VS Code backs up every dirty editor about a second after a change (crash protection, hot exit), for any scheme,
// as plaintext — an unsaved secret value included — and no API keeps a scheme out of backups. So a plain file
// stands where this window's backup folder for secret documents would go (backup-blocker.ts), planted at start and
// checked again on every change to a secret document, before VS Code's backup of it is due: the backup write fails
// (VS Code logs it) and nothing reaches the disk. As a fallback, while a secret document is dirty every workspace
// backup folder is swept every 250 ms (blocked, any backup in it deleted). Restoring an unsaved secret edit after a
// restart is given up on purpose; closing with one asks to save or discard, as VS Code does when a backup fails.
import * as vscode from 'vscode';
import { backupRoots, blockBackupsIn, blockBackupsUnder, workspaceBackupFolder } from './backup-blocker';

const sweepEveryMs = 250;

export class SecretBackupGuard implements vscode.Disposable {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly listeners: vscode.Disposable[];
  private readonly roots: readonly string[];
  private readonly ownFolder: string | undefined;

  /** `globalStorage` and `storage`: the extension context's `globalStorageUri` and `storageUri` paths. */
  constructor(
    globalStorage: string,
    storage: string | undefined,
    web: boolean,
    private readonly scheme: string,
  ) {
    const roots = backupRoots(globalStorage);
    this.roots = [roots.web, roots.desktop];
    this.ownFolder = workspaceBackupFolder(web ? roots.web : roots.desktop, storage);
    this.block();
    blockBackupsUnder(this.roots, scheme); // leftovers of a hot exit, other windows
    this.listeners = [
      vscode.workspace.onDidChangeTextDocument((event) => this.update(event.document)),
      vscode.workspace.onDidSaveTextDocument((document) => this.update(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.update(document)),
    ];
  }

  /** Synchronous, so it runs before VS Code's backup of the change is due. */
  private block(): void {
    if (this.ownFolder) blockBackupsIn(this.ownFolder, this.scheme);
  }

  private update(document: vscode.TextDocument): void {
    if (document.uri.scheme !== this.scheme) return;
    this.block(); // VS Code may have removed its workspace backup folder (and the file in it) since
    const dirty = vscode.workspace.textDocuments.some((d) => d.uri.scheme === this.scheme && d.isDirty);
    if (dirty && !this.timer) {
      this.timer = setInterval(() => blockBackupsUnder(this.roots, this.scheme), sweepEveryMs);
    } else if (!dirty && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      blockBackupsUnder(this.roots, this.scheme);
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const listener of this.listeners) listener.dispose();
    blockBackupsUnder(this.roots, this.scheme);
  }
}
