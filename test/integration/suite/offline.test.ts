// Issue 9 inside a real VS Code: Prepare for Offline against an AWS connection served by the local server
// over a second vault, going offline (a task running a fixture app with the generated getSecret helper reads
// the vault), the server refusing processes without the generated keys, going online (new tasks no longer
// carry the variables), pushing back with diffs, and the mode surviving a reload with fresh keys.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { withEnvEntries } from '../../../src/core/env/index';
import { generateServerCredentials } from '../../../src/core/offline/keys';
import { findWorkspaceReferences } from '../../../src/core/references/index';
import { startSecretsServer, type RunningSecretsServer } from '../../../src/core/server/index';
import type { SecretStore } from '../../../src/core/store/index';
import type { PushBackResult } from '../../../src/vscode/offline/push-back';
import type { PrepareResult } from '../../../src/vscode/offline/prepare';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { Commands } from '../../../src/vscode/constants';
import { OfflineMode, type OfflineState } from '../../../src/vscode/offline/offline-mode';
import { valueDocumentScheme } from '../../../src/vscode/offline/value-documents';
import { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';
import type { SecretsWorkbenchApi, TestingApi } from '../../../src/vscode/test-api';
import {
  fixtureSecrets,
  missingFixtureSecret,
  seedFixtureSecrets,
  syntheticValue,
} from '../../unit/offline/fixture-secrets';
import { activateExtension, fixturePath, workspaceDir } from '../support';

const offlineVariables = [
  'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  'AWS_PROFILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_REGION',
];
const app = () => fixturePath('offline', 'app', 'print-secret.cjs');

interface AppOutput {
  ok: boolean;
  value?: string;
  error?: string;
  endpoint: string | null;
  awsVariables: string[];
  mappedLength: number | null;
}

/** Runs the fixture app as a VS Code task (a shell in a terminal, so it gets the environment collection). */
async function runAppTask(secretName: string, label: string): Promise<{ exitCode: number; output: AppOutput }> {
  const out = join(workspaceDir(), `${label}.json`);
  rmSync(out, { force: true });
  const task = new vscode.Task(
    { type: 'shell', label },
    vscode.TaskScope.Workspace,
    label,
    'secrets-workbench-offline-test',
    new vscode.ShellExecution(`node "${app()}" "${secretName}" "${out}"`, {
      cwd: workspaceDir(),
      // Only so a run without offline variables fails fast instead of probing EC2 instance metadata.
      env: { AWS_EC2_METADATA_DISABLED: 'true' },
    }),
  );
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Never, echo: false };
  const ended = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`task ${label} did not end within 45 s`)), 45_000);
    const listener = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task.name !== label) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(event.exitCode ?? -1);
    });
  });
  await vscode.tasks.executeTask(task);
  const exitCode = await ended;
  assert.ok(existsSync(out), `the app wrote no output (exit code ${exitCode})`);
  return { exitCode, output: JSON.parse(readFileSync(out, 'utf8')) as AppOutput };
}

/** The app as a child of the extension host, with exactly the environment given (another process). */
function runAppProcess(secretName: string, env: NodeJS.ProcessEnv): Promise<AppOutput> {
  const out = join(workspaceDir(), `child-${Date.now()}.json`);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [app(), secretName, out], { env, timeout: 30_000 }, () => {
      if (!existsSync(out)) reject(new Error('the app wrote no output'));
      else resolve(JSON.parse(readFileSync(out, 'utf8')) as AppOutput);
    });
  });
}

