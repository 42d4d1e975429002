// #20: in an untrusted workspace (Restricted Mode, workspace trust on) the extension runs in limited mode:
// detection works; moving a secret waits for trust; a workspace's values of restricted settings are ignored.
import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { MemoryStore } from '../../../src/core/store/index';
import { DiagnosticSource, GitCommands, QuickFixCommands } from '../../../src/vscode/constants';
import { tempRepo } from '../../support/git-repo';
import { StaticDestinations } from '../../../src/vscode/quickfix/destinations';
import type { MoveArgs, MoveOutcome } from '../../../src/vscode/quickfix/move-secret';
import type { QuickFixFeature } from '../../../src/vscode/quickfix/register';
import type { QuickFixUi } from '../../../src/vscode/quickfix/ui';
import { activateExtension, fixturePath, workspaceDir } from '../support';

class RecordingUi implements QuickFixUi {
  readonly messages: string[] = [];
  async askSecretName(): Promise<string | undefined> {
    return 'restricted/should-not-exist';
  }
  async askConflict(): Promise<'newVersion' | 'cancel'> {
    return 'cancel';
  }
  info(message: string): void {
    this.messages.push(message);
  }
  error(message: string): void {
    this.messages.push(message);
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === DiagnosticSource);

describe('Restricted Mode: detection runs, moves wait for trust (real VS Code, workspace trust on)', function () {
  this.timeout(60_000);
  let feature: QuickFixFeature;
  let uri: vscode.Uri;

  before(async () => {
    const extension = await activateExtension();
    feature = (extension.exports as { quickFix: QuickFixFeature }).quickFix;
    const path = join(workspaceDir(), 'restricted', 'upload.ts');
    mkdirSync(join(path, '..'), { recursive: true });
    copyFileSync(fixturePath('quickfix-integration', 'upload.ts'), path);
    uri = vscode.Uri.file(path);
  });
  after(() => feature?.setUi(undefined));

  it('runs in an untrusted workspace, and the extension is active', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace opened in Restricted Mode');
    assert.ok(feature, 'activate() ran and returned the quick fix feature');
  });

  it('reports hardcoded credentials as diagnostics', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await waitFor('diagnostics', () => (ours(uri).length === 2 ? ours(uri) : undefined));
    assert.deepEqual(diagnostics.map((d) => (d.code as { value: string }).value).sort(), [
      'aws-access-key-id',
      'aws-secret-access-key',
    ]);
  });

  it('a move waits for trust: nothing stored, the file unchanged, the user told why', async () => {
    const store = new MemoryStore();
    const ui = new RecordingUi();
    feature.setUi(ui);
    feature.setDestinations(new StaticDestinations([{ id: 'local', kind: 'local', label: 'Local Vault', store }]));
    const [diagnostic] = await waitFor('diagnostics', () => (ours(uri).length === 2 ? ours(uri) : undefined));
    // VS Code cancels a code-action request when the document's diagnostics change meanwhile: ask again then.
    let actions: vscode.CodeAction[];
    for (let attempt = 0; ; attempt++) {
      try {
        actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        break;
      } catch (error) {
        if (attempt >= 3 || !/Canceled/.test(String(error))) throw error;
      }
    }
    const move = actions.find((action) => action.command?.command === QuickFixCommands.moveSecret);
    assert.ok(move, 'the move is offered (it explains itself when chosen)');
    const before = readFileSync(uri.fsPath, 'utf8');
    const args = { ...(move.command!.arguments![0] as MoveArgs), secretName: 'restricted/should-not-exist' };
    const outcome = await vscode.commands.executeCommand<MoveOutcome>(QuickFixCommands.moveSecret, args);
    assert.equal(outcome.status, 'awaiting-trust');
    assert.equal((await store.listSecrets()).secrets.length, 0, 'nothing was stored');
    assert.equal((await vscode.workspace.openTextDocument(uri)).getText(), before, 'the document is unchanged');
    assert.equal(readFileSync(uri.fsPath, 'utf8'), before, 'the file is unchanged');
    assert.ok(ui.messages.some((m) => /waits for workspace trust/.test(m)));
  });

  it('git history and the pre-commit hook wait for trust: no scan, no hook written', async () => {
    const repo = tempRepo('swb-restricted-git-');
    try {
      const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
      const scanned = await vscode.commands.executeCommand(GitCommands.scanHistory, vscode.Uri.file(repo.dir));
      assert.equal(scanned, undefined, 'the scan did not run');
      const installed = await vscode.commands.executeCommand(GitCommands.installHook, vscode.Uri.file(repo.dir));
      assert.equal(installed, undefined, 'the installer did not run');
      assert.ok(!existsSync(hook), 'no hook was written');
    } finally {
      rmSync(repo.dir, { recursive: true, force: true });
    }
  });

  it("ignores the workspace's values of restricted settings (templates, connections, vault path)", async () => {
    mkdirSync(join(workspaceDir(), '.vscode'), { recursive: true });
    const workspaceSettings = {
      'secretsWorkbench.quickFix.templates': { typescript: { call: 'evil({{secretNameLiteral}})' } },
      'secretsWorkbench.connections': [{ profile: 'default', region: 'us-east-1', endpoint: 'http://evil.example' }],
      'secretsWorkbench.localVault.path': '${workspaceFolder}/planted.swv',
      'secretsWorkbench.diagnostics.debounceMs': 251,
    };
    writeFileSync(join(workspaceDir(), '.vscode', 'settings.json'), JSON.stringify(workspaceSettings));
    const config = () => vscode.workspace.getConfiguration('secretsWorkbench');
    // An unrestricted setting shows the file was read; the restricted ones keep their user/default values.
    await waitFor('the workspace settings read', () =>
      config().get('diagnostics.debounceMs') === 251 ? true : undefined,
    );
    assert.deepEqual(config().get('quickFix.templates'), {});
    assert.deepEqual(config().get('connections'), []);
    assert.notEqual(config().get('localVault.path'), workspaceSettings['secretsWorkbench.localVault.path']);
  });
});
