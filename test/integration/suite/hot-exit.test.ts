// #20: an edited, unsaved secret value document (`secrets-workbench:`) must not stay on disk in plaintext in
// VS Code's hot-exit / crash backups. VS Code writes them (this test failed with a file under
// user-data/User/Backups/<workspace>/secrets-workbench/ before backup-scrubber.ts). The test edits one, waits
// past the backup delay, and searches every file of the run (user data, backups, logs, workspace) for the value.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
      // Backups of dirty editors are written about a second after the change; give them several.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      assert.deepEqual(filesContaining(runRoot, unsaved), [], 'files holding the unsaved value');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
