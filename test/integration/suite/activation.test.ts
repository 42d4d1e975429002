import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import manifest from '../../../package.json';
import { Commands } from '../../../src/vscode/constants';
import { activateExtension, expectedVsCode, workspaceDir } from '../support';

describe('Secrets Workbench inside a real VS Code', () => {
  it('runs in the VS Code the runner asked for (1.139, or the engines.vscode minimum)', () => {
    assert.equal(vscode.version.split('.').slice(0, 2).join('.'), expectedVsCode());
  });

  it('activates', async () => {
    const extension = await activateExtension();
    assert.equal(extension.isActive, true);
    assert.equal(extension.packageJSON.version, manifest.version);
  });

  it('registers every contributed command, and contributes every command it registers', async () => {
    await activateExtension();
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('secretsWorkbench.'));
    const contributed = manifest.contributes.commands.map((entry) => entry.command);
    assert.ok(registered.includes(Commands.showInfo), `${Commands.showInfo} is not registered`);
    assert.deepEqual(
      contributed.filter((id) => !registered.includes(id)),
      [],
      'contributed without a handler',
    );
    // VS Code registers `<view id>.focus`-style commands for each view; those are not ours to contribute.
    const views = Object.values(manifest.contributes.views).flatMap((list) => list.map((view) => view.id));
    const own = registered.filter((id) => !views.some((view) => id.startsWith(`${view}.`)));
    assert.deepEqual(
      own.filter((id) => !contributed.includes(id)),
      [],
      'registered but not in package.json',
    );
  });

  it('Show Info returns the extension version', async () => {
    await activateExtension();
    const result = await vscode.commands.executeCommand(Commands.showInfo);
    assert.equal(result, manifest.version);
  });

  it('searches the workspace (findFiles, backed by ripgrep in the server)', async () => {
    const found = await vscode.workspace.findFiles('**/*.md');
    assert.deepEqual(
      found.map((uri) => uri.fsPath),
      [join(workspaceDir(), 'README.md')],
    );
  });

  it('opened a writable copy of the fixture workspace', () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.equal(folder?.uri.fsPath, workspaceDir());
    const file = join(workspaceDir(), 'written-by-a-test.txt');
    writeFileSync(file, 'ok');
    assert.equal(readFileSync(file, 'utf8'), 'ok');
  });
});
