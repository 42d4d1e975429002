// Issue 24 inside a real VS Code: the CodeLens above each secret reference and the hover on it, against the
// local vault chosen per folder by `secretsWorkbench.references.connection`: an existing JSON secret and a
// missing one, a refresh making a newly created secret show, the lens click, the masked-then-explicit "Reveal
// value", the setting that turns lenses off, and that no secret value ever appears in a lens or hover.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SecretStore } from '../../../src/core/store/types';
import { Commands, Schemes } from '../../../src/vscode/constants';
import type { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';
import type { TestingApi } from '../../../src/vscode/test-api';
import { extensionApi, scriptedInput, syntheticValue, usedValues } from './explorer-helpers';
import { workspaceDir } from '../support';

const config = () => vscode.workspace.getConfiguration('secretsWorkbench', folder().uri);
const folder = () => vscode.workspace.workspaceFolders![0];

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 50);
  // Only this extension's (other extensions may add their own).
  return lenses
    .filter((l) => /in Local Vault|Local Vault$/.test(l.command?.title ?? ''))
    .sort((a, b) => a.range.start.line - b.range.start.line);
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<{ text: string; trusted: unknown[] }> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  const parts = hovers.flatMap((h) => h.contents);
  const text = parts.map((p) => (typeof p === 'string' ? p : p.value)).join('\n');
  return {
    text,
    trusted: parts.map((p) => (typeof p === 'string' ? undefined : (p as vscode.MarkdownString).isTrusted)),
  };
}

function assertNoValue(text: string, where: string) {
  for (const value of usedValues) assert.ok(!text.includes(value), `a secret value appears in ${where}`);
}

