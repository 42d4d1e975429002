// File-system side of keeping unsaved secret values out of VS Code's backups (no `vscode` import, so it is unit
// tested). VS Code writes the backup of a dirty editor to `<Backups>/<workspace id>/<scheme>/<hash>`, creating the
// folders as needed. A plain file standing at `<Backups>/<workspace id>/<scheme>` makes that write fail, so the value
// never reaches the disk; VS Code's backup model lists only folders there, so the file is ignored on restore.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const blockerText =
  'Secrets Workbench keeps unsaved secret values out of backups: this file stands where they would go.\n';

/** Backup roots of this user-data dir: `<user data>/User/Backups` (browser, code-server) and `<user data>/Backups` (desktop). */
export function backupRoots(globalStorage: string): { web: string; desktop: string } {
  const user = dirname(dirname(globalStorage)); // globalStorage is <user data>/User/globalStorage/<extension id>
  return { web: join(user, 'Backups'), desktop: join(dirname(user), 'Backups') };
}

/**
 * This window's backup folder, known before VS Code creates it: the workspace id is the folder that holds the
 * extension's workspace storage (`.../workspaceStorage/<workspace id>/<extension id>`), the same id VS Code names
 * the backup folder with. Undefined without a workspace (no storage).
 */
export function workspaceBackupFolder(backupRoot: string, storage: string | undefined): string | undefined {
  return storage ? join(backupRoot, basename(dirname(storage))) : undefined;
}

/**
 * Makes `<workspaceFolder>/<scheme>` a plain file (creating the workspace folder if VS Code has not yet), deleting
 * any backups found there first. Cheap when the file already stands. Returns how many backup files were removed.
 */
export function blockBackupsIn(workspaceFolder: string, scheme: string): number {
  const blocker = join(workspaceFolder, scheme);
  try {
    if (statSync(blocker, { throwIfNoEntry: false })?.isFile()) return 0;
    const removed = readdirSafe(blocker).length;
    rmSync(blocker, { force: true, recursive: true });
    mkdirSync(workspaceFolder, { recursive: true });
    writeFileSync(blocker, blockerText, { flag: 'wx' });
    return removed;
  } catch {
    return 0; // a race with VS Code or another window: the next round tries again
  }
}

/** Blocks `scheme` backups in every workspace folder that exists under the roots (other windows, leftovers). */
export function blockBackupsUnder(roots: readonly string[], scheme: string): number {
  let removed = 0;
  for (const root of roots) {
    for (const workspace of readdirSafe(root)) {
      const folder = join(root, workspace);
      if (statSync(folder, { throwIfNoEntry: false })?.isDirectory()) removed += blockBackupsIn(folder, scheme);
    }
  }
  return removed;
}

function readdirSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
