// The explorer and every Secrets command, driven through executeCommand with scripted user input, against the
// local vault and an AWS connection to the project's local server. Assertions read store state and the tree
// (through the TreeDataProvider). The last test checks that no value used here leaked anywhere.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { simulatedRotationLambdas } from '../../../src/core/server/index';
import { VaultStore } from '../../../src/core/vault/index';
import type { SecretStore } from '../../../src/core/store/types';
import { Commands } from '../../../src/vscode/constants';
import { parseSecretPath } from '../../../src/vscode/documents/secret-uri';
import type { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';
import type { SecretsWorkbenchApi, TestingApi } from '../../../src/vscode/test-api';
import type { ExplorerNode } from '../../../src/vscode/tree/nodes';
import { ACTIVATE_BAR_MS } from '../../bench/activation-bar';
import { workspaceDir } from '../support';
import {
  childLabels,
  children,
  config,
  extensionApi,
  label,
  MemoryClipboard,
  nodeAt,
  scriptedInput,
  startLocalAws,
  syntheticValue,
  usedValues,
  waitFor,
  type LocalAws,
} from './explorer-helpers';

const run = <T = unknown>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(command, ...args);

describe('Secrets explorer and commands', function () {
  this.timeout(30_000);
  let api: SecretsWorkbenchApi;
  let testing: TestingApi;
  let ui: ScriptedUserInput;
  let aws: LocalAws;
  let awsId: string;
  const clipboard = new MemoryClipboard();
  const vaultPath = () => join(workspaceDir(), '.secrets-workbench', 'test-vault.swv');
  const vault = async () => testing.connections.getStore('local');
  const allUi: ScriptedUserInput[] = [];
  const fresh = () => {
    ui = scriptedInput(testing);
    allUi.push(ui);
    return ui;
  };
  const noErrors = () =>
    assert.deepEqual(
      ui.notifications.filter((n) => n.severity === 'error').map((n) => n.message),
      [],
      'no error notification',
    );

  before(async () => {
    ({ api, testing } = await extensionApi());
    testing.setClipboard(clipboard);
    fresh();
  });

  after(async () => {
    testing?.setUserInput(undefined);
    testing?.setClipboard(undefined);
    await aws?.close();
  });

  it('activates quickly without loading the AWS SDK', function () {
    const { codeLoadingMs, activateMs, activateCpuMs } = api.activation;
    // Shown in the report: the test's title carries the measured figures.
    this.test!.title +=
      ` [activate() ${activateMs.toFixed(1)} ms, CPU ${activateCpuMs.toFixed(1)} ms;` +
      ` evaluating the bundle ${codeLoadingMs.toFixed(1)} ms]`;
    assert.equal(testing.awsLoaded(), false, 'the AWS module is loaded only when an AWS connection is used');
    assert.ok(activateMs > 0 && codeLoadingMs > 0, 'both figures measured');
    // The benchmark's bar (test/bench/activation-bar.ts), on CPU time: a loaded CI machine inflates wall time.
    assert.ok(activateCpuMs < ACTIVATE_BAR_MS, `activate() took ${activateCpuMs.toFixed(1)} ms of CPU time`);
  });

  it('shows the welcome view (an empty tree) before the vault exists', async () => {
    assert.equal(existsSync(vaultPath()), false);
    assert.deepEqual(await children(testing), []);
  });

  it('Create Secret… (key/value) creates the vault on first use and the secret, shown under its folder', async () => {
    fresh()
      .textAnswer('app/db')
      .pickAnswer('Key/value (JSON)')
      .textAnswer('username')
      .textAnswer(syntheticValue())
      .textAnswer('password')
      .textAnswer(syntheticValue())
      .textAnswer('')
      .textAnswer('Primary database')
      .textAnswer('team=payments, env=test');
    await run(Commands.createSecret);
    noErrors();
    assert.equal(ui.pending, 0);
    assert.ok(existsSync(vaultPath()), 'the vault file was created');
    const meta = await (await vault()).describeSecret('app/db');
    assert.equal(meta.description, 'Primary database');
    assert.deepEqual(meta.tags, [
      { key: 'team', value: 'payments' },
      { key: 'env', value: 'test' },
    ]);
    assert.deepEqual(
      Object.keys(JSON.parse((await (await vault()).getSecretValue({ secretId: 'app/db' })).secretString!)),
      ['username', 'password'],
    );
    assert.deepEqual(await childLabels(testing), ['Local Vault']);
    const db = await nodeAt(testing, ['Local Vault', 'app', 'db']);
    // Revealed and selected in the Secrets view (VS Code walked getParent from the secret to the root).
    await waitFor('the new secret selected', () => testing.selection()[0]?.id === db.id || undefined);
    assert.deepEqual(await childLabels(testing, db), ['AWSCURRENT']);
    const tooltip = testing.tree.getTreeItem(db).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /Primary database/);
    assert.match(tooltip.value, /team=payments/);
  });

  it('Create Secret… (plain text and generated) on a connection node', async () => {
    const local = await nodeAt(testing, ['Local Vault']);
    fresh().textAnswer('api-token').pickAnswer('Plain text').textAnswer(syntheticValue()).textAnswer('').textAnswer('');
    await run(Commands.createSecret, local);
    fresh().textAnswer('app/generated').pickAnswer('Generated password').textAnswer('').textAnswer('');
    await run(Commands.createSecret, local);
    noErrors();
    const generated = (await (await vault()).getSecretValue({ secretId: 'app/generated' })).secretString!;
    usedValues.add(generated);
    assert.equal(generated.length, 32, 'secretsWorkbench.passwordRules.length default');
    assert.deepEqual(await childLabels(testing, await nodeAt(testing, ['Local Vault'])), ['app', 'api-token']);
  });

  it('Show Info names the connections, the vault path and state, offline mode and the findings count', async () => {
    fresh();
    await run(Commands.showInfo);
    const message = ui.notifications.at(-1)?.message ?? '';
    assert.match(message, /^Secrets Workbench \d+\.\d+\.\d+\./);
    assert.match(message, /Connections: Local Vault\./);
    assert.ok(message.includes(`Local vault: ${vaultPath()} (open).`), message);
    assert.match(message, /Offline mode: off\./);
    const problems = vscode.languages
      .getDiagnostics()
      .reduce(
        (n, [uri, list]) =>
          n + (uri.scheme === 'file' ? list.filter((d) => d.source === 'Secrets Workbench').length : 0),
        0,
      );
    assert.match(message, new RegExp(`Findings: ${problems} possible secrets? in \\d+ files? \\(Problems\\)\\.`));
  });

  it('a click on a secret opens its details with the value masked: a preview, kept on a double click', async () => {
    const db = await nodeAt(testing, ['Local Vault', 'app', 'db']);
    const { command } = testing.tree.getTreeItem(db);
    assert.equal(command?.command, Commands.showSecretDetails, 'the tree item runs a command when clicked');
    const click = () => run<string>(command!.command, ...(command!.arguments ?? []));
    const tab = (uri: string) =>
      vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri);
    const uri = await click();
    const page = await waitFor('the details page', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri),
    );
    const text = page.getText();
    assert.match(text, /^\*\*app\/db\*\*/);
    assert.match(text, /- ARN: arn:aws:secretsmanager:/);
    assert.match(text, /- Description: Primary database/);
    assert.match(text, /\*\*Value\*\*: `••••••••`/);
    assert.match(text, /: AWSCURRENT$/m);
    const stored = JSON.parse((await (await vault()).getSecretValue({ secretId: 'app/db' })).secretString!);
    for (const value of Object.values(stored)) assert.ok(!text.includes(String(value)), 'no value on the page');
    await waitFor('a preview editor', () => tab(uri)?.isPreview === true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await new Promise((resolve) => setTimeout(resolve, 600));
    // A double click: VS Code runs the command on each click, the second within the double-click time.
    await Promise.all([click(), click()]);
    await waitFor('the editor kept open', () => tab(uri)?.isPreview === false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // workbench.list.openMode "doubleClick": VS Code runs the command on a double click only, which keeps it.
    const list = vscode.workspace.getConfiguration('workbench.list');
    await list.update('openMode', 'doubleClick', vscode.ConfigurationTarget.Global);
    try {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await click();
      await waitFor('kept open at once', () => tab(uri)?.isPreview === false);
    } finally {
      await list.update('openMode', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('rejects an invalid name as AWS does', async () => {
    fresh().textAnswer('bad name!');
    await run(Commands.createSecret);
    assert.match(ui.notifications.at(-1)?.message ?? '', /letters, digits and/);
  });

  it('Open Secret Value shows pretty JSON; saving after the modal creates a new version', async function () {
    const t0 = Date.now();
    const marks: string[] = [];
    const mark = (what: string) => marks.push(`${what} ${Date.now() - t0}ms`);
    const db = await nodeAt(testing, ['Local Vault', 'app', 'db']);
    fresh();
    const uri = vscode.Uri.parse(await run<string>(Commands.openSecretValue, db));
    const document = await vscode.workspace.openTextDocument(uri);
    mark('opened');
    assert.equal(document.languageId, 'json');
    assert.match(document.getText(), /^\{\n {2}"username": /);
    const before = await (await vault()).getSecretValue({ secretId: 'app/db' });
    const newPassword = syntheticValue();
    const edited = JSON.stringify({ ...JSON.parse(before.secretString!), password: newPassword }, null, 2);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), edited);
    assert.ok(await vscode.workspace.applyEdit(edit));
    mark('edited');
    ui.confirmAnswer(true);
    const saved = await document.save();
    mark('saved');
    this.test!.title += ` [${marks.join(', ')}]`;
    assert.ok(
      saved,
      `saved (prompts: ${JSON.stringify(ui.prompts)}; log: ${testing.logLines().slice(-3).join(' | ')}; dirty: ${document.isDirty})`,
    );
    const after = await (await vault()).getSecretValue({ secretId: 'app/db' });
    assert.notEqual(after.versionId, before.versionId);
    assert.ok(
      after.secretString === JSON.stringify({ ...JSON.parse(before.secretString!), password: newPassword }),
      'stored compact',
    );
    assert.match(
      ui.prompts.find((p) => p.kind === 'confirm')?.title ?? '',
      /Save a new version of "app\/db" in Local Vault/,
    );
    assert.deepEqual(await childLabels(testing, await nodeAt(testing, ['Local Vault', 'app', 'db'])), [
      'AWSCURRENT',
      'AWSPREVIOUS',
    ]);
  });

  it('declining the modal saves nothing', async () => {
    const uri = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'secrets-workbench')!.uri;
    const document = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), ' ');
    await vscode.workspace.applyEdit(edit);
    const before = await (await vault()).listSecretVersionIds({ secretId: 'app/db', includeDeprecated: true });
    fresh().confirmAnswer(false);
    assert.equal(await document.save(), false);
    const after = await (await vault()).listSecretVersionIds({ secretId: 'app/db', includeDeprecated: true });
    assert.equal(after.versions.length, before.versions.length);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Save New Version (Ctrl+S on a secret document): cancelling keeps it dirty, saves nothing, shows no error', async () => {
    const { packageJSON } = vscode.extensions.getExtension('secrets-workbench.secrets-workbench')!;
    const binding = (packageJSON.contributes.keybindings as Array<{ command: string; key: string; when: string }>).find(
      (k) => k.command === Commands.saveSecretValue,
    );
    assert.equal(binding?.key, 'ctrl+s');
    assert.match(binding?.when ?? '', /^resourceScheme == '?secrets-workbench'?$/);
    const uri = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'secrets-workbench')!.uri;
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), ' ');
    await vscode.workspace.applyEdit(edit);
    const versions = async () =>
      (await (await vault()).listSecretVersionIds({ secretId: 'app/db', includeDeprecated: true })).versions.length;
    const before = await versions();
    fresh().confirmAnswer(false);
    assert.equal(await run(Commands.saveSecretValue), false);
    noErrors();
    assert.equal(ui.prompts.length, 1, 'asked once');
    assert.ok(document.isDirty, 'still dirty: the edit is kept');
    assert.equal(await versions(), before);
    // Confirmed: saved once, without a second question from the file system.
    fresh().confirmAnswer(true);
    assert.equal(await run(Commands.saveSecretValue), true);
    assert.equal(ui.prompts.length, 1, `asked once (${JSON.stringify(ui.prompts.map((p) => p.title))})`);
    assert.equal(document.isDirty, false);
    assert.equal(await versions(), before + 1);
  });

  it('File > Save and Save All: cancelling "Save a new version?" keeps the document dirty, saves nothing, no "Failed to save"', async () => {
    const uri = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'secrets-workbench')!.uri;
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), ' ');
    await vscode.workspace.applyEdit(edit);
    const edited = document.getText();
    const versions = async () =>
      (await (await vault()).listSecretVersionIds({ secretId: 'app/db', includeDeprecated: true })).versions.length;
    const before = await versions();
    // VS Code shows "Failed to save… Retry / Save As / Revert" exactly when the provider's writeFile rejects.
    const failures: string[] = [];
    const provider = testing.fileSystem as vscode.FileSystemProvider & Record<string, unknown>;
    const writeFile = provider.writeFile.bind(provider);
    provider.writeFile = async (...args: Parameters<typeof writeFile>) => {
      try {
        return await writeFile(...args);
      } catch (error) {
        failures.push(String(error));
        throw error;
      }
    };
    try {
      // The File menu's Save and the palette's "File: Save" run this command, not the Ctrl+S keybinding.
      for (const command of ['workbench.action.files.save', 'workbench.action.files.saveAll']) {
        fresh().confirmAnswer(false);
        await run(command);
        await waitFor(`${command} asked`, () => ui.pending === 0);
        assert.deepEqual(failures, [], `${command}: writeFile did not fail`);
        noErrors();
        // Both views of the document: the editor's tab (VS Code's own state) and the extension host's.
        await waitFor(
          `${command}: still dirty, edit kept`,
          () => document.isDirty && tabIsDirty(uri) && document.getText() === edited,
        );
        assert.equal(document.getText(), edited, `${command}: the edit is kept`);
        assert.equal(await versions(), before, `${command}: no new version`);
      }
      // Confirmed through the same path: one question, one new version, clean.
      fresh().confirmAnswer(true);
      await run('workbench.action.files.save');
      await waitFor('saved', () => !document.isDirty);
      assert.equal(ui.prompts.length, 1);
      assert.equal(await versions(), before + 1);
      assert.deepEqual(failures, []);
    } finally {
      Reflect.deleteProperty(provider, 'writeFile');
    }
  });

  it('refuses text that is not valid JSON for a key/value secret with a diagnostic; saves it only as plain text on request', async () => {
    const uri = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'secrets-workbench')!.uri;
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const before = await (await vault()).getSecretValue({ secretId: 'app/db' });
    const broken = `{\n  "username": "${syntheticValue()}"\n  "password": "${syntheticValue()}"\n}\n`; // no comma
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), broken);
    assert.ok(await vscode.workspace.applyEdit(edit));

    fresh().confirmAnswer(false);
    assert.equal(await run(Commands.saveSecretValue), false);
    noErrors();
    assert.match(
      ui.prompts[0]?.title ?? '',
      /"app\/db" is a key\/value \(JSON\) secret, and this text is not valid JSON/,
    );
    assert.match(ui.prompts[0]?.title ?? '', /comma expected at line 3, column 3/);
    const problems = vscode.languages.getDiagnostics(uri).filter((d) => /Not valid JSON/.test(d.message));
    assert.equal(problems.length, 1, 'a diagnostic on the document');
    assert.equal(problems[0].range.start.line, 2);
    assert.ok(document.isDirty);
    assert.equal((await (await vault()).getSecretValue({ secretId: 'app/db' })).versionId, before.versionId);

    // Every other way of saving (here: the API) refuses the same way. VS Code counts a declined save as done
    // (writeFile must not fail, or it shows "Failed to save"), so the document is checked, not save()'s result.
    fresh().confirmAnswer(false);
    await document.save();
    // keepDirty's no-op edit (a space added, then removed) may still be in flight when save() resolves
    await waitFor(
      'still dirty, with the text as typed, after the declined save',
      () => document.isDirty && tabIsDirty(uri) && document.getText() === broken,
    );
    assert.equal(document.getText(), broken);
    assert.equal((await (await vault()).getSecretValue({ secretId: 'app/db' })).versionId, before.versionId);

    // Asked explicitly: saved as plain text.
    fresh().confirmAnswer(true).confirmAnswer(true);
    assert.equal(await run(Commands.saveSecretValue), true);
    const plain = await (await vault()).getSecretValue({ secretId: 'app/db' });
    assert.ok(plain.secretString === broken.slice(0, -1), 'stored as the text typed');
    assert.deepEqual(
      ui.prompts.map((p) => p.shown),
      [['Save as Plain Text'], ['Save New Version']],
      JSON.stringify(ui.prompts),
    );
    // Back to the JSON value the next tests use.
    await (await vault()).putSecretValue({ secretId: 'app/db', secretString: before.secretString! });
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Copy Value clears the clipboard after the configured time if unchanged; Copy Name/ARN', async () => {
    const token = await nodeAt(testing, ['Local Vault', 'api-token']);
    fresh();
    await run(Commands.copyValue, token);
    const value = (await (await vault()).getSecretValue({ secretId: 'api-token' })).secretString!;
    assert.ok(clipboard.text === value, 'the value is on the clipboard');
    assert.match(ui.notifications[0].message, /cleared in 1 s/);
    await waitFor('the clipboard to be cleared', () => clipboard.text === '', 4000);
    await run(Commands.copyValue, token);
    clipboard.text = 'something the user copied';
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(clipboard.text, 'something the user copied', 'a changed clipboard is left alone');
    assert.equal(await run(Commands.copyName, token), 'api-token');
    assert.equal(clipboard.text, 'api-token');
    assert.match(String(await run(Commands.copyArn, token)), /^arn:aws:secretsmanager:.*:secret:api-token-/);
  });

  it('Rotate Secret… from the palette defaults to the secret in the editor and confirms it by name and connection', async () => {
    const open = vscode.workspace.textDocuments.find(
      (d) => d.uri.scheme === 'secrets-workbench' && d.uri.path.endsWith('/app/db'),
    )!;
    await vscode.window.showTextDocument(open);
    const before = (await (await vault()).getSecretValue({ secretId: 'app/db' })).versionId;
    fresh().confirmAnswer(false);
    assert.equal(await run(Commands.rotateSecret), undefined);
    assert.deepEqual(
      ui.prompts.map((p) => [p.kind, p.title]),
      [['confirm', 'Rotate "app/db" in Local Vault?']],
    );
    assert.equal(
      (await (await vault()).getSecretValue({ secretId: 'app/db' })).versionId,
      before,
      'declined: unchanged',
    );
  });

  it('Rotate Secret… regenerates one key of a JSON secret; an open document updates', async () => {
    const before = JSON.parse((await (await vault()).getSecretValue({ secretId: 'app/db' })).secretString!);
    fresh().confirmAnswer(true).pickAnswer('Key "password"');
    const versionId = await run<string>(Commands.rotateSecret);
    noErrors();
    const after = await (await vault()).getSecretValue({ secretId: 'app/db' });
    usedValues.add(JSON.parse(after.secretString!).password);
    assert.equal(after.versionId, versionId);
    assert.ok(JSON.parse(after.secretString!).username === before.username, 'other keys kept');
    assert.ok(JSON.parse(after.secretString!).password !== before.password, 'the chosen key changed');
    const document = vscode.workspace.textDocuments.find(
      (d) => d.uri.scheme === 'secrets-workbench' && d.uri.path.endsWith('/app/db'),
    );
    assert.ok(document);
    // Compare parsed JSON: a generated password may hold `"` or `\`, which the document shows escaped.
    const rotatedPassword = JSON.parse(after.secretString!).password;
    await waitFor('the open document to show the rotated value', () => {
      try {
        return JSON.parse(document.getText()).password === rotatedPassword;
      } catch {
        return false;
      }
    });
    const versions = await children(testing, await nodeAt(testing, ['Local Vault', 'app', 'db']));
    assert.equal(label(testing, versions[0]), 'AWSCURRENT');
    assert.match(String(testing.tree.getTreeItem(versions[0]).description), new RegExp(versionId.slice(0, 8)));
  });

  it('Compare… opens a diff of AWSPREVIOUS and AWSCURRENT with key-sorted JSON', async () => {
    const db = await nodeAt(testing, ['Local Vault', 'app', 'db']);
    fresh().pickAnswer('AWSPREVIOUS ↔ AWSCURRENT');
    const result = await run<{ left: string; right: string; title: string }>(Commands.compare, db);
    const tab = await waitFor('the diff tab', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(tab.original.toString(), result.left);
    assert.equal(tab.modified.toString(), result.right);
    const right = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.right));
    const keys = Object.keys(JSON.parse(right.getText()));
    assert.deepEqual(keys, [...keys].sort(), 'keys sorted');
    assert.equal(right.languageId, 'json', 'a JSON value is highlighted as JSON');
    assert.match(result.title, /AWSPREVIOUS.*↔.*AWSCURRENT/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Compare… two chosen versions, and two secrets', async () => {
    const db = await nodeAt(testing, ['Local Vault', 'app', 'db']);
    const versions = (await (await vault()).listSecretVersionIds({ secretId: 'app/db', includeDeprecated: true }))
      .versions;
    const oldest = versions.at(-1)!.versionId;
    fresh()
      .pickAnswer('Two versions…')
      .pickAnswer((item) => item.value === oldest)
      .pickAnswer('AWSCURRENT');
    const two = await run<{ left: string }>(Commands.compare, db);
    assert.ok(two.left.includes(oldest));
    fresh().pickAnswer('Another secret…').pickAnswer('app/generated');
    const secrets = await run<{ right: string }>(Commands.compare, db);
    assert.match(decodeURIComponent(secrets.right), /app\/generated/);
    noErrors();
  });

  it('Compare… offers AWSPREVIOUS (and two versions) only when the secret has them', async () => {
    const token = await nodeAt(testing, ['Local Vault', 'api-token']);
    assert.equal(
      (await (await vault()).listSecretVersionIds({ secretId: 'api-token', includeDeprecated: true })).versions.length,
      1,
    );
    fresh().pickAnswer(undefined);
    await run(Commands.compare, token);
    assert.deepEqual(ui.prompts[0].shown, ['Another secret…']);
    const db = await nodeAt(testing, ['Local Vault', 'app', 'db']);
    fresh().pickAnswer(undefined);
    await run(Commands.compare, db);
    assert.deepEqual(ui.prompts[0].shown, ['AWSPREVIOUS ↔ AWSCURRENT', 'Two versions…', 'Another secret…']);
  });

  it('Add AWS Connection… lists profiles, asks a region and an endpoint, and persists the connection', async () => {
    aws = await startLocalAws();
    fresh().pickAnswer(aws.profile).pickAnswer(aws.region).textAnswer(aws.server.endpoint);
    awsId = await run<string>(Commands.addAwsConnection);
    noErrors();
    assert.ok(testing.awsLoaded());
    assert.deepEqual(config().get('connections'), [
      { profile: aws.profile, region: aws.region, endpoint: aws.server.endpoint },
    ]);
    assert.equal((await children(testing)).length, 2);
    assert.ok(ui.prompts[0].shown.includes(aws.profile));
  });

  it('Create Secret… in AWS with description, tags and KMS key', async () => {
    const awsNode = (await children(testing))[1];
    fresh()
      .textAnswer('svc/api')
      .pickAnswer('Plain text')
      .textAnswer(syntheticValue())
      .textAnswer('Service key')
      .textAnswer('owner=qa')
      .textAnswer('alias/test-key');
    await run(Commands.createSecret, awsNode);
    noErrors();
    const meta = await aws.store.describeSecret('svc/api');
    assert.equal(meta.description, 'Service key');
    assert.equal(meta.kmsKeyId, 'alias/test-key');
    assert.deepEqual(meta.tags, [{ key: 'owner', value: 'qa' }]);
    assert.deepEqual(await childLabels(testing, awsNode), ['svc']);
  });

  it('Configure Rotation… and Rotate Secret… with the Lambda (progress until AWSCURRENT)', async () => {
    const api = await nodeAt(testing, [label(testing, (await children(testing))[1]), 'svc', 'api']);
    fresh()
      .textAnswer(`arn:aws:lambda:eu-west-1:000000000000:function:${simulatedRotationLambdas.generatedPassword}`)
      .pickAnswer('Every 30 days')
      .pickAnswer('Save only');
    await run(Commands.configureRotation, api);
    noErrors();
    const configured = await aws.store.describeSecret('svc/api');
    assert.equal(configured.rotationEnabled, true);
    assert.equal(configured.rotationRules?.automaticallyAfterDays, 30);
    const refreshed = await nodeAt(testing, [label(testing, (await children(testing))[1]), 'svc', 'api']);
    assert.match(String(testing.tree.getTreeItem(refreshed).description), /rotation on/);
    fresh().pickAnswer('Rotate with the configured Lambda');
    const versionId = await run<string>(Commands.rotateSecret, refreshed);
    noErrors();
    const current = await aws.store.getSecretValue({ secretId: 'svc/api' });
    usedValues.add(current.secretString!);
    assert.equal(current.versionId, versionId);
    const versions = await childLabels(
      testing,
      await nodeAt(testing, [label(testing, (await children(testing))[1]), 'svc', 'api']),
    );
    assert.deepEqual(versions, ['AWSCURRENT', 'AWSPREVIOUS']);
  });

  it('a failed Lambda rotation is reported as stuck, flagged in the tree, and blocks the next rotation', async function () {
    this.timeout(40_000);
    await aws.store.createSecret({ name: 'svc/stuck', secretString: syntheticValue() });
    const awsLabel = label(testing, (await children(testing))[1]);
    await run(Commands.refresh);
    fresh()
      .textAnswer(`arn:aws:lambda:eu-west-1:000000000000:function:${simulatedRotationLambdas.stuck}`)
      .pickAnswer('Every 7 days')
      .pickAnswer('Save only');
    await run(Commands.configureRotation, await nodeAt(testing, [awsLabel, 'svc', 'stuck']));
    noErrors();
    fresh().pickAnswer('Rotate with the configured Lambda');
    await run(Commands.rotateSecret, await nodeAt(testing, [awsLabel, 'svc', 'stuck']));
    const stuckError = ui.notifications.find((n) => n.severity === 'error')?.message ?? '';
    assert.match(stuckError, /Rotating "svc\/stuck": Rotation did not finish: version \S+ is still AWSPENDING/);
    const pending = await aws.store.getSecretValue({ secretId: 'svc/stuck', versionStage: 'AWSPENDING' });
    usedValues.add(pending.secretString!);
    await run(Commands.refresh);
    const node = await nodeAt(testing, [awsLabel, 'svc', 'stuck']);
    const item = testing.tree.getTreeItem(node);
    assert.match(String(item.description), /AWSPENDING stuck/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning');
    const versions = await children(testing, node);
    const stuckVersion = versions.find((v) => label(testing, v) === 'AWSPENDING');
    assert.ok(stuckVersion, 'the AWSPENDING version is listed');
    assert.match(String(testing.tree.getTreeItem(stuckVersion).contextValue), /\+stuck/);
    fresh().pickAnswer('Rotate with the configured Lambda');
    await run(Commands.rotateSecret, node);
    assert.match(ui.notifications.find((n) => n.severity === 'error')?.message ?? '', /isn't complete.*AWSPENDING/);
  });

  it('Push to AWS creates the secret there; pushing again shows what differs before overwriting', async () => {
    const db = await nodeAt(testing, ['Local Vault', 'app', 'db']);
    fresh().pickAnswer('Current value');
    await run(Commands.pushToAws, db);
    noErrors();
    const local = await (await vault()).getSecretValue({ secretId: 'app/db' });
    assert.ok((await aws.store.getSecretValue({ secretId: 'app/db' })).secretString === local.secretString, 'pushed');
    // change the AWS copy, then push again: a diff opens and the modal names the changed keys only
    const awsValue = syntheticValue();
    await aws.store.putSecretValue({
      secretId: 'app/db',
      secretString: JSON.stringify({ ...JSON.parse(local.secretString!), password: awsValue }),
    });
    fresh().pickAnswer('Current value').confirmAnswer(true);
    await run(Commands.pushToAws, db);
    noErrors();
    const confirm = ui.notifications.find((n) => n.message.startsWith('Overwrite'));
    assert.match(confirm?.message ?? '', /keys changed: password/);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(tab instanceof vscode.TabInputTextDiff, 'the differences were shown in a diff editor');
    assert.ok(
      (await aws.store.getSecretValue({ secretId: 'app/db' })).secretString === local.secretString,
      'overwritten',
    );
    const previous = await aws.store.getSecretValue({ secretId: 'app/db', versionStage: 'AWSPREVIOUS' });
    assert.ok(JSON.parse(previous.secretString!).password === awsValue, 'the overwritten value is AWSPREVIOUS');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Compare… the AWS and vault copies of the same name', async () => {
    const db = await nodeAt(testing, ['Local Vault', 'app', 'db']);
    fresh().pickAnswer('Same name in another connection…');
    const result = await run<{ left: string; right: string }>(Commands.compare, db);
    noErrors();
    const side = (uri: string) => parseSecretPath(vscode.Uri.parse(uri).path, vscode.Uri.parse(uri).query);
    assert.equal(side(result.left).connectionId, awsId);
    assert.equal(side(result.right).connectionId, 'local');
    assert.equal(side(result.left).name, 'app/db');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Pull to Local Vault copies all versions with their stages', async () => {
    const awsLabel = label(testing, (await children(testing))[1]);
    const api = await nodeAt(testing, [awsLabel, 'svc', 'api']);
    fresh().pickAnswer('All versions with their stages');
    await run(Commands.pullToLocalVault, api);
    noErrors();
    assert.deepEqual(
      (await (await vault()).describeSecret('svc/api')).versionIdsToStages,
      (await aws.store.describeSecret('svc/api')).versionIdsToStages,
    );
    assert.deepEqual(await childLabels(testing, await nodeAt(testing, ['Local Vault', 'svc', 'api'])), [
      'AWSCURRENT',
      'AWSPREVIOUS',
    ]);
  });

  it('Delete Secret… with a recovery window marks the secret; Restore Secret clears it', async () => {
    const token = await nodeAt(testing, ['Local Vault', 'api-token']);
    fresh().pickAnswer('Schedule deletion in 7 days');
    await run(Commands.deleteSecret, token);
    noErrors();
    const meta = await (await vault()).describeSecret('api-token');
    assert.ok(meta.deletedDate);
    const deleted = await nodeAt(testing, ['Local Vault', 'api-token']);
    assert.match(String(testing.tree.getTreeItem(deleted).description), /^deletion on \d{4}-\d{2}-\d{2}$/);
    assert.match(String(testing.tree.getTreeItem(deleted).contextValue), /\+deleted/);
    fresh();
    await run(Commands.restoreSecret, deleted);
    noErrors();
    assert.equal((await (await vault()).describeSecret('api-token')).deletedDate, undefined);
  });

  it('Delete Secret… without recovery asks a modal naming the secret', async () => {
    const token = await nodeAt(testing, ['Local Vault', 'api-token']);
    fresh().pickAnswer('Delete immediately without recovery').confirmAnswer(false);
    await run(Commands.deleteSecret, token);
    assert.ok(await (await vault()).describeSecret('api-token'), 'declined: still there');
    fresh().pickAnswer('Delete immediately without recovery').confirmAnswer(true);
    await run(Commands.deleteSecret, token);
    assert.match(ui.prompts.find((p) => p.kind === 'confirm')?.title ?? '', /Permanently delete "api-token"/);
    await assert.rejects((await vault()).describeSecret('api-token'), /ResourceNotFound|not find|doesn't exist/i);
    assert.deepEqual(await childLabels(testing, await nodeAt(testing, ['Local Vault'])), ['app', 'svc']);
  });

  it('filters on the server, toggles flat/grouped and deprecated versions', async () => {
    const local = await nodeAt(testing, ['Local Vault']);
    fresh().textAnswer('name:svc/');
    await run(Commands.filter, local);
    assert.deepEqual(await childLabels(testing, await nodeAt(testing, ['Local Vault'])), ['svc']);
    await run(Commands.clearFilter, local);
    await run(Commands.showFlat);
    const localLabels = async () => childLabels(testing, await nodeAt(testing, ['Local Vault']));
    await waitFor('flat list', async () => (await localLabels()).includes('app/db'), 5000, localLabels);
    await run(Commands.groupByFolder);
    await run(Commands.showDeprecated);
    await waitFor('deprecated versions', async () =>
      (await childLabels(testing, await nodeAt(testing, ['Local Vault', 'app', 'db']))).includes('deprecated'),
    );
    await run(Commands.hideDeprecated);
    await waitFor(
      'no deprecated versions',
      async () =>
        !(await childLabels(testing, await nodeAt(testing, ['Local Vault', 'app', 'db']))).includes('deprecated'),
    );
  });

  it('pages large accounts with "Load more…"', async () => {
    for (let i = 0; i < 120; i++)
      await aws.store.createSecret({ name: `bulk/s${String(i).padStart(3, '0')}`, secretString: 'x'.repeat(12) });
    await run(Commands.refresh);
    const awsNode = (await children(testing))[1];
    await run(Commands.showFlat);
    await waitFor('flat', async () => (await childLabels(testing, awsNode)).length > 10);
    let nodes = await children(testing, awsNode);
    assert.equal(nodes.length, 101, '100 secrets and Load more');
    const more = nodes.at(-1)!;
    assert.equal(label(testing, more), 'Load more…');
    await run(Commands.loadMore, more);
    nodes = await children(testing, awsNode);
    const inService = (await aws.store.listSecrets({ includePlannedDeletion: true, maxResults: 100 })).nextToken;
    assert.ok(inService, 'the service holds more than one page');
    assert.equal(nodes.filter((n) => n.kind === 'secret').length, await countSecrets(aws.store));
    assert.ok(!nodes.some((n) => n.kind === 'loadMore'));
    await run(Commands.groupByFolder);
  });

  it('shows an error node with retry for an unreachable connection', async () => {
    fresh().pickAnswer(aws.profile).pickAnswer('us-west-2').textAnswer('http://127.0.0.1:9');
    const id = await run<string>(Commands.addAwsConnection);
    const node = (await children(testing)).find((n) => n.id === id)!;
    const [error] = await children(testing, node);
    assert.equal(error.kind, 'error');
    assert.match(label(testing, error), /^Listing secrets failed: .*127\.0\.0\.1:9/);
    assert.equal(testing.tree.getTreeItem(error).command?.command, Commands.retry);
    assert.ok(testing.logLines().some((l) => l.includes('list secrets of') && l.includes('failed')));
    const failuresBefore = testing.logLines().filter((l) => l.includes('list secrets of')).length;
    await run(Commands.retry, error);
    const [again] = await children(testing, node);
    assert.equal(again.kind, 'error', 'still unreachable after the retry');
    assert.ok(testing.logLines().filter((l) => l.includes('list secrets of')).length > failuresBefore, 'retried');
    fresh();
    await run(Commands.showLog);
    noErrors();
    fresh().confirmAnswer(true);
    await run(Commands.removeConnection, node);
    assert.equal((await children(testing)).length, 2);
    assert.equal((config().get<unknown[]>('connections') ?? []).length, 1);
  });

  it('Add Passphrase to Local Vault lets the CLI open it with the passphrase', async () => {
    const passphrase = syntheticValue();
    fresh().textAnswer(passphrase).textAnswer(passphrase);
    await run(Commands.addVaultPassphrase);
    noErrors();
    const opened = await VaultStore.open(vaultPath(), { kind: 'passphrase', passphrase });
    assert.equal((await opened.listSecrets()).secrets.length, (await (await vault()).listSecrets()).secrets.length);
    assert.ok((await opened.listSecrets()).secrets.length >= 3);
    opened.close();
  });

  it("switches to a vault only a passphrase opens and back, without losing the first vault's key", async () => {
    const secretsBefore = await countSecrets(await vault());
    const otherPath = join(workspaceDir(), '.secrets-workbench', 'passphrase-only.swv');
    const passphrase = syntheticValue();
    const other = await VaultStore.create(otherPath, { kind: 'passphrase', passphrase });
    await other.createSecret({ name: 'elsewhere/only', secretString: syntheticValue() });
    other.close();
    // the vault path is a machine setting (a workspace cannot choose it): switch the user setting, then back
    const suiteValue = config().inspect<string>('localVault.path')?.globalValue;
    await config().update('localVault.path', otherPath, vscode.ConfigurationTarget.Global);
    try {
      fresh().textAnswer(passphrase);
      const opened = await waitFor('the other vault', async () => {
        const store = await vault();
        return pathOf(store) === otherPath && store;
      });
      const names = (await opened.listSecrets()).secrets.map((s) => s.name);
      assert.deepEqual(names, ['elsewhere/only']);
      assert.equal(ui.pending, 0, 'the passphrase was asked for');
    } finally {
      await config().update('localVault.path', suiteValue, vscode.ConfigurationTarget.Global);
    }
    fresh();
    const first = await waitFor('the first vault again', async () => {
      const store = await vault();
      return pathOf(store) === vaultPath() && store;
    });
    assert.equal(await countSecrets(first), secretsBefore, 'the first vault opens as before');
    assert.equal(ui.prompts.length, 0, 'with its own key: nothing asked');
    noErrors();
  });

  it('never shows or logs a secret value', async () => {
    for (const store of [await vault(), aws.store]) {
      for (const secret of (await store.listSecrets({ includePlannedDeletion: true })).secrets) {
        const versions = await store.listSecretVersionIds({ secretId: secret.name, includeDeprecated: true });
        for (const v of versions.versions) {
          const value = await store
            .getSecretValue({ secretId: secret.name, versionId: v.versionId })
            .catch(() => undefined);
          if (value?.secretString && value.secretString.length >= 8) {
            usedValues.add(value.secretString);
            const parsed = (() => {
              try {
                return JSON.parse(value.secretString!) as Record<string, unknown>;
              } catch {
                return undefined;
              }
            })();
            for (const field of Object.values(parsed ?? {}))
              if (typeof field === 'string' && field.length >= 8) usedValues.add(field);
          }
        }
      }
    }
    usedValues.delete('x'.repeat(12));
    assert.ok(usedValues.size > 10, `checked ${usedValues.size} values`);
    const shown = allUi.map((u) => u.shownText()).join('\n');
    const logged = testing.logLines().join('\n');
    const logFiles = readLogFiles(dirname(dirname(testing.logDir)));
    assert.ok(
      logFiles.length > 0 && logFiles.some((f) => f.text.includes('Activated in')),
      'the output channel log file was read',
    );
    for (const value of usedValues) {
      assert.ok(!shown.includes(value), 'a value appeared in a prompt or notification');
      assert.ok(!logged.includes(value), 'a value appeared in the output channel');
      for (const file of logFiles) assert.ok(!file.text.includes(value), `a value appeared in ${file.path}`);
    }
  });
});

/** The file of the extension's vault (its VaultStore class is not the one this bundle imports). */
function pathOf(store: SecretStore): string | undefined {
  return (store as { path?: string }).path;
}

async function countSecrets(store: SecretStore): Promise<number> {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await store.listSecrets({ includePlannedDeletion: true, nextToken });
    count += page.secrets.length;
    nextToken = page.nextToken;
  } while (nextToken);
  return count;
}

/** Every log file of this window: the extension's output channel and the extension host's own log. */
function readLogFiles(root: string): Array<{ path: string; text: string }> {
  const found: Array<{ path: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.log')) found.push({ path, text: readFileSync(path, 'utf8') });
    }
  };
  if (existsSync(root)) walk(root);
  return found;
}

export type { ExplorerNode };

function tabIsDirty(uri: vscode.Uri): boolean {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .some(
      (tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString() && tab.isDirty,
    );
}
