// #20: an edited, unsaved secret value document (`secrets-workbench:`) must never be written to disk in plaintext by
// VS Code's hot-exit / crash backups. VS Code writes them (this test failed with a file under
// user-data/User/Backups/<workspace>/secrets-workbench/ before the backup guard, and failed again, catching a file
// that existed briefly, against the delete-within-250 ms mitigation). The test removes the backup folders first (a
// fresh window, before VS Code's first backup), edits a value, looks every 20 ms past the backup delay, then
// searches every file of the run (user data, backups, logs, workspace) for the value.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Schemes } from '../../../src/vscode/constants';
import { extensionApi, syntheticValue } from './explorer-helpers';

/** Files under `dir` (recursively) whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    let entries;
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) {
        try {
          if (statSync(full).size < 20 * 1024 * 1024 && readFileSync(full).includes(needle)) found.push(full);
        } catch {
          // a file removed while walking
        }
      }
    }
  };
  visit(dir);
  return found;
}

describe('Hot exit and unsaved secret edits (real VS Code)', function () {
  this.timeout(60_000);

  it('an unsaved edit of a secret value is not backed up to disk in plaintext', async () => {
    const runRoot = process.env.SECRETS_WORKBENCH_RUN;
    assert.ok(runRoot, 'the run folder (user data, backups) is known');
    const { testing } = await extensionApi();
    const userData = join(runRoot, 'user-data');
    // code-server keeps backups under User/, desktop VS Code (npm run test:electron) next to it
    const backups = join(userData, ...(vscode.env.uiKind === vscode.UIKind.Web ? ['User'] : []), 'Backups');
    const blocked = () =>
      readdirSync(backups, { withFileTypes: true })
        .filter(
          (entry) =>
            entry.isDirectory() &&
            statSync(join(backups, entry.name, Schemes.value), { throwIfNoEntry: false })?.isFile(),
        )
        .map((entry) => entry.name);
    // The window's backup folder is named by its workspace id, like its workspace storage folder.
    const windowFolders = readdirSync(join(userData, 'User', 'workspaceStorage'));
    assert.deepEqual(blocked(), windowFolders, "from the start, a file stands where this window's backups would go");
    // As in a fresh window: VS Code makes the window's backup folder on its first backup.
    for (const folder of windowFolders) rmSync(join(backups, folder), { recursive: true });
    const store = await testing.connections.getStore('local');
    const name = `hotexit/value-${Date.now()}`;
    await store.createSecret({ name, secretString: syntheticValue() });
    const uri = vscode.Uri.from({ scheme: Schemes.value, path: `/local/${name}` });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const unsaved = syntheticValue();
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), unsaved);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(document.isDirty, 'the edit is unsaved');
    try {
      // Backups of dirty editors are written about a second after the change; give them several, looking every
      // 20 ms, so a backup written and deleted soon after (the earlier mitigation) is caught too.
      const seen = new Set<string>();
      for (const end = Date.now() + 5_000; Date.now() < end;) {
        for (const file of filesContaining(backups, unsaved)) seen.add(file);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.deepEqual([...seen], [], 'backup files that held the unsaved value, even briefly');
      assert.deepEqual(filesContaining(runRoot, unsaved), [], 'files holding the unsaved value');
      assert.deepEqual(
        blocked(),
        windowFolders,
        'the file stands again, in the folder VS Code backs this window up to',
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