describe('Secret references: CodeLens and hover', function () {
  this.timeout(30_000);
  let testing: TestingApi;
  let ui: ScriptedUserInput;
  let store: SecretStore;
  const run = randomBytes(4).toString('hex');
  const existing = `lens-${run}/db`;
  const missing = `lens-${run}/later`;
  let uri: vscode.Uri;

  before(async () => {
    ({ testing } = await extensionApi());
    ui = scriptedInput(testing);
    await config().update('references.connection', 'local', vscode.ConfigurationTarget.WorkspaceFolder);
    store = await testing.connections.getStore('local');
    await store.createSecret({
      name: existing,
      description: 'Orders database',
      tags: [{ key: 'team', value: 'payments' }],
      secretString: JSON.stringify({ password: syntheticValue(), username: syntheticValue() }),
    });
    const file = join(workspaceDir(), `lens-${run}.ts`);
    writeFileSync(
      file,
      [
        `const password = await getSecret('${existing}', 'password');`,
        `const later = await getSecret('${missing}');`,
        `const again = await getSecret('${existing}', 'token');`,
        '',
      ].join('\n'),
    );
    uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    testing.secretLookup.invalidate(); // earlier suites may have looked these names up
  });

  after(async () => {
    testing?.setUserInput(undefined);
    await config().update('references.connection', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await config().update('references.codeLens', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the folder setting picks the validating connection', () => {
    const choice = testing.secretLookup.connectionFor(uri);
    assert.equal(choice.connectionId, 'local');
    assert.equal(choice.reason, testing.offline.state.mode === 'online' ? 'setting' : 'offline');
  });

  it('puts a lens above each reference: exists with versions, last change and rotation, or missing', async () => {
    const lenses = await lensesOf(uri);
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [0, `$(pass) exists in Local Vault · 1 version · changed ${today} · no rotation`],
        [1, '$(warning) missing in Local Vault'],
        [2, `$(pass) exists in Local Vault · 1 version · changed ${today} · no rotation`],
      ],
    );
    assert.equal(lenses[0].command?.command, Commands.openReferencedSecret);
    assert.deepEqual(lenses[0].command?.arguments, [{ connectionId: 'local', name: existing }]);
    assert.equal(lenses[1].command?.command, '');
    assertNoValue(JSON.stringify(lenses.map((l) => l.command)), 'a lens');
  });

  it('the hover shows description, tags, stages and JSON key names, with a Reveal link trusted for it alone', async () => {
    const { text, trusted } = await hoverText(uri, new vscode.Position(0, 36));
    assert.match(text, new RegExp(`\\*\\*lens\\\\-${run}/db\\*\\* in Local Vault`));
    assert.match(text, /Orders database/);
    assert.match(text, /- Tags: `team`: payments/);
    assert.match(text, /- Stages: AWSCURRENT \(`[0-9a-f-]{8}`\)/);
    assert.match(text, /- JSON keys \(current version\): `password`, `username`/);
    assert.match(text, /- Reads key `password`: present/);
    assert.ok(text.includes(`command:${Commands.revealReferencedValue}?`), 'the Reveal value link');
    assert.ok(
      trusted.some((t) => JSON.stringify(t) === JSON.stringify({ enabledCommands: [Commands.revealReferencedValue] })),
      `trusted for the reveal command only: ${JSON.stringify(trusted)}`,
    );
    assertNoValue(text, 'the hover');
    const other = await hoverText(uri, new vscode.Position(2, 33));
    assert.match(other.text, /Reads key `token`: \$\(warning\) not in the current version/);
  });

  it('the hover on a missing secret says so, without a Reveal link', async () => {
    const { text } = await hoverText(uri, new vscode.Position(1, 33));
    assert.match(text, /no such secret in Local Vault/);
    assert.ok(!text.includes('command:'), 'no command link');
  });

  it('a refresh (as after any change the extension makes) shows a secret created meanwhile', async () => {
    await store.createSecret({ name: missing, secretString: syntheticValue() });
    assert.equal((await lensesOf(uri))[1].command?.title, '$(warning) missing in Local Vault', 'cached for a minute');
    await vscode.commands.executeCommand(Commands.refresh);
    assert.match((await lensesOf(uri))[1].command?.title ?? '', /^\$\(pass\) exists in Local Vault/);
    const { text } = await hoverText(uri, new vscode.Position(1, 33));
    assert.match(text, /JSON keys \(current version\): none \(the value is not a JSON object\)/);
    assertNoValue(text, 'the hover');
  });

  it('clicking the lens shows the secret in the tree and its details with the value masked', async () => {
    const [lens] = await lensesOf(uri);
    const shown = await vscode.commands.executeCommand<string>(lens.command!.command, ...lens.command!.arguments!);
    assert.ok(shown?.startsWith(`${Schemes.info}:`), `the details page opened: ${shown}`);
    const page = vscode.workspace.textDocuments.find((d) => d.uri.toString() === shown);
    assert.ok(page?.getText().includes('••••••••'), 'the value is masked');
    assertNoValue(page!.getText(), 'the details page');
    const selected = testing.selection()[0];
    assert.ok(selected && 'secret' in selected && selected.secret.name === existing, 'selected in the tree');
  });

  it('Reveal value shows the masked details first and the value only after an explicit confirmation', async () => {
    ui.confirmAnswer(false);
    const declined = await vscode.commands.executeCommand<{ details?: string; value?: string }>(
      Commands.revealReferencedValue,
      { connectionId: 'local', name: existing },
    );
    assert.ok(declined?.details?.startsWith(`${Schemes.info}:`));
    assert.equal(declined?.value, undefined, 'declining shows no value');
    assert.match(ui.prompts.at(-1)?.title ?? '', /Show the value of "lens-[0-9a-f]+\/db" \(Local Vault\)/);
    ui.confirmAnswer(true);
    const accepted = await vscode.commands.executeCommand<{ value?: string }>(Commands.revealReferencedValue, {
      connectionId: 'local',
      name: existing,
    });
    assert.ok(accepted?.value?.startsWith(`${Schemes.value}:`), `the value editor opened: ${accepted?.value}`);
    assert.equal(ui.pending, 0);
    assert.deepEqual(
      ui.notifications.filter((n) => n.severity === 'error').map((n) => n.message),
      [],
    );
  });

  it('the codeLens setting turns the lenses off', async () => {
    await config().update('references.codeLens', false, vscode.ConfigurationTarget.WorkspaceFolder);
    assert.deepEqual(await lensesOf(uri), []);
    await config().update('references.codeLens', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    assert.equal((await lensesOf(uri)).length, 3);
  });

  it('no secret value reached the log or a notification', () => {
    assertNoValue(testing.logLines().join('\n'), 'the log');
    assertNoValue(ui.notifications.map((n) => n.message).join('\n'), 'a notification');
  });
});
