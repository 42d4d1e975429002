// Tasks of type `secretsWorkbench`: `{ "type": "secretsWorkbench", "command": "node", "args": ["app.js"],
// "env": { "DB_PASSWORD": "prod/db#password" } }` runs the command with the variables resolved when the task
// starts. A CustomExecution, not a ProcessExecution: a ProcessExecution's env is fixed when VS Code resolves
// the task and then lives in VS Code's task objects; here the values exist only in this process, for the
// moment of the spawn, and in the child's environment. The terminal shows the program's output only.
import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { toVscodeEvent } from '../events';
import { INJECT_CONNECTION_KEY, INJECT_ENV_KEY } from '../../core/env/index';
import type { RuntimeConnectionDeps } from './connection-choice';
import { resolveInjection } from './resolve-injection';

export const SECRET_TASK_TYPE = 'secretsWorkbench';

export interface SecretTaskDefinition extends vscode.TaskDefinition {
  command: string;
  args?: string[];
  /** Variable → secret reference (`name` or `name#key`), as in `.secrets-workbench.json`. */
  env: Record<string, string>;
  connection?: string;
  cwd?: string;
}

export function registerSecretTasks(deps: RuntimeConnectionDeps): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(SECRET_TASK_TYPE, {
    provideTasks: () => [],
    resolveTask(task) {
      const definition = task.definition as SecretTaskDefinition;
      const folder = task.scope && typeof task.scope === 'object' ? task.scope.uri : undefined;
      return new vscode.Task(
        definition,
        task.scope ?? vscode.TaskScope.Workspace,
        task.name,
        SECRET_TASK_TYPE,
        new vscode.CustomExecution(async () => new InjectedProcessTerminal(deps, definition, folder)),
      );
    },
  });
}

/** Runs the command as a child process (no shell: nothing is interpolated), its output shown as is. */
class InjectedProcessTerminal implements vscode.Pseudoterminal {
  private readonly written = new Emitter<string>();
  private readonly closed = new Emitter<number>();
  readonly onDidWrite = toVscodeEvent(this.written.event);
  readonly onDidClose = toVscodeEvent(this.closed.event);
  private child?: ChildProcess;

  constructor(
    private readonly deps: RuntimeConnectionDeps,
    private readonly definition: SecretTaskDefinition,
    private readonly folder: vscode.Uri | undefined,
  ) {}

  open(): void {
    void this.start().catch((error) => this.end(1, `${error instanceof Error ? error.message : String(error)}`));
  }

  handleInput(data: string): void {
    if (data === '\x03') this.child?.kill('SIGINT');
    else this.child?.stdin?.write(data === '\r' ? '\n' : data);
  }

  close(): void {
    this.child?.kill();
  }

  private async start(): Promise<void> {
    const { command, args = [], env, connection, cwd } = this.definition;
    if (typeof command !== 'string' || !command) return this.end(1, 'the task has no "command"');
    if (!Array.isArray(args) || args.some((arg) => typeof arg !== 'string'))
      return this.end(1, '"args" must be a list of strings');
    const injection = await resolveInjection(
      this.deps,
      { [INJECT_ENV_KEY]: env, [INJECT_CONNECTION_KEY]: connection },
      this.folder,
    );
    if (injection.kind !== 'resolved')
      return this.end(
        1,
        `nothing was started:\r\n${injection.kind === 'failed' ? injection.problems.join('\r\n') : '"env" is missing'}`,
      );
    const child = spawn(command, args, {
      cwd: cwd ?? this.folder?.fsPath,
      env: { ...hostEnvironment(), ...injection.values },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    const show = (chunk: Buffer) => this.written.fire(chunk.toString().replace(/\r?\n/g, '\r\n'));
    child.stdout?.on('data', show);
    child.stderr?.on('data', show);
    child.once('error', (error: NodeJS.ErrnoException) =>
      this.end(error.code === 'ENOENT' ? 127 : 126, `cannot start ${JSON.stringify(command)}: ${error.code}`),
    );
    child.once('close', (code, signal) => this.closed.fire(code ?? (signal ? 128 : 1)));
  }

  private end(code: number, message: string): void {
    this.written.fire(`Secrets Workbench: ${message}\r\n`);
    this.closed.fire(code);
  }
}

/** The extension host's environment without what only VS Code's own processes should see. */
function hostEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (name === 'ELECTRON_RUN_AS_NODE' || name.startsWith('VSCODE_')) delete env[name];
  return env;
}
