// #24 in a real VS Code: the workspace reference index the CodeLens, hover, diagnostics and rename providers
// share. Built on first use from disk; an unsaved edit re-indexes that file only; files created, deleted and
// renamed are followed through the file watcher; files.exclude and dependency folders stay out.
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/vscode/test-api';
import { workspaceDir } from '../support';
import { extensionApi, waitFor } from './explorer-helpers';

describe('Workspace reference index (real VS Code)', function () {
  this.timeout(60_000);
  let testing: TestingApi;
  let dir: string;
  const file = (name: string) => join(dir, name);

  before(async () => {
    ({ testing } = await extensionApi());
    dir = join(workspaceDir(), 'refindex-it');
    mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(file('a.ts'), "export const a = await getSecret('it/one', 'key');\n");
    writeFileSync(file('b.py'), 'b = get_secret("it/two")\n');
    writeFileSync(file('node_modules/pkg/index.js'), "getSecret('it/dependency');\n");
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the workspace on first use, leaving dependency folders out', async () => {
    const index = await testing.references.ready();
    const one = index.referencesTo('it/one');
    assert.deepEqual(
      one.map((r) => [r.path, r.line, r.jsonKey]),
      [[file('a.ts'), 0, 'key']],
    );
    assert.equal(index.referencesTo('it/two').length, 1);
    assert.deepEqual(index.referencesTo('it/dependency'), []);
  });

  it('re-indexes an edited document from its unsaved text, that file only, and fires the change event', async () => {
    const index = await testing.references.ready();
    const otherBefore = index.referencesIn(file('b.py'));
    const changed: string[] = [];
    const subscription = testing.references.onDidChange((uris) => changed.push(...uris.map((u) => u.fsPath)));
    try {
      const document = await vscode.workspace.openTextDocument(file('a.ts'));
      await vscode.window.showTextDocument(document);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), "// one\n// two\nconst c = getSecret('it/three');\n");
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor('the edited file re-indexed', () => index.referencesTo('it/three').length === 1);
      assert.equal(index.referencesTo('it/one')[0].line, 3, 'the reference moved down by the three lines');
      assert.ok(document.isDirty, 'from the unsaved text');
      assert.equal(index.referencesIn(file('b.py')), otherBefore, 'the other file’s entries are untouched');
      assert.ok(changed.includes(file('a.ts')));
      assert.ok(!changed.includes(file('b.py')));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await waitFor('the discarded edit dropped again', () => index.referencesTo('it/three').length === 0);
    } finally {
      subscription.dispose();
    }
  });

  it('gives an open document’s references from its current text, with its folder’s find options', async () => {
    const document = await vscode.workspace.openTextDocument(file('b.py'));
    assert.deepEqual(
      testing.references.referencesInDocument(document).map((r) => [r.secretId, r.kind, r.path]),
      [['it/two', 'helper-call', file('b.py')]],
    );
    assert.deepEqual(testing.references.findOptionsFor(vscode.Uri.file('/outside/any/folder.ts')), {});
    const inFolder = testing.references.findOptionsFor(document.uri);
    assert.equal(typeof inFolder.envMap, 'object', 'a folder file gets its project env map (empty here)');
  });

  it('follows files created, deleted and renamed on disk and in the editor', async () => {
    const index = await testing.references.ready();
    writeFileSync(file('c.go'), 'v := getSecret("it/created", "")\n');
    await waitFor('a created file indexed', () => index.referencesTo('it/created').length === 1, 10_000);
    rmSync(file('b.py'));
    await waitFor('a deleted file dropped', () => index.referencesTo('it/two').length === 0, 10_000);
    const rename = new vscode.WorkspaceEdit();
    rename.renameFile(vscode.Uri.file(file('c.go')), vscode.Uri.file(file('d.go')));
    assert.ok(await vscode.workspace.applyEdit(rename));
    await waitFor(
      'a renamed file filed under its new path',
      () =>
        index
          .referencesTo('it/created')
          .map((r) => r.path)
          .join() === file('d.go'),
      10_000,
    );
  });
});
