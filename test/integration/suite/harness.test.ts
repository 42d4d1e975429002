// Checks the harness itself: settings contributed by `<suite>.settings.json` files and the runner's quiet
// defaults reach VS Code, and Node APIs work in the extension host.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { workspaceDir } from '../support';

describe('integration harness', () => {
  it('applies settings contributed by suites (harness.settings.json)', () => {
    assert.equal(vscode.workspace.getConfiguration('editor').get('tabSize'), 3);
  });

  it("applies the runner's defaults", () => {
    assert.equal(vscode.workspace.getConfiguration('workbench').get('startupEditor'), 'none');
  });

  it('lets suites use Node APIs such as child_process', () => {
    const output = execFileSync(process.execPath, ['-e', 'process.stdout.write(process.cwd())'], {
      cwd: workspaceDir(),
      encoding: 'utf8',
    });
    assert.equal(output, workspaceDir());
  });
});
