// Diagnostics and the "move to secret manager" quick fix inside a real VS Code.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { createAwsStore } from '../../../src/core/aws/index';
import { startSecretsServer } from '../../../src/core/server/index';
import { MemoryStore, type SecretStore } from '../../../src/core/store/index';
import { DiagnosticSource, QuickFixCommands } from '../../../src/vscode/constants';
import { StaticDestinations } from '../../../src/vscode/quickfix/destinations';
import type { MoveArgs, MoveOutcome } from '../../../src/vscode/quickfix/move-secret';
import type { QuickFixFeature } from '../../../src/vscode/quickfix/register';
import type { QuickFixUi } from '../../../src/vscode/quickfix/ui';
import { fixtureAwsKeyPair } from '../../fixtures/synthetic-credentials';
import { Synthetic } from '../../support/synthetic';
import { activateExtension, fixturePath, workspaceDir } from '../support';

const { keyId, secretKey } = fixtureAwsKeyPair;

/** Records every message instead of showing it; answers nothing on its own. */
class RecordingUi implements QuickFixUi {
  readonly messages: string[] = [];
  async askSecretName(): Promise<string | undefined> {
    return undefined;
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

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === DiagnosticSource);
}

function copyFixture(name: string, target: string): vscode.Uri {
  const path = join(workspaceDir(), target);
  mkdirSync(join(path, '..'), { recursive: true });
  copyFileSync(fixturePath('quickfix-integration', name), path);
  return vscode.Uri.file(path);
}

async function moveActions(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions.filter((action) => action.command?.command === QuickFixCommands.moveSecret);
}

