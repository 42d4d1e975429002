// #22 in a real VS Code: "Secrets: Scan Git History" on temporary repositories (made in the OS temp folder, so
// the shared test workspace never gets a .git) — the Git History view grouped commit → file → finding, a
// credential removed in the next commit named by the commit that added it, a finding opened at its commit on its
// range, Cancel, the remedy (Rotate… for a managed secret, the revoke page otherwise), the pre-commit hook
// commands, and the workspace baseline silencing a known credential in the editor.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { scanText } from '../../../src/core/detection/scanner';
import { baselineFingerprint, baselineFor, markReviewed } from '../../../src/core/git/baseline';
import type { HookResult } from '../../../src/core/git/hook';
import { DiagnosticSource, GitCommands, Schemes } from '../../../src/vscode/constants';
import type { HistoryScanOutcome } from '../../../src/vscode/history/history-commands';
import type { HistoryNode } from '../../../src/vscode/history/history-tree';
import type { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';
import type { TestingApi } from '../../../src/vscode/test-api';
import { fastImportCommits, tempRepo, type TempRepo } from '../../support/git-repo';
import { Synthetic } from '../../support/synthetic';
import { workspaceDir } from '../support';
import { extensionApi, scriptedInput, waitFor } from './explorer-helpers';

const gen = new Synthetic(Date.now() % 100_000);

function label(testing: TestingApi, node: HistoryNode): string {
  const item = testing.gitHistory.tree.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** Every label, description and tooltip of the view, for leak checks. */
function shownInTree(testing: TestingApi): string {
  const texts: string[] = [];
  const walk = (node?: HistoryNode) => {
    for (const child of testing.gitHistory.tree.getChildren(node)) {
      const item = testing.gitHistory.tree.getTreeItem(child);
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : (item.tooltip ?? '');
      texts.push(label(testing, child), String(item.description ?? ''), tooltip);
      walk(child);
    }
  };
  walk();
  return texts.join('\n');
}

function findings(testing: TestingApi): Extract<HistoryNode, { kind: 'finding' }>[] {
  const tree = testing.gitHistory.tree;
  return tree
    .getChildren()
    .flatMap((commit) => tree.getChildren(commit))
    .flatMap((file) => tree.getChildren(file))
    .filter((n): n is Extract<HistoryNode, { kind: 'finding' }> => n.kind === 'finding');
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DiagnosticSource);
}

describe('Git history, the pre-commit hook and the baseline in the editor (#22, real VS Code)', function () {
  this.timeout(90_000);
  let testing: TestingApi;
  let ui: ScriptedUserInput;
  const repos: TempRepo[] = [];
  const values: string[] = [];
  const repo = () => {
    const r = tempRepo('swb-it-history-');
    repos.push(r);
    return r;
  };
  const scan = (target: string) =>
    vscode.commands
      .executeCommand<HistoryScanOutcome | undefined>(GitCommands.scanHistory, vscode.Uri.file(target))
      .then((outcome) => {
        assert.ok(outcome, 'the scan ran');
        return outcome;
      });

  before(async () => {
    ({ testing } = await extensionApi());
  });
  beforeEach(() => {
    ui = scriptedInput(testing);
  });

  after(async () => {
    testing.setUserInput(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const r of repos) rmSync(r.dir, { recursive: true, force: true });
    // nothing of this suite is in the shared workspace: no repository, no baseline
    assert.ok(!existsSync(join(workspaceDir(), '.git')), 'the shared test workspace has no .git');
    // no value in any notification or log line of the extension
    const said = [ui.shownText(), ...testing.logLines()].join('\n');
    for (const value of values) assert.ok(!said.includes(value), 'a credential value was shown or logged');
  });

  it('groups commit → file → finding; a credential removed in the next commit is named by the commit that added it', async () => {
    const r = repo();
    writeFileSync(join(r.dir, 'app.ts'), 'export const region = "eu-west-1";\n');
    r.commit('app');
    const token = gen.githubToken();
    values.push(token);
    mkdirSync(join(r.dir, 'src'));
    writeFileSync(join(r.dir, 'app.ts'), `export const region = "eu-west-1";\nconst token = "${token}";\n`);
    writeFileSync(join(r.dir, 'src/other.ts'), 'export {};\n');
    const added = r.commit('add token');
    writeFileSync(join(r.dir, 'app.ts'), 'export const region = "eu-west-1";\n');
    const removed = r.commit('remove token');

    const outcome = await scan(r.dir);
    assert.equal(outcome.commits, 3);
    assert.equal(outcome.findings, 1, 'the removal is no leak');
    assert.equal(outcome.cancelled, false);
    const tree = testing.gitHistory.tree;
    const commits = tree.getChildren();
    assert.deepEqual(
      commits.map((c) => label(testing, c)),
      [added.slice(0, 12)],
    );
    assert.ok(!commits.some((c) => label(testing, c) === removed.slice(0, 12)));
    const files = tree.getChildren(commits[0]);
    assert.deepEqual(
      files.map((f) => label(testing, f)),
      ['app.ts'],
    );
    const [finding] = tree.getChildren(files[0]);
    assert.equal(finding.kind, 'finding');
    assert.equal(label(testing, finding), 'GitHub token ghp_••••');
    assert.match(String(tree.getTreeItem(finding).description), /^line 2 · github-token$/);
    assert.ok(!shownInTree(testing).includes(token), 'no tree label, description or tooltip holds the value');
    assert.match(ui.shownText(), /Git history of swb-it-history-\w+: 1 credential, added in 1 commit\./);
    assert.match(ui.shownText(), /Rewriting history alone is not enough/);
    await vscode.commands.executeCommand(GitCommands.clearHistory);
    assert.deepEqual(tree.getChildren(), []);
  });

  it('opens a finding at its commit on the value: through the git extension, or without it through git show', async () => {
    const r = repo();
    const token = gen.githubToken();
    values.push(token);
    writeFileSync(join(r.dir, 'leak.ts'), `// config\n\nexport const token = "${token}";\n`);
    r.commit('leak');
    writeFileSync(join(r.dir, 'leak.ts'), '// config\n');
    r.commit('remove');
    await scan(r.dir);
    const [finding] = findings(testing);
    const open = async () => {
      const opened = await vscode.commands.executeCommand<{ uri: vscode.Uri; via: string }>(
        GitCommands.openFinding,
        finding,
      );
      const editor = await waitFor('the editor at the commit', () =>
        vscode.window.activeTextEditor?.document.uri.toString() === opened.uri.toString()
          ? vscode.window.activeTextEditor
          : undefined,
      );
      // the file as that commit recorded it (the work tree no longer has the line), the value selected
      assert.equal(editor.document.getText(editor.selection), token);
      assert.equal(editor.selection.start.line, 2);
      return opened;
    };
    // the test workbench runs with git.enabled false: the git extension cannot serve it, git show does
    const git = vscode.workspace.getConfiguration('git');
    assert.equal(git.get('enabled'), false);
    const fallback = await open();
    assert.deepEqual([fallback.via, fallback.uri.scheme], ['git-show', Schemes.gitShow]);
    // with git on, the built-in git extension's URI (its API's toGitUri) is used. The repository lies outside the
    // workspace: VS Code 1.90's git API opens such a repository only with openRepositoryInParentFolders 'always'
    // (1.139's opens it anyway); without it the extension falls back to git show, as checked above.
    await git.update('enabled', true, vscode.ConfigurationTarget.Global);
    await git.update('openRepositoryInParentFolders', 'always', vscode.ConfigurationTarget.Global);
    try {
      const extension = vscode.extensions.getExtension<{ enabled: boolean }>('vscode.git');
      assert.ok(extension, 'the built-in git extension is installed');
      await extension.activate();
      await waitFor('the git extension to enable', () => extension.exports.enabled, 15_000);
      const viaGit = await open();
      assert.deepEqual([viaGit.via, viaGit.uri.scheme], ['git-extension', 'git']);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await git.update('enabled', undefined, vscode.ConfigurationTarget.Global);
      await git.update('openRepositoryInParentFolders', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('the repository baseline: a recorded credential is marked, one reviewed as not a secret is left out', async () => {
    const r = repo();
    const [fresh, recorded, notSecret] = [gen.githubToken(), gen.githubToken(), gen.githubToken()];
    values.push(fresh, recorded, notSecret);
    writeFileSync(join(r.dir, 'a.ts'), `const a = "${fresh}";\nconst b = "${recorded}";\nconst c = "${notSecret}";\n`);
    r.commit('three');
    const finding = (value: string) => scanText(`x = "${value}"\n`).findings[0];
    const baseline = baselineFor([finding(recorded), finding(notSecret)]);
    assert.ok(markReviewed(baseline, baselineFingerprint(baseline, finding(notSecret)), 'documentation sample'));
    writeFileSync(join(r.dir, '.secrets-baseline.json'), JSON.stringify(baseline, null, 2));
    const outcome = await scan(r.dir);
    assert.equal(outcome.findings, 2);
    const descriptions = findings(testing).map((f) => String(testing.gitHistory.tree.getTreeItem(f).description));
    assert.deepEqual(descriptions, ['line 1 · github-token', 'line 2 · github-token · in baseline']);
    assert.match(
      ui.notifications.at(-1)!.message,
      /2 credentials, added in 1 commit \(1 of them recorded in the baseline; 1 finding reviewed as not secrets left out\)/,
    );
  });

  it('Cancel stops the scan: git is killed, the view says so', async () => {
    const r = repo();
    fastImportCommits(r.dir, 20_000, 100);
    const running = scan(r.dir);
    await waitFor('the scan to start', () =>
      testing.gitHistory.tree.getChildren().some((n) => n.kind === 'message' && /^Scanning/.test(n.text))
        ? true
        : undefined,
    );
    testing.gitHistory.cancel();
    const outcome = await running;
    assert.equal(outcome.cancelled, true);
    assert.deepEqual(
      testing.gitHistory.tree.getChildren().map((n) => label(testing, n)),
      ['History scan cancelled.'],
    );
    const gitProcesses = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(r.dir) && /\bgit\b/.test(line));
    assert.deepEqual(gitProcesses, [], 'no git process of the cancelled scan is left');
  });

  it('Rotate… for a value that is a managed secret (rotation really happens); the revoke page otherwise', async () => {
    const store = await testing.connections.getStore('local'); // a connected store
    const managedToken = gen.githubToken();
    const otherToken = gen.githubToken();
    values.push(managedToken, otherToken);
    const name = `history/exposed-${Date.now()}`;
    await store.createSecret({ name, secretString: managedToken });
    const r = repo();
    writeFileSync(join(r.dir, 'a.ts'), `const a = "${managedToken}";\n`);
    writeFileSync(join(r.dir, 'b.ts'), `const b = "${otherToken}";\n`);
    r.commit('two tokens');
    await scan(r.dir);
    const byFile = new Map(findings(testing).map((f) => [f.finding.path, f]));
    assert.match(String(testing.gitHistory.tree.getTreeItem(byFile.get('a.ts')!).contextValue), /\+rotate\b/);
    assert.match(String(testing.gitHistory.tree.getTreeItem(byFile.get('b.ts')!).contextValue), /\+revoke\b/);

    ui.notificationActions.push(undefined);
    assert.equal(await vscode.commands.executeCommand(GitCommands.remedy, byFile.get('b.ts')), 'revoke');
    const revoke = ui.notifications.at(-1)!;
    assert.deepEqual(revoke.actions, ['Open Revoke Page']);
    assert.match(revoke.message, /Revoke it at GitHub .*https:\/\/github\.com\/settings\/tokens/);
    assert.match(revoke.message, /Rewriting history alone is not enough/);

    const before = await store.getSecretValue({ secretId: name });
    ui.notificationActions.push('Rotate…');
    assert.equal(await vscode.commands.executeCommand(GitCommands.remedy, byFile.get('a.ts')), 'rotate');
    const offer = ui.notifications.find((n) => n.actions.includes('Rotate…'))!;
    assert.match(offer.message, new RegExp(`current value of "${name}" in .*: rotate it`));
    const after = await store.getSecretValue({ secretId: name });
    assert.notEqual(after.versionId, before.versionId, 'Rotate… made a new version');
    assert.notEqual(after.secretString, managedToken, 'the exposed value is no longer current');
    assert.ok(after.versionStages.includes('AWSCURRENT'));
    await store.deleteSecret({ secretId: name, forceDeleteWithoutRecovery: true });
  });

  it('installs and uninstalls the pre-commit hook, chaining and restoring an existing one byte for byte', async () => {
    const r = repo();
    writeFileSync(join(r.dir, 'README.md'), 'x\n');
    r.commit('init');
    const hook = join(r.dir, '.git/hooks/pre-commit');
    const own = '#!/bin/sh\necho own hook\n';
    writeFileSync(hook, own, { mode: 0o755 });
    const installed = await vscode.commands.executeCommand<HookResult>(GitCommands.installHook, vscode.Uri.file(r.dir));
    assert.equal(installed.action, 'chained');
    assert.match(readFileSync(hook, 'utf8'), /secrets-workbench scan --staged/);
    assert.equal(readFileSync(`${hook}.pre-secrets-workbench`, 'utf8'), own);
    assert.match(ui.shownText(), /Pre-commit hook installed in .*pre-commit/);
    const removed = await vscode.commands.executeCommand<HookResult>(GitCommands.uninstallHook, vscode.Uri.file(r.dir));
    assert.equal(removed.action, 'restored');
    assert.equal(readFileSync(hook, 'utf8'), own);
    assert.equal(statSync(hook).mode & 0o777, 0o755);
    assert.ok(!existsSync(`${hook}.pre-secrets-workbench`));

    // with a baseline at the root, the hook runs with it (so the hook and the editor agree)
    writeFileSync(join(r.dir, '.secrets-baseline.json'), JSON.stringify(baselineFor([])));
    await vscode.commands.executeCommand(GitCommands.installHook, vscode.Uri.file(r.dir));
    assert.match(readFileSync(hook, 'utf8'), /scan --staged --baseline \.secrets-baseline\.json/);
    await vscode.commands.executeCommand(GitCommands.uninstallHook, vscode.Uri.file(r.dir));
    assert.equal(readFileSync(hook, 'utf8'), own);
  });

  it('a credential recorded in the workspace baseline is not a problem; a new one is, and deleting the baseline brings it back', async () => {
    const known = gen.githubToken();
    const fresh = gen.githubToken();
    values.push(known, fresh);
    const baselinePath = join(workspaceDir(), '.secrets-baseline.json');
    const file = join(workspaceDir(), 'history-baseline', 'config.ts');
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, `export const known = "${known}";\nexport const fresh = "${fresh}";\n`);
    writeFileSync(baselinePath, JSON.stringify(baselineFor(scanText(`x = "${known}"\n`).findings), null, 2));
    try {
      const uri = vscode.Uri.file(file);
      await vscode.window.showTextDocument(uri);
      const reported = await waitFor('only the new credential', () => (ours(uri).length === 1 ? ours(uri) : undefined));
      assert.equal(reported[0].range.start.line, 1, 'the line of the credential not in the baseline');
      rmSync(baselinePath);
      await waitFor('both credentials once the baseline is gone', () => (ours(uri).length === 2 ? true : undefined));
    } finally {
      rmSync(baselinePath, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(join(workspaceDir(), 'history-baseline'), { recursive: true, force: true });
    }
  });
});
