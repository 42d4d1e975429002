// Issue 24 in the real VS Code: a Node program debugged through js-debug (shipped with VS Code) and a
// `secretsWorkbench` task get a secret injected into their environment; neither the debug console output,
// the session's configuration, the notifications, the log nor any file under the run's folders (workspace,
// user data, home, tmp) ever holds the value. Database secrets: Copy Connection URI and Open Terminal
// Connected (the password in the terminal's environment, not its arguments).
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { DATABASE_TAG } from '../../../src/core/database/index';
import type { SecretStore } from '../../../src/core/store/types';
import { Commands } from '../../../src/vscode/constants';
import type { ExplorerNode } from '../../../src/vscode/tree/nodes';
import { extensionApi, MemoryClipboard, scriptedInput, waitFor } from './explorer-helpers';
import { workspaceDir } from '../support';

const tag = randomBytes(4).toString('hex');
const secretName = `runtime-it/db-${tag}`;
// synthetic, random each run; shaped like an RDS credential
const password = `pw-${randomBytes(18).toString('base64url')}%@:/`;
const credential = {
  engine: 'postgres',
  host: 'db.runtime-it.internal',
  port: 5432,
  username: 'app_user',
  password,
  dbname: 'shop',
};

const program = `const value = process.env.DB_PASSWORD ?? '';
console.log('DB_PASSWORD length=' + value.length);
const arg = process.argv[2];
if (arg === '--stay') setInterval(() => {}, 1000);
else if (arg) require('node:fs').writeFileSync(arg, String(value.length));
`;