function unsignedPost(endpoint: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${endpoint}/`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.ListSecrets' },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

describe('offline mode inside VS Code', function () {
  this.timeout(90_000);
  let testing: TestingApi;
  let dir: string;
  let awsVault: VaultStore;
  let awsServer: RunningSecretsServer;
  let connectionId: string;
  let local: SecretStore;
  let seeded: Map<string, string>;
  let ui: ScriptedUserInput;
  /** Every value this suite created, for the leak check at the end. */
  const values: string[] = [];
  const savedEnv: Record<string, string | undefined> = {};
  const config = () => vscode.workspace.getConfiguration('secretsWorkbench');

  before(async () => {
    const api = (await activateExtension()).exports as SecretsWorkbenchApi;
    assert.ok(api.testing, 'the testing API is available under the harness');
    testing = api.testing;
    // Should SecretStorage have no keyring here, the local vault asks for a passphrase (twice) instead.
    const passphrase = syntheticValue();
    ui = new ScriptedUserInput().textAnswer(passphrase).textAnswer(passphrase);
    testing.setUserInput(ui);
    dir = mkdtempSync(join(tmpdir(), 'sw-offline-it-'));
    await config().update('localVault.path', join(dir, 'local.swv'), vscode.ConfigurationTarget.Global);

    // "AWS": the local server over a second vault, reached through a profile in files of our own.
    awsVault = await VaultStore.create(join(dir, 'aws.swv'), { kind: 'raw', key: generateRawVaultKey() });
    const keys = generateServerCredentials();
    awsServer = await startSecretsServer({ store: awsVault, region: 'eu-west-1', credentials: keys });
    writeFileSync(join(dir, 'aws-config'), '[profile offline-it]\nregion = eu-west-1\n');
    writeFileSync(
      join(dir, 'aws-credentials'),
      `[offline-it]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
    );
    for (const name of ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE'])
      savedEnv[name] = process.env[name];
    process.env.AWS_CONFIG_FILE = join(dir, 'aws-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'aws-credentials');
    delete process.env.AWS_PROFILE;
    const connection = await testing.connections.addAws({
      profile: 'offline-it',
      region: 'eu-west-1',
      endpoint: awsServer.endpoint,
      label: 'Offline test AWS',
    });
    connectionId = connection.id;
    seeded = await seedFixtureSecrets(awsVault);
    values.push(...seeded.values());
    local = await testing.connections.getStore(testing.connections.localVault.id);
  });

  after(async () => {
    await vscode.commands.executeCommand(Commands.goOnline, { offerPush: false });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await testing.connections.remove(connectionId).catch(() => undefined);
    await config().update('localVault.path', undefined, vscode.ConfigurationTarget.Global);
    testing.setUserInput(undefined);
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await awsServer.close();
    awsVault.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Prepare for Offline pulls all 12 referenced secrets into the vault and names the missing one', async () => {
    const result = await vscode.commands.executeCommand<PrepareResult | undefined>(Commands.prepareForOffline, {
      connectionId,
      allVersions: false,
      folders: [fixturePath('offline', 'workspace')],
    });
    assert.ok(result, 'Prepare for Offline returned no result');
    assert.equal(result.referenced.length, 13);
    assert.deepEqual(result.report.notFound, [missingFixtureSecret]);
    assert.deepEqual(result.report.failed, []);
    assert.equal(result.report.results.filter((r) => r.status === 'created').length, 12);
    for (const [name, secretString] of seeded) {
      const got = await local.getSecretValue({ secretId: name });
      assert.equal(got.secretString, secretString, name);
      assert.equal(got.versionId, (await awsVault.getSecretValue({ secretId: name })).versionId, name);
    }
    assert.deepEqual([...seeded.keys()].sort(), Object.keys(fixtureSecrets).sort());
  });

  it("Prepare for Offline leaves out what VS Code's files.exclude hides", async () => {
    const folder = fixturePath('offline', 'workspace');
    const all = await findWorkspaceReferences(folder);
    const idsIn = (match: (path: string) => boolean) =>
      new Set(all.references.filter((r) => match(r.path ?? '')).map((r) => r.secretId));
    const elsewhere = idsIn((path) => !path.startsWith('worker/'));
    const workerOnly = [...idsIn((path) => path.startsWith('worker/'))].filter((id) => !elsewhere.has(id));
    assert.ok(workerOnly.length > 0, 'the fixture has secrets only worker/ references');
    const files = vscode.workspace.getConfiguration('files');
    await files.update('exclude', { '**/worker': true }, vscode.ConfigurationTarget.Global);
    try {
      const result = await vscode.commands.executeCommand<PrepareResult | undefined>(Commands.prepareForOffline, {
        connectionId,
        allVersions: false,
        folders: [folder],
      });
      assert.ok(result, 'Prepare for Offline returned no result');
      assert.deepEqual(
        result.referenced.filter((id) => workerOnly.includes(id)),
        [],
      );
      assert.equal(result.referenced.length, 13 - workerOnly.length);
    } finally {
      await files.update('exclude', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Go Offline: a task running the fixture app reads the secret from the vault, and gets the env map', async () => {
    // The project's env map, as the quick fix's env-variable fix records it: injected from the vault too.
    const configFile = join(workspaceDir(), '.secrets-workbench.json');
    const configText = existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined;
    writeFileSync(configFile, withEnvEntries(configText, { SWB_MAPPED_TOKEN: 'app/db-password' }));
    const state = await vscode.commands.executeCommand<OfflineState>(Commands.goOffline);
    assert.equal(state.mode, 'offline');
    assert.equal(testing.offline.state.mode, 'offline');
    const { exitCode, output } = await runAppTask('app/db-password', 'offline-run');
    assert.equal(exitCode, 0, JSON.stringify({ ...output, value: undefined }));
    assert.equal(output.value, seeded.get('app/db-password'));
    assert.equal(output.endpoint, state.mode === 'offline' ? state.endpoint : undefined);
    for (const name of offlineVariables) assert.ok(output.awsVariables.includes(name), `${name} is missing`);
    assert.equal(output.mappedLength, seeded.get('app/db-password')!.length);
    // A profile and static keys together make the JS SDK warn on every run: the keys are not set.
    assert.ok(!output.awsVariables.includes('AWS_ACCESS_KEY_ID'));
  });

  it('Security: with the offline server running, a process without the generated keys is refused', async () => {
    const state = testing.offline.state;
    assert.equal(state.mode, 'offline');
    if (state.mode !== 'offline') return;
    const other = generateServerCredentials();
    const refused = await runAppProcess('app/db-password', {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      AWS_ENDPOINT_URL_SECRETS_MANAGER: state.endpoint,
      AWS_REGION: state.region,
      AWS_ACCESS_KEY_ID: other.accessKeyId,
      AWS_SECRET_ACCESS_KEY: other.secretAccessKey,
    });
    assert.equal(refused.ok, false);
    assert.equal(refused.value, undefined);
    assert.equal(refused.error, 'UnrecognizedClientException');
    const unsigned = await unsignedPost(state.endpoint);
    assert.equal(unsigned.status, 403);
    assert.match(unsigned.body, /MissingAuthenticationToken/);
  });

  it('Go Online: a new task no longer carries the variables, and the server is gone', async () => {
    const before = testing.offline.state;
    assert.equal(before.mode, 'offline');
    const state = await vscode.commands.executeCommand<OfflineState>(Commands.goOnline, { offerPush: false });
    assert.equal(state.mode, 'online');
    const { exitCode, output } = await runAppTask('app/db-password', 'online-run');
    assert.notEqual(exitCode, 0);
    assert.equal(output.ok, false);
    assert.equal(output.endpoint, null);
    for (const name of offlineVariables) assert.ok(!output.awsVariables.includes(name), `${name} is still set`);
    assert.equal(output.mappedLength, null);
    if (before.mode === 'offline') await assert.rejects(unsignedPost(before.endpoint));
  });

  it('Push back: shows diffs, pushes the offline change with correct stages, never overwrites an AWS change', async () => {
    const awsBefore = Object.keys((await awsVault.describeSecret('app/db-password')).versionIdsToStages)[0];
    const changed = syntheticValue();
    values.push(changed);
    const offlineVersion = (await local.putSecretValue({ secretId: 'app/db-password', secretString: changed }))
      .versionId;
    await local.putSecretValue({ secretId: 'cache/redis-auth', secretString: syntheticValue() });
    const theirs = syntheticValue();
    await awsVault.putSecretValue({ secretId: 'cache/redis-auth', secretString: theirs });

    const result = await vscode.commands.executeCommand<PushBackResult | undefined>(Commands.pushOfflineChanges, {
      connectionId,
      decide: 'all',
    });
    assert.ok(result, 'Push Offline Changes returned no result');
    const status = new Map(result.plan.map((e) => [e.name, e.status]));
    assert.equal(status.get('app/db-password'), 'push');
    assert.equal(status.get('cache/redis-auth'), 'conflict');
    assert.equal(status.get('worker/smtp'), 'in-sync');
    assert.deepEqual(
      result.outcomes.map((o) => [o.name, o.status]),
      [['app/db-password', 'pushed']],
    );
    assert.deepEqual((await awsVault.describeSecret('app/db-password')).versionIdsToStages, {
      [offlineVersion]: ['AWSCURRENT'],
      [awsBefore]: ['AWSPREVIOUS'],
    });
    assert.equal((await awsVault.getSecretValue({ secretId: 'app/db-password' })).secretString, changed);
    assert.equal((await awsVault.getSecretValue({ secretId: 'cache/redis-auth' })).secretString, theirs);

    const diffs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff)
      .filter((tab) => (tab.input as vscode.TabInputTextDiff).original.scheme === valueDocumentScheme)
      .map((tab) => tab.label);
    assert.ok(
      diffs.some((label) => label.startsWith('app/db-password')),
      `diff tabs: ${diffs.join(' | ')}`,
    );
    assert.ok(diffs.some((label) => label.startsWith('cache/redis-auth') && /conflict/.test(label)));
    const right = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .map((tab) => tab.input)
      .find(
        (input): input is vscode.TabInputTextDiff =>
          input instanceof vscode.TabInputTextDiff && input.modified.path === '/vault/app/db-password',
      );
    assert.ok(right);
    assert.equal((await vscode.workspace.openTextDocument(right.modified)).getText().trim(), changed);
  });

  it('Push back interactively: the user skips one change and pushes the other', async () => {
    const names = ['worker/smtp', 'shared/sentry-dsn'];
    for (const secretId of names) {
      const secretString = syntheticValue();
      values.push(secretString);
      await local.putSecretValue({ secretId, secretString });
    }
    const shownBefore = ui.notifications.length;
    // The first notification is the warning about the still-conflicting cache/redis-auth.
    ui.notificationActions.push(undefined, 'Skip', 'Push');
    const result = await vscode.commands.executeCommand<PushBackResult | undefined>(Commands.pushOfflineChanges);
    assert.ok(result, 'Push Offline Changes returned no result');
    assert.equal(result.connectionId, connectionId, 'the connection used by Prepare for Offline is remembered');
    const asked = ui.notifications.slice(shownBefore).filter((n) => n.actions.includes('Push'));
    assert.equal(asked.length, 2);
    const skipped = names.find((name) => asked[0].message.includes(`"${name}"`));
    const pushed = names.find((name) => name !== skipped);
    assert.ok(skipped && pushed);
    assert.deepEqual(
      result.outcomes.map((o) => [o.name, o.status]),
      [[pushed, 'pushed']],
    );
    assert.equal(
      (await awsVault.getSecretValue({ secretId: pushed })).secretString,
      (await local.getSecretValue({ secretId: pushed })).secretString,
    );
    assert.equal((await awsVault.getSecretValue({ secretId: skipped })).secretString, seeded.get(skipped));
  });

  it('never shows a secret value in a notification or prompt', () => {
    const shown = ui.shownText();
    assert.ok(ui.notifications.length > 0);
    for (const value of values) assert.ok(!shown.includes(value), 'a secret value was shown to the user');
  });

  it('the mode survives a window reload, with fresh keys and a non-persistent variable collection', async () => {
    const memento = new Map<string, unknown>();
    const workspaceState = {
      get: <T>(key: string) => memento.get(key) as T | undefined,
      update: async (key: string, value: unknown) => void memento.set(key, value),
      keys: () => [...memento.keys()],
    };
    const collection = () => {
      const vars = new Map<string, string>();
      return {
        vars,
        persistent: true,
        description: '',
        replace: (name: string, value: string) => void vars.set(name, value),
        clear: () => vars.clear(),
      };
    };
    const deps = {
      localStore: async () => local,
      startServer: (store: SecretStore, credentials: { accessKeyId: string; secretAccessKey: string }) =>
        startSecretsServer({ store, credentials }),
    };
    const firstCollection = collection();
    const first = new OfflineMode(
      { workspaceState, environmentVariableCollection: firstCollection } as unknown as vscode.ExtensionContext,
      deps,
    );
    const firstState = await first.goOffline();
    assert.equal(firstState.mode, 'offline');
    // The keys live in the generated profile (the key variables stay empty, so SDKs do not warn).
    const keysOf = (vars: Map<string, string>) => readFileSync(vars.get('AWS_SHARED_CREDENTIALS_FILE')!, 'utf8');
    const firstKey = keysOf(firstCollection.vars);
    assert.match(firstKey, /aws_access_key_id = ASWB/);
    first.dispose(); // the window goes away
    assert.equal(firstCollection.vars.size, 0);

    const secondCollection = collection();
    const second = new OfflineMode(
      { workspaceState, environmentVariableCollection: secondCollection } as unknown as vscode.ExtensionContext,
      deps,
    );
    try {
      assert.equal(secondCollection.persistent, false);
      const restored = await second.restore();
      assert.equal(restored.mode, 'offline');
      const secondKey = keysOf(secondCollection.vars);
      assert.match(secondKey, /aws_access_key_id = ASWB/);
      assert.notEqual(secondKey, firstKey);
      if (firstState.mode === 'offline') await assert.rejects(unsignedPost(firstState.endpoint));
      await second.goOnline();
      assert.equal(secondCollection.vars.size, 0);
      const third = new OfflineMode(
        { workspaceState, environmentVariableCollection: collection() } as unknown as vscode.ExtensionContext,
        deps,
      );
      assert.equal((await third.restore()).mode, 'online');
      third.dispose();
    } finally {
      second.dispose();
    }
  });

  it('Go Online offers a push only after vault changes made offline', async () => {
    const asked = () => ui.notifications.filter((n) => /Push vault changes/.test(n.message)).length;
    const before = asked();
    await vscode.commands.executeCommand(Commands.goOffline);
    await vscode.commands.executeCommand(Commands.goOnline);
    assert.equal(asked(), before, 'no changes: no prompt');
    await vscode.commands.executeCommand(Commands.goOffline);
    await local.putSecretValue({ secretId: 'app/db-password', secretString: syntheticValue() });
    await vscode.commands.executeCommand(Commands.goOnline);
    assert.equal(asked(), before + 1, 'a change: the prompt');
  });

  // Last in the suite: it removes every AWS connection (other suites' too), then restores the setting.
  it('Go Online offers no push when there is no AWS connection, even after vault changes made offline', async () => {
    const asked = () => ui.notifications.filter((n) => /Push vault changes/.test(n.message)).length;
    const saved = config().inspect('connections')?.globalValue;
    try {
      for (const connection of testing.connections.list()) {
        if (connection.kind === 'aws') await testing.connections.remove(connection.id);
      }
      assert.deepEqual(
        testing.connections.list().filter((connection) => connection.kind === 'aws'),
        [],
      );
      const before = asked();
      await vscode.commands.executeCommand(Commands.goOffline);
      await local.putSecretValue({ secretId: 'app/db-password', secretString: syntheticValue() });
      await vscode.commands.executeCommand(Commands.goOnline);
      assert.equal(asked(), before, 'nowhere to push: no prompt');
    } finally {
      await config().update('connections', saved, vscode.ConfigurationTarget.Global);
    }
  });
});
