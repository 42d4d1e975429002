// #16 "flagged on open": the background workspace scan (secretsWorkbench.diagnostics.scanOnStartup) puts a
// never-opened file's credential in Problems. startup-scan.settings.json turns it off for the shared run (other
// suites count problems); turning it on starts the same background scan that runs after activation.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DiagnosticSettings, DiagnosticSource } from '../../../src/vscode/constants';
import type { FoldersScan } from '../../../src/vscode/diagnostics/workspace-scan-command';
import type { QuickFixFeature } from '../../../src/vscode/quickfix/register';
import { activateExtension, workspaceDir } from '../support';

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === DiagnosticSource);

/** A random password-shaped value (synthetic). */
function syntheticPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return [...randomBytes(20)].map((byte) => alphabet[byte % alphabet.length]).join('') + 'k7Q';
}

describe('Background workspace scan on startup (real VS Code)', function () {
  this.timeout(60_000);
  const setting = () => vscode.workspace.getConfiguration(DiagnosticSettings.section);
  let feature: QuickFixFeature;

  before(async () => {
    feature = ((await activateExtension()).exports as { quickFix: QuickFixFeature }).quickFix;
  });
  after(() => setting().update(DiagnosticSettings.scanOnStartup, false, vscode.ConfigurationTarget.Global));

  it('flags a never-opened file with a credential, quietly, honouring .gitignore', async () => {
    const dir = join(workspaceDir(), 'startup-scan');
    mkdirSync(join(dir, 'ignored'), { recursive: true });
    writeFileSync(join(dir, '.gitignore'), 'ignored/\n');
    writeFileSync(join(dir, 'never-opened.env'), `APP_NAME=demo\nDB_PASSWORD=${syntheticPassword()}\n`);
    writeFileSync(join(dir, 'ignored', 'hidden.env'), `DB_PASSWORD=${syntheticPassword()}\n`);
    const found = vscode.Uri.file(join(dir, 'never-opened.env'));
    const hidden = vscode.Uri.file(join(dir, 'ignored', 'hidden.env'));
    assert.equal(ours(found).length, 0, 'not flagged before the scan');

    const finished = new Promise<FoldersScan>((resolve) => {
      const listener = feature.startupScan.onDidFinish((outcome) => {
        listener.dispose();
        resolve(outcome);
      });
    });
    await setting().update(DiagnosticSettings.scanOnStartup, true, vscode.ConfigurationTarget.Global);
    const outcome = await finished;

    assert.equal(outcome.total.cancelled, false);
    assert.equal(outcome.total.truncated, false);
    assert.ok(outcome.total.scanned >= 2, `scanned ${outcome.total.scanned}`);
    const problems = ours(found);
    assert.equal(problems.length, 1, 'the never-opened file is in Problems');
    assert.equal(problems[0].range.start.line, 1);
    assert.equal(ours(hidden).length, 0, 'a .gitignore-d file is not');
    const opened = vscode.workspace.textDocuments.map((document) => document.uri.fsPath);
    assert.ok(!opened.includes(found.fsPath), 'the scan read the file from disk, no document was opened');
  });
});
