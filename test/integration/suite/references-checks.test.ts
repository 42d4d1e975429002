// Completion of secret names and JSON keys, the reference diagnostics and their "Create secret…" fix, inside a
// real VS Code, validated against a local vault of its own. No secret value may reach any item, message or title.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SecretStore } from '../../../src/core/store/types';
import { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';
import type { TestingApi } from '../../../src/vscode/test-api';
import { ReferenceCommands, ReferenceDiagnosticSource } from '../../../src/vscode/references/check-constants';
import { config, extensionApi, syntheticValue, waitFor } from './explorer-helpers';
import { workspaceDir } from '../support';

function referenceProblems(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === ReferenceDiagnosticSource);
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

/** Everything a completion item can show. */
function shownBy(item: vscode.CompletionItem): string {
  const label = typeof item.label === 'string' ? { label: item.label } : item.label;
  const documentation = typeof item.documentation === 'string' ? item.documentation : item.documentation?.value;
  return [label.label, label.detail, label.description, item.detail, documentation, item.insertText?.toString()]
    .filter(Boolean)
    .join('\n');
}

describe('Secret references: completion, diagnostics and Create secret… (real VS Code)', function () {
  this.timeout(60_000);
  let testing: TestingApi;
  let dir: string;
  let store: SecretStore;
  let ui: ScriptedUserInput;
  const values: string[] = [];
  const tag = randomBytes(3).toString('hex');
  const db = `refs-${tag}/db`;
  const missing = `refs-${tag}/api`;
  let savedVaultPath: string | undefined;
  let savedConnection: string | undefined;

  before(async () => {
    ({ testing } = await extensionApi());
    // Should SecretStorage have no keyring here, the new vault asks for a passphrase (twice).
    const passphrase = syntheticValue();
    testing.setUserInput(new ScriptedUserInput().textAnswer(passphrase).textAnswer(passphrase));
    dir = mkdtempSync(join(tmpdir(), 'sw-refs-it-'));
    savedVaultPath = config().inspect<string>('localVault.path')?.globalValue;
    savedConnection = config().inspect<string>('references.connection')?.globalValue;
    await config().update('localVault.path', join(dir, 'refs.swv'), vscode.ConfigurationTarget.Global);
    await config().update('references.connection', 'local', vscode.ConfigurationTarget.Global);
    store = await testing.connections.getStore(testing.connections.localVault.id);
    const password = syntheticValue();
    values.push(password);
    await store.createSecret({
      name: db,
      description: 'Orders database',
      secretString: JSON.stringify({ username: 'orders', password }),
    });
    ui = new ScriptedUserInput();
    testing.setUserInput(ui);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('references.connection', savedConnection, vscode.ConfigurationTarget.Global);
    await config().update('localVault.path', savedVaultPath, vscode.ConfigurationTarget.Global);
    testing.setUserInput(undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  function writeSource(relative: string, text: string): vscode.Uri {
    const path = join(workspaceDir(), relative);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return vscode.Uri.file(path);
  }

  async function complete(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      position,
    );
    return list.items;
  }

  function assertNoValue(text: string, where: string): void {
    for (const value of values) assert.ok(!text.includes(value), `${where} holds a secret value`);
  }

  it('completes secret names in the name argument and JSON keys after the name, showing no value', async () => {
    const uri = writeSource(
      'refs/complete.ts',
      [
        "import { getSecret } from './secrets';",
        `export const user = getSecret('refs-${tag}/', 'u');`,
        `export const pass = getSecret('${db}', 'p');`,
        '',
      ].join('\n'),
    );
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const line = document.lineAt(1).text;

    const names = await complete(uri, new vscode.Position(1, line.indexOf(`refs-${tag}/`) + `refs-${tag}/`.length));
    const dbItem = names.find((item) => labelOf(item) === db);
    assert.ok(dbItem, `no completion for ${db}: ${names.map(labelOf).join(', ')}`);
    assert.equal(dbItem.detail, 'Orders database', 'the description, as detail');
    const range = dbItem.range as vscode.Range;
    assert.equal(document.getText(range), `refs-${tag}/`, 'replaces the whole name argument');

    const keyLine = document.lineAt(2).text;
    const keys = await complete(uri, new vscode.Position(2, keyLine.indexOf("'p'") + 2));
    const keyLabels = keys.filter((item) => item.kind === vscode.CompletionItemKind.Field).map(labelOf);
    assert.deepEqual(keyLabels.sort(), ['password', 'username']);
    for (const item of [...names, ...keys]) assertNoValue(shownBy(item), `completion item ${labelOf(item)}`);
  });

  it('flags a missing JSON key and a missing secret, and not what exists', async () => {
    const uri = writeSource(
      'refs/checks.ts',
      [
        "import { getSecret } from './secrets';",
        `export const user = await getSecret('${db}', 'username');`,
        `export const pass = await getSecret('${db}', 'pasword');`,
        `export const token = await getSecret('${missing}', 'token');`,
        '',
      ].join('\n'),
    );
    await vscode.workspace.openTextDocument(uri);
    const problems = await waitFor('two reference problems', () => {
      const found = referenceProblems(uri);
      return found.length === 2 ? found : undefined;
    });
    problems.sort((a, b) => a.range.start.line - b.range.start.line);
    assert.deepEqual(
      problems.map((d) => [codeOf(d), d.range.start.line, d.severity]),
      [
        ['missing-json-key', 2, vscode.DiagnosticSeverity.Warning],
        ['missing-secret', 3, vscode.DiagnosticSeverity.Warning],
      ],
    );
    assert.match(problems[0].message, new RegExp(`"${db}" has no JSON key "pasword" \\(keys: password, username\\)`));
    assert.match(problems[1].message, new RegExp(`"${missing}" does not exist in Local Vault`));
    for (const d of problems) assertNoValue(d.message, 'a diagnostic message');
  });

  it('"Create secret…" creates the missing secret with the name and keys pre-filled; the problem goes away', async () => {
    // A second file, not open, reads another key of the same missing secret: the fix asks for both keys.
    writeSource(
      'refs/other.py',
      `from secrets_helper import get_secret\nregion = get_secret("${missing}", "region")\n`,
    );
    const index = await testing.references.ready();
    await waitFor('the index to hold refs/other.py', () =>
      index.referencesTo(missing).some((r) => r.path?.endsWith('other.py')),
    );
    const uri = vscode.Uri.file(join(workspaceDir(), 'refs/checks.ts'));
    const diagnostic = referenceProblems(uri).find((d) => codeOf(d) === 'missing-secret');
    assert.ok(diagnostic, 'the missing-secret problem from the previous test');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const create = actions.find((a) => a.command?.command === ReferenceCommands.createReferencedSecret);
    assert.ok(create, `no Create secret… action: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(create.title, `Create secret "${missing}"…`);

    const token = syntheticValue();
    const region = syntheticValue();
    values.push(token, region);
    ui.textAnswer(missing)
      .pickAnswer('Key/value (JSON)')
      .textAnswer(token)
      .textAnswer(region)
      .textAnswer('')
      .textAnswer('')
      .textAnswer('');
    await vscode.commands.executeCommand(create.command!.command, ...(create.command!.arguments ?? []));
    assert.deepEqual(
      ui.notifications.filter((n) => n.severity === 'error').map((n) => n.message),
      [],
    );
    assert.equal(ui.pending, 0, 'every scripted answer was used');
    assert.equal(ui.prompts[0].value, missing, 'the name is pre-filled');
    assert.equal(ui.prompts[1].shown[0], 'Key/value (JSON)', 'key/value offered first');
    assert.equal(ui.prompts[1].descriptions?.[0], 'keys the code reads: token, region');
    assert.deepEqual(
      ui.prompts.slice(2, 4).map((p) => p.shown[0]),
      ['Value of "token" (hidden while typing)', 'Value of "region" (hidden while typing)'],
    );
    const created = await store.getSecretValue({ secretId: missing });
    assert.deepEqual(JSON.parse(created.secretString!), { token, region });

    await waitFor('the reference problems to update', () => {
      const codes = referenceProblems(uri).map(codeOf);
      return codes.length === 1 && codes[0] === 'missing-json-key' ? true : undefined;
    });
    assertNoValue(ui.shownText(), 'a prompt or notification');
    for (const action of actions) assertNoValue(action.title, 'a code action title');
  });

  it('turns off with secretsWorkbench.references.diagnostics.enabled', async () => {
    const uri = vscode.Uri.file(join(workspaceDir(), 'refs/checks.ts'));
    assert.ok(referenceProblems(uri).length > 0);
    await config().update('references.diagnostics.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('no reference problems', () => (referenceProblems(uri).length === 0 ? true : undefined));
    } finally {
      await config().update('references.diagnostics.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the problems back', () => (referenceProblems(uri).length === 1 ? true : undefined));
  });
});