/** Every regular file under `dir` (symbolic links not followed: the extensions dir links to the repo). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return [];
    if (stat.isDirectory()) return filesUnder(path);
    return stat.isFile() && stat.size < 20_000_000 ? [path] : [];
  });
}

async function secretNode(
  tree: { getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> },
  name: string,
  node?: ExplorerNode,
): Promise<ExplorerNode | undefined> {
  for (const child of await tree.getChildren(node)) {
    if (child.kind === 'secret' && child.secret.name === name) return child;
    if ((child.kind === 'connection' && child.connection.kind === 'local') || child.kind === 'folder') {
      const found = await secretNode(tree, name, child);
      if (found) return found;
    }
  }
  return undefined;
}

describe('run-time injection and database secrets (issue 24)', function () {
  this.timeout(90_000);
  let store: SecretStore;
  const programPath = () => join(workspaceDir(), 'print-length.cjs');

  before(async () => {
    const { testing } = await extensionApi();
    store = await testing.connections.getStore(testing.connections.localVault.id);
    await store.createSecret({
      name: secretName,
      secretString: JSON.stringify(credential),
      tags: [{ key: DATABASE_TAG, value: 'postgres' }],
    });
    writeFileSync(programPath(), program);
  });

  after(async () => {
    const { testing } = await extensionApi();
    testing.setUserInput(undefined);
    testing.setClipboard(undefined);
    await store.deleteSecret({ secretId: secretName, forceDeleteWithoutRecovery: true }).catch(() => undefined);
  });

  it('a debug session of a Node program gets the value in its environment and shows only its length', async () => {
    const { testing } = await extensionApi();
    const ui = scriptedInput(testing);
    const output: string[] = [];
    const configurations: string[] = [];
    const requests: string[] = [];
    const name = `runtime-it debug ${tag}`;
    const recorder = vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker: () => ({
        onDidSendMessage: (message: { type?: string; event?: string; body?: { output?: string } }) => {
          if (message.type === 'event' && message.event === 'output') output.push(message.body?.output ?? '');
        },
        onWillReceiveMessage: (message: { command?: string; arguments?: unknown }) => {
          if (message.command === 'launch') requests.push(JSON.stringify(message.arguments));
        },
      }),
    });
    const started = vscode.debug.onDidStartDebugSession((session) =>
      configurations.push(JSON.stringify(session.configuration)),
    );
    const ended = new Promise<void>((resolve) => {
      const listener = vscode.debug.onDidTerminateDebugSession((session) => {
        if (session.name !== name) return;
        listener.dispose();
        resolve();
      });
    });
    try {
      const ok = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
        type: 'node',
        request: 'launch',
        name,
        program: programPath(),
        runtimeExecutable: process.execPath,
        'secretsWorkbench.env': { DB_PASSWORD: `${secretName}#password` },
        'secretsWorkbench.connection': 'local',
      });
      assert.ok(ok, `the debug session did not start: ${ui.shownText()}`);
      await Promise.race([
        ended,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the session did not end in 45 s')), 45_000)),
      ]);
    } finally {
      recorder.dispose();
      started.dispose();
    }
    const console = output.join('');
    assert.match(console, new RegExp(`DB_PASSWORD length=${password.length}\\b`), console);
    assert.ok(!console.includes(password), 'the value appeared in the debug console output');
    assert.ok(configurations.length >= 1, 'onDidStartDebugSession saw the session');
    for (const configuration of configurations) {
      assert.ok(!configuration.includes(password), 'the value appeared in session.configuration');
      assert.ok(!configuration.includes('secretsWorkbench.env'), 'the reference map was passed on');
    }
    // What the adapter received (our tracker runs first): the value, in env only.
    assert.ok(
      requests.some((r) => r.includes(password)),
      'the launch request carried the value',
    );
    assert.ok(testing.logLines().some((line) => line.includes(`injecting DB_PASSWORD`)));
    assert.ok(!ui.shownText().includes(password));
  });

  it('a restarted debug session gets the values again (VS Code resends the same configuration)', async () => {
    const { testing } = await extensionApi();
    const ui = scriptedInput(testing);
    const output: string[] = [];
    const name = `runtime-it restart ${tag}`;
    const recorder = vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker: () => ({
        onDidSendMessage: (message: { type?: string; event?: string; body?: { output?: string } }) => {
          if (message.type === 'event' && message.event === 'output') output.push(message.body?.output ?? '');
        },
      }),
    });
    const printed = () => output.join('').split(`DB_PASSWORD length=${password.length}`).length - 1;
    try {
      const ok = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
        type: 'node',
        request: 'launch',
        name,
        program: programPath(),
        args: ['--stay'],
        runtimeExecutable: process.execPath,
        'secretsWorkbench.env': { DB_PASSWORD: `${secretName}#password` },
        'secretsWorkbench.connection': 'local',
      });
      assert.ok(ok, ui.shownText());
      await waitFor(
        'the first run to print the length',
        () => printed() === 1,
        30_000,
        () => output.join(''),
      );
      const session = vscode.debug.activeDebugSession;
      assert.ok(session, 'a debug session is active');
      await vscode.commands.executeCommand('workbench.action.debug.restart');
      await waitFor(
        'the restarted run to print the length',
        () => printed() === 2,
        30_000,
        () => output.join(''),
      );
      assert.ok(!output.join('').includes('DB_PASSWORD length=0'), 'a run missed the variable');
    } finally {
      recorder.dispose();
      await vscode.debug.stopDebugging();
    }
    assert.ok(!output.join('').includes(password));
  });

  it('refuses a missing secret or a terminal console, naming the variable and reference, not starting', async () => {
    const { testing } = await extensionApi();
    const ui = scriptedInput(testing);
    const base = { type: 'node', request: 'launch', program: programPath(), runtimeExecutable: process.execPath };
    const missing = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      ...base,
      name: 'runtime-it missing',
      'secretsWorkbench.env': { DB_PASSWORD: `${secretName}#password`, API_KEY: `runtime-it/absent-${tag}` },
      'secretsWorkbench.connection': 'local',
    });
    assert.equal(missing, false);
    const terminal = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      ...base,
      name: 'runtime-it terminal',
      console: 'integratedTerminal',
      'secretsWorkbench.env': { DB_PASSWORD: `${secretName}#password` },
      'secretsWorkbench.connection': 'local',
    });
    assert.equal(terminal, false);
    const [first, second] = ui.notifications;
    assert.equal(first?.severity, 'error');
    assert.match(first.message, /"runtime-it missing" was not started: API_KEY → runtime-it\/absent-\w+: /);
    assert.doesNotMatch(first.message, /DB_PASSWORD/);
    assert.match(second?.message ?? '', /"runtime-it terminal" was not started: "console": "integratedTerminal"/);
    assert.ok(!ui.shownText().includes(password));
  });

  /** Writes one `secretsWorkbench` task into the folder's tasks.json, runs it from there, waits for its end. */
  async function runTask(label: string, env: Record<string, string>, out: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders![0];
    const tasks = vscode.workspace.getConfiguration('tasks', folder.uri);
    await tasks.update('version', '2.0.0', vscode.ConfigurationTarget.WorkspaceFolder);
    const definition = { label, type: 'secretsWorkbench', command: process.execPath, args: [programPath(), out] };
    await tasks.update(
      'tasks',
      [{ ...definition, env, connection: 'local' }],
      vscode.ConfigurationTarget.WorkspaceFolder,
    );
    try {
      const task = await waitFor(
        'the task from tasks.json',
        async () => (await vscode.tasks.fetchTasks({ type: 'secretsWorkbench' })).find((t) => t.name === label),
        10_000,
      );
      const ended = new Promise<void>((resolve) => {
        const listener = vscode.tasks.onDidEndTask((event) => {
          if (event.execution.task.name !== label) return;
          listener.dispose();
          resolve();
        });
      });
      await vscode.tasks.executeTask(task);
      await ended;
    } finally {
      await tasks.update('tasks', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  }

  it('a secretsWorkbench task runs the program with the value in its environment', async () => {
    const { testing } = await extensionApi();
    scriptedInput(testing);
    const out = join(workspaceDir(), `task-length-${tag}.txt`);
    try {
      await runTask(`runtime-it task ${tag}`, { DB_PASSWORD: `${secretName}#password` }, out);
      assert.equal(readFileSync(out, 'utf8'), String(password.length));
    } finally {
      rmSync(out, { force: true });
    }
  });

  it('a secretsWorkbench task with a missing secret starts nothing', async () => {
    const { testing } = await extensionApi();
    scriptedInput(testing);
    const out = join(workspaceDir(), `task-missing-${tag}.txt`);
    await runTask(
      `runtime-it task missing ${tag}`,
      { DB_PASSWORD: `${secretName}#password`, API_KEY: `runtime-it/absent-${tag}` },
      out,
    );
    assert.equal(existsSync(out), false, 'the program ran although a variable could not be resolved');
  });

  it('a database secret: the tree flags it, Copy Connection URI and Open Terminal Connected', async () => {
    const { testing } = await extensionApi();
    const ui = scriptedInput(testing);
    const clipboard = new MemoryClipboard();
    testing.setClipboard(clipboard);
    await vscode.commands.executeCommand(Commands.refresh);
    const node = await waitFor('the database secret in the tree', () => secretNode(testing.tree, secretName), 10_000);
    assert.match(testing.tree.getTreeItem(node).contextValue ?? '', /^secretsWorkbench:secret\b.*\+database\b/);

    await vscode.commands.executeCommand(Commands.copyConnectionUri, node);
    const uri = new URL(clipboard.text);
    assert.equal(uri.protocol, 'postgresql:');
    assert.equal(decodeURIComponent(uri.password), password);
    assert.equal(`${uri.hostname}:${uri.port}${uri.pathname}`, 'db.runtime-it.internal:5432/shop');
    assert.match(ui.notifications.at(-1)?.message ?? '', /Copied the postgres connection URI .* cleared in 1 s/);

    const terminalName = await vscode.commands.executeCommand<string>(Commands.openDatabaseTerminal, node);
    const terminal = vscode.window.terminals.find((t) => t.name === terminalName);
    assert.ok(terminal, `a terminal named ${terminalName}`);
    try {
      const options = terminal.creationOptions as vscode.TerminalOptions;
      assert.equal(options.shellPath, 'psql');
      assert.deepEqual(options.shellArgs, [
        '--host',
        'db.runtime-it.internal',
        '--port',
        '5432',
        '--username',
        'app_user',
        '--dbname',
        'shop',
      ]);
      assert.equal(options.env?.PGPASSWORD, password);
      assert.ok(!JSON.stringify(options.shellArgs).includes(password) && !terminal.name.includes(password));
    } finally {
      terminal.dispose();
    }
    assert.ok(!ui.shownText().includes(password));
    assert.ok(!testing.logLines().join('\n').includes(password));
  });

  it('no file of the run holds the value (workspace, user data, home, tmp)', async () => {
    const { testing } = await extensionApi();
    // The runner puts every folder of the run in one temp root: <root>/<workspace>, <root>/user-data, …
    const root = dirname(workspaceDir());
    assert.ok(existsSync(join(root, 'user-data')) && testing.logDir.startsWith(root), `run root ${basename(root)}`);
    const files = filesUnder(root);
    assert.ok(files.length > 10, `read ${files.length} files`);
    assert.ok(files.some((f) => f.endsWith('tasks.json')));
    for (const file of files)
      assert.ok(!readFileSync(file).includes(password), `the value appeared in ${file.slice(root.length)}`);
  });
});
