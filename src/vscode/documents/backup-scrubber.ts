// VS Code backs up every dirty editor about a second after a change (crash protection, hot exit), for any scheme,
// as plaintext under <user data>/Backups/<workspace>/<scheme>/ — an unsaved secret value included. No API keeps a
// scheme out of backups, so while a secret document is dirty its backups are deleted as soon as they appear
// (checked every 250 ms), and leftovers (a hot exit at shutdown) are deleted when the extension starts. Restoring
// an unsaved secret edit after a restart is given up on purpose.
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';

const checkEveryMs = 250;

/** Backup folders of this user-data dir, from the extension's global storage (`<user data>/User/globalStorage/<id>`). */
export function backupRoots(globalStorage: string): string[] {
  const user = dirname(dirname(globalStorage));
  return [join(user, 'Backups'), join(dirname(user), 'Backups')];
}

/** Deletes every backup of `scheme` documents under the roots; returns how many files were removed. */
export function deleteSchemeBackups(roots: readonly string[], scheme: string): number {
  let removed = 0;
  for (const root of roots) {
    let workspaces: string[];
    try {
      workspaces = readdirSync(root);
    } catch {
      continue; // no backups yet
    }
    for (const workspace of workspaces) {
      const folder = join(root, workspace, scheme);
      let files: string[];
      try {
        files = readdirSync(folder);
      } catch {
        continue;
      }
      for (const file of files) {
        rmSync(join(folder, file), { force: true });
        removed++;
      }
    }
  }
  return removed;
}

export class SecretBackupScrubber implements vscode.Disposable {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly roots: readonly string[],
    private readonly scheme: string,
  ) {
    deleteSchemeBackups(roots, scheme);
    this.listeners = [
      vscode.workspace.onDidChangeTextDocument((event) => this.update(event.document)),
      vscode.workspace.onDidSaveTextDocument((document) => this.update(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.update(document)),
    ];
  }

  private update(document: vscode.TextDocument): void {
    if (document.uri.scheme !== this.scheme) return;
    const dirty = vscode.workspace.textDocuments.some((d) => d.uri.scheme === this.scheme && d.isDirty);
    if (dirty && !this.timer) {
      this.timer = setInterval(() => deleteSchemeBackups(this.roots, this.scheme), checkEveryMs);
    } else if (!dirty && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      deleteSchemeBackups(this.roots, this.scheme);
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const listener of this.listeners) listener.dispose();
    deleteSchemeBackups(this.roots, this.scheme);
  }
}
