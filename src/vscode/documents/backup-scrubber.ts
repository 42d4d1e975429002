// VS Code backs up every dirty editor about a second after a change (crash protection, hot exit), for any scheme,
// as plaintext under <user data>/Backups/<workspace>/<scheme>/ — an unsaved secret value included. No API keeps a
// scheme out of backups, so a plain file is put where that scheme's folder would go: VS Code's write then fails
// (it logs the error and carries on) and nothing reaches the disk. A workspace backup folder that appears later is
// blocked (and any backup in it deleted) within 250 ms while a secret document is dirty. Restoring an unsaved
// secret edit after a restart is given up on purpose; closing with one asks to save or discard, as VS Code does
// when a backup fails.
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';

const checkEveryMs = 250;

/** Backup folders of this user-data dir, from the extension's global storage (`<user data>/User/globalStorage/<id>`). */
export function backupRoots(globalStorage: string): string[] {
  const user = dirname(dirname(globalStorage));
  return [join(user, 'Backups'), join(dirname(user), 'Backups')];
}

/**
 * Deletes every backup of `scheme` documents under the roots and puts a file where their folder would be, so
 * VS Code's next backup of such a document fails (it logs the error) instead of writing the value to disk.
 * Returns how many backup files were removed.
 */
export function blockSchemeBackups(roots: readonly string[], scheme: string): number {
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
      try {
        if (!statSync(join(root, workspace)).isDirectory()) continue;
        if (statSync(folder, { throwIfNoEntry: false })?.isFile()) continue; // already blocked
        for (const file of readdirSafe(folder)) {
          rmSync(join(folder, file), { force: true, recursive: true });
          removed++;
        }
        rmSync(folder, { force: true, recursive: true });
        writeFileSync(folder, blockerText, { flag: 'wx' });
      } catch {
        // a workspace folder removed meanwhile, or a race with VS Code: the next round tries again
      }
    }
  }
  return removed;
}

const blockerText =
  'Secrets Workbench keeps unsaved secret values out of backups: this file stands where they would go.\n';

function readdirSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

export class SecretBackupScrubber implements vscode.Disposable {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly roots: readonly string[],
    private readonly scheme: string,
  ) {
    blockSchemeBackups(roots, scheme);
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
      blockSchemeBackups(this.roots, this.scheme); // a workspace backup folder made since the start
      this.timer = setInterval(() => blockSchemeBackups(this.roots, this.scheme), checkEveryMs);
    } else if (!dirty && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      blockSchemeBackups(this.roots, this.scheme);
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const listener of this.listeners) listener.dispose();
    blockSchemeBackups(this.roots, this.scheme);
  }
}