describe('Hardcoded-secret diagnostics and the move quick fix (real VS Code)', function () {
  this.timeout(60_000);
  let feature: QuickFixFeature;
  let ui: RecordingUi;

  before(async () => {
    const extension = await activateExtension();
    feature = (extension.exports as { quickFix: QuickFixFeature }).quickFix;
    assert.ok(feature, 'activate() returns the quick fix feature');
  });

  beforeEach(() => {
    ui = new RecordingUi();
    feature.setUi(ui);
  });

  after(() => feature.setUi(undefined));

  it('reports diagnostics on the exact value ranges, with rule links and value-free messages', async () => {
    const uri = copyFixture('upload.ts', 'diag/upload.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    const diagnostics = await waitFor('diagnostics', () => (ours(uri).length === 2 ? ours(uri) : undefined));
    const text = document.getText();
    const expected = [keyId, secretKey].map((value) => {
      const start = text.indexOf(value);
      return new vscode.Range(document.positionAt(start), document.positionAt(start + value.length));
    });
    assert.deepEqual(
      diagnostics.map((d) => d.range).sort((a, b) => a.start.line - b.start.line),
      expected,
    );
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code as { value: string; target: vscode.Uri };
      assert.match(code.value, /^aws-(access-key-id|secret-access-key)$/);
      assert.equal(code.target.fragment, code.value);
      assert.match(code.target.path, /docs\/rules\.md$/);
      assert.ok(
        !diagnostic.message.includes(keyId) && !diagnostic.message.includes(secretKey),
        'message never holds the value',
      );
      assert.match(diagnostic.message, /accessKeyId|secretAccessKey/);
    }
  });

  it('moves the key pair into one JSON secret, then rewrites the file exactly as the golden file', async () => {
    const store = new MemoryStore();
    feature.setDestinations(new StaticDestinations([{ id: 'local', kind: 'local', label: 'Local Vault', store }]));
    const uri = copyFixture('upload.ts', 'quickfix/upload.ts');
    await vscode.workspace.openTextDocument(uri);
    const [diagnostic] = await waitFor('diagnostics', () => (ours(uri).length === 2 ? ours(uri) : undefined));
    const actions = await moveActions(uri, diagnostic);
    assert.deepEqual(
      actions.map((action) => action.title),
      [
        'Move to Local Vault… (2 values as one JSON secret)',
        'Move to Local Vault… (2 values as one JSON secret) — read from environment variable ACCESS_KEY_ID, SECRET_ACCESS_KEY',
      ],
    );
    assert.equal(actions[0].isPreferred, true);
    const args = { ...(actions[0].command!.arguments![0] as MoveArgs), secretName: 'exports/upload/aws-credentials' };
    const outcome = await vscode.commands.executeCommand<MoveOutcome>(QuickFixCommands.moveSecret, args);
    assert.equal(outcome.status, 'moved', JSON.stringify(ui.messages));

    const stored = await store.getSecretValue({ secretId: 'exports/upload/aws-credentials' });
    assert.deepEqual(JSON.parse(stored.secretString!), { accessKeyId: keyId, secretAccessKey: secretKey });
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText(), readFileSync(fixturePath('quickfix-integration', 'upload.expected.ts'), 'utf8'));
    assert.ok(
      existsSync(join(workspaceDir(), 'quickfix', 'secrets', 'get-secret.ts')),
      'helper created once per project',
    );
    await waitFor('diagnostics cleared', () => (ours(uri).length === 0 ? true : undefined));
    assert.ok(ui.messages.every((m) => !m.includes(keyId) && !m.includes(secretKey)));
    // Says plainly what answers the SDK call for a local-vault secret, where to read more, and what to install.
    assert.match(ui.messages.at(-1)!, /reads the secret through the AWS SDK; the local vault answers it .*Go Offline/);
    assert.match(ui.messages.at(-1)!, /docs\/offline\.md/);
    assert.match(ui.messages.at(-1)!, /Needs: npm i @aws-sdk\/client-secrets-manager\./);
  });

  it('CommonJS: offers no fetch (it would be a Promise), only the env variable, recorded in the env map', async () => {
    const store = new MemoryStore();
    feature.setDestinations(new StaticDestinations([{ id: 'local', kind: 'local', label: 'Local Vault', store }]));
    const uri = copyFixture('notify.js', 'cjs/notify.js');
    const document = await vscode.workspace.openTextDocument(uri);
    const [diagnostic] = await waitFor('diagnostics', () => (ours(uri).length === 1 ? ours(uri) : undefined));
    const actions = await moveActions(uri, diagnostic);
    assert.deepEqual(
      actions.map((action) => [action.title, action.isPreferred]),
      [['Move to Local Vault… — read from environment variable CHAT_TOKEN', true]],
    );
    // Asked for the fetch anyway (a stale or scripted call): refused before anything is stored.
    const fetchArgs = {
      ...(actions[0].command!.arguments![0] as MoveArgs),
      mode: undefined,
      secretName: 'ci/dev/chat',
    };
    const refused = await vscode.commands.executeCommand<MoveOutcome>(QuickFixCommands.moveSecret, fetchArgs);
    assert.equal(refused.status, 'failed');
    assert.deepEqual((await store.listSecrets()).secrets, []);

    const args = { ...(actions[0].command!.arguments![0] as MoveArgs), secretName: 'ci/dev/chat-token' };
    const outcome = await vscode.commands.executeCommand<MoveOutcome>(QuickFixCommands.moveSecret, args);
    assert.equal(outcome.status, 'moved', JSON.stringify(ui.messages));
    assert.match(document.getText(), /^const chatToken = process\.env\.CHAT_TOKEN;$/m);
    assert.doesNotMatch(document.getText(), /getSecret/);
    const config = JSON.parse(readFileSync(join(workspaceDir(), '.secrets-workbench.json'), 'utf8')) as {
      env: Record<string, string>;
    };
    assert.equal(config.env.CHAT_TOKEN, 'ci/dev/chat-token');
    assert.match(ui.messages.at(-1)!, /secrets-workbench run/);
  });

  it('.env with two credentials: one JSON secret or one secret per value, the last choice offered first', async () => {
    const store = new MemoryStore();
    feature.setDestinations(new StaticDestinations([{ id: 'local', kind: 'local', label: 'Local Vault', store }]));
    const synthetic = new Synthetic(randomBytes(4).readUInt32LE());
    const [password, apiKey] = [synthetic.password(), synthetic.apiKey()];
    const write = (dir: string) => {
      const path = join(workspaceDir(), dir, '.env');
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, `APP_NAME=mail\nDB_PASSWORD=${password}\nMAIL_API_KEY=${apiKey}\n`);
      return vscode.Uri.file(path);
    };
    const uri = write('dotenv-split');
    const document = await vscode.workspace.openTextDocument(uri);
    const [diagnostic] = await waitFor('diagnostics', () => (ours(uri).length === 2 ? ours(uri) : undefined));
    const actions = await moveActions(uri, diagnostic);
    assert.deepEqual(
      actions.map((action) => [action.title, action.isPreferred]),
      [
        ['Move to Local Vault… (2 values as one JSON secret) — injected at run time from the env map', true],
        ['Move to Local Vault… (2 values, one secret each) — injected at run time from the env map', false],
      ],
    );
    const args = { ...(actions[1].command!.arguments![0] as MoveArgs), secretNames: ['mail/dev/db', 'mail/dev/api'] };
    assert.equal(args.onePerValue, true);

    // The second name exists with another value and the user cancels: asked before anything is stored.
    await store.createSecret({ name: 'mail/dev/api', secretString: 'another-value' });
    const cancelled = await vscode.commands.executeCommand<MoveOutcome>(QuickFixCommands.moveSecret, {
      ...args,
      onConflict: 'cancel',
    });
    assert.equal(cancelled.status, 'cancelled');
    assert.match(ui.messages.at(-1)!, /^Nothing was changed: mail\/dev\/api already exists in Local Vault/);
    assert.deepEqual(
      (await store.listSecrets()).secrets.map((secret) => secret.name),
      ['mail/dev/api'],
    );
    assert.equal(document.isDirty, false);
    await store.deleteSecret({ secretId: 'mail/dev/api', forceDeleteWithoutRecovery: true });

    // The first name gets a new version (agreed), then storing the second fails: AWSCURRENT goes back.
    await store.createSecret({ name: 'mail/dev/db', secretString: 'earlier-value' });
    const refusing = new Proxy(store, {
      get(target, key) {
        if (key === 'createSecret')
          return async (input: { name: string }) => {
            if (input.name === 'mail/dev/api') throw new Error('refused by the test store');
            return target.createSecret(input as Parameters<MemoryStore['createSecret']>[0]);
          };
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    feature.setDestinations(
      new StaticDestinations([{ id: 'local', kind: 'local', label: 'Local Vault', store: refusing }]),
    );
    const failed = await vscode.commands.executeCommand<MoveOutcome>(QuickFixCommands.moveSecret, {
      ...args,
      onConflict: 'newVersion',
    });
    assert.equal(failed.status, 'failed');
    assert.match(ui.messages.at(-1)!, /mail\/dev\/db is back on its previous AWSCURRENT version/);
    assert.equal((await store.getSecretValue({ secretId: 'mail/dev/db' })).secretString, 'earlier-value');
    assert.deepEqual(
      (await store.listSecrets()).secrets.map((secret) => secret.name),
      ['mail/dev/db'],
    );
    assert.equal(document.isDirty, false);
    await store.deleteSecret({ secretId: 'mail/dev/db', forceDeleteWithoutRecovery: true });
    feature.setDestinations(new StaticDestinations([{ id: 'local', kind: 'local', label: 'Local Vault', store }]));

    const outcome = await vscode.commands.executeCommand<MoveOutcome>(QuickFixCommands.moveSecret, args);
    assert.equal(outcome.status, 'moved', JSON.stringify(ui.messages));
    assert.equal((await store.getSecretValue({ secretId: 'mail/dev/db' })).secretString, password);
    assert.equal((await store.getSecretValue({ secretId: 'mail/dev/api' })).secretString, apiKey);
    assert.match(document.getText(), /^# DB_PASSWORD comes from secret mail\/dev\/db \(/m);
    assert.match(document.getText(), /^# MAIL_API_KEY comes from secret mail\/dev\/api \(/m);
    const config = JSON.parse(readFileSync(join(workspaceDir(), '.secrets-workbench.json'), 'utf8')) as {
      env: Record<string, string>;
    };
    assert.equal(config.env.DB_PASSWORD, 'mail/dev/db');
    assert.equal(config.env.MAIL_API_KEY, 'mail/dev/api');
    assert.ok(ui.messages.every((m) => !m.includes(password) && !m.includes(apiKey)));

    // Remembered for the workspace: the next .env offers one secret per value first.
    const next = write('dotenv-split-again');
    await vscode.workspace.openTextDocument(next);
    const [again] = await waitFor('diagnostics', () => (ours(next).length === 2 ? ours(next) : undefined));
    assert.deepEqual(
      (await moveActions(next, again)).map((action) => [action.title, action.isPreferred]),
      [
        ['Move to Local Vault… (2 values, one secret each) — injected at run time from the env map', true],
        ['Move to Local Vault… (2 values as one JSON secret) — injected at run time from the env map', false],
      ],
    );
  });

  it('leaves the document unchanged and stores nothing when the server is stopped', async () => {
    const backing = new MemoryStore();
    const server = await startSecretsServer({ store: backing, port: 0 });
    const aws = await createAwsStore(
      { endpoint: server.endpoint, region: server.region },
      { env: { AWS_ACCESS_KEY_ID: server.accessKeyId, AWS_SECRET_ACCESS_KEY: server.secretAccessKey }, maxAttempts: 1 },
    );
    feature.setDestinations(
      new StaticDestinations([
        { id: 'aws', kind: 'aws', label: 'AWS Secrets Manager (test)', store: aws as SecretStore },
      ]),
    );
    await server.close();
    const uri = copyFixture('settings.py', 'atomic/settings.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    const [diagnostic] = await waitFor('diagnostics', () => (ours(uri).length === 1 ? ours(uri) : undefined));
    const [action] = await moveActions(uri, diagnostic);
    assert.equal(action.title, 'Move to AWS Secrets Manager (test)…');
    assert.equal(action.isPreferred, true);
    const outcome = await vscode.commands.executeCommand<MoveOutcome>(QuickFixCommands.moveSecret, {
      ...(action.command!.arguments![0] as MoveArgs),
      secretName: 'app/database/password',
    });
    assert.equal(outcome.status, 'failed');
    assert.equal(document.getText(), before);
    assert.equal(document.isDirty, false);
    assert.deepEqual((await backing.listSecrets()).secrets, []);
    assert.match(
      ui.messages.join('\n'),
      /Nothing was changed: storing app\/database\/password in AWS Secrets Manager \(test\) failed/,
    );
    assert.ok(!existsSync(join(workspaceDir(), 'secrets_workbench_helper.py')), 'no helper written');
  });

  it('leaves the document and the existing secret unchanged on a name conflict the user cancels', async () => {
    const store = new MemoryStore();
    await store.createSecret({ name: 'app/database/password', secretString: 'another-value' });
    feature.setDestinations(new StaticDestinations([{ id: 'local', kind: 'local', label: 'Local Vault', store }]));
    const uri = copyFixture('settings.py', 'conflict/settings.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const before = document.getText();
    const [diagnostic] = await waitFor('diagnostics', () => (ours(uri).length === 1 ? ours(uri) : undefined));
    const [action] = await moveActions(uri, diagnostic);
    const outcome = await vscode.commands.executeCommand<MoveOutcome>(QuickFixCommands.moveSecret, {
      ...(action.command!.arguments![0] as MoveArgs),
      secretName: 'app/database/password',
    });
    assert.equal(outcome.status, 'cancelled');
    assert.equal(document.getText(), before);
    const versions = await store.listSecretVersionIds({ secretId: 'app/database/password' });
    assert.equal(versions.versions.length, 1);
    assert.equal((await store.getSecretValue({ secretId: 'app/database/password' })).secretString, 'another-value');

    // Accepting "add a new version" stores it as AWSCURRENT and then fixes the file.
    const again = await vscode.commands.executeCommand<MoveOutcome>(QuickFixCommands.moveSecret, {
      ...(action.command!.arguments![0] as MoveArgs),
      secretName: 'app/database/password',
      onConflict: 'newVersion',
    });
    assert.equal(again.status, 'moved');
    assert.equal(
      (await store.getSecretValue({ secretId: 'app/database/password' })).secretString,
      '3G6vc777yb3zfg9ydkGt',
    );
    assert.match(document.getText(), /DATABASE_PASSWORD = get_secret\("app\/database\/password"\)/);
  });

  it('"Ignore this line" inserts the directive and the problem goes away', async () => {
    const uri = copyFixture('settings.py', 'ignore/settings.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const [diagnostic] = await waitFor('diagnostics', () => (ours(uri).length === 1 ? ours(uri) : undefined));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
    );
    const ignore = actions.find((action) => action.title.startsWith('Ignore this line'));
    assert.ok(ignore?.edit, 'ignore action has an edit');
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.match(document.getText(), /# secrets-workbench:ignore-next-line\nDATABASE_PASSWORD/);
    await waitFor('diagnostic removed', () => (ours(uri).length === 0 ? true : undefined));
  });

  it('"Mark as not a secret" adds the hash (never the value) to .secrets-workbench.json', async () => {
    const uri = copyFixture('settings.py', 'allow/settings.py');
    await vscode.workspace.openTextDocument(uri);
    const [diagnostic] = await waitFor('diagnostics', () => (ours(uri).length === 1 ? ours(uri) : undefined));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
    );
    const allow = actions.find((action) => action.command?.command === QuickFixCommands.markNotSecret);
    assert.ok(allow);
    await vscode.commands.executeCommand(allow.command!.command, ...(allow.command!.arguments ?? []));
    const config = readFileSync(join(workspaceDir(), '.secrets-workbench.json'), 'utf8');
    assert.match(config, /"sha256:[0-9a-f]{64}"/);
    assert.ok(!config.includes('3G6vc777yb3zfg9ydkGt'));
    await waitFor('diagnostic removed', () => (ours(uri).length === 0 ? true : undefined));
  });

  it('"Secrets: Scan Workspace" fills Problems for closed files, honouring .gitignore', async () => {
    const dir = join(workspaceDir(), 'scan');
    mkdirSync(join(dir, 'ignored'), { recursive: true });
    writeFileSync(join(dir, '.gitignore'), 'ignored/\n');
    writeFileSync(join(dir, 'found.env'), 'DB_PASSWORD=k27zF8s5pjgaDAuiza97\n'); // secrets-workbench:ignore
    writeFileSync(join(dir, 'ignored', 'hidden.env'), 'DB_PASSWORD=k27zF8s5pjgaDAuiza97\n'); // secrets-workbench:ignore
    const summary = await vscode.commands.executeCommand<{ scanned: number; findings: number; cancelled: boolean }>(
      QuickFixCommands.scanWorkspace,
    );
    assert.equal(summary.cancelled, false);
    assert.ok(summary.scanned >= 2, `scanned ${summary.scanned}`);
    assert.equal(ours(vscode.Uri.file(join(dir, 'found.env'))).length, 1);
    assert.equal(ours(vscode.Uri.file(join(dir, 'ignored', 'hidden.env'))).length, 0);
  });

  it('a workspace scan starts from nothing: results for deleted files go, and its message counts what Problems shows', async () => {
    const dir = join(workspaceDir(), 'scan-stale');
    mkdirSync(dir, { recursive: true });
    const files = [0, 1, 2, 3].map((i) => join(dir, `generated-${i}.env`));
    for (const file of files) writeFileSync(file, `DB_PASSWORD=${syntheticPassword()}\n`);
    const first = await vscode.commands.executeCommand<{ message: string }>(QuickFixCommands.scanWorkspace);
    for (const file of files) assert.equal(ours(vscode.Uri.file(file)).length, 1, file);
    assert.equal(countIn(first.message), ourProblemCount());

    for (const file of files.slice(1)) rmSync(file);
    const second = await vscode.commands.executeCommand<{ message: string }>(QuickFixCommands.scanWorkspace);
    for (const file of files.slice(1)) assert.equal(ours(vscode.Uri.file(file)).length, 0, `stale: ${file}`);
    assert.equal(ours(vscode.Uri.file(files[0])).length, 1);
    assert.equal(countIn(second.message), ourProblemCount(), second.message);
  });
});

/** A random password-shaped value (synthetic), for files the scan must flag. */
function syntheticPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return [...randomBytes(20)].map((byte) => alphabet[byte % alphabet.length]).join('') + 'k7Q';
}

/** The first number in a scan's message: its count of possible secrets. */
function countIn(message: string): number {
  const count = /(\d+) possible secret/.exec(message);
  assert.ok(count, message);
  return Number(count[1]);
}

/** Our entries in the Problems panel for files (secret documents aside). */
function ourProblemCount(): number {
  return vscode.languages
    .getDiagnostics()
    .filter(([uri]) => uri.scheme === 'file')
    .reduce((sum, [, diagnostics]) => sum + diagnostics.filter((d) => d.source === DiagnosticSource).length, 0);
}
