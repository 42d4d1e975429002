// Debug sessions: any launch configuration may carry `"secretsWorkbench.env": { "DB_PASSWORD": "prod/db#password" }`.
// The resolver reads the values at launch, but does not write them into the configuration: VS Code keeps the
// resolved configuration (session.configuration, the debug views, restarts), so it holds only a random ticket.
// A tracker puts the values into the `launch` (or `restart`) request's `env` on its way to the adapter, the only
// messages that need them. A restart sends the same configuration again, so a ticket lasts as long as its
// session; one never launched is dropped after two minutes.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { injectionRequestOf, mergedEnv, terminalConsoleProblem, withoutInjectionKeys } from '../../core/env/index';
import type { RuntimeConnectionDeps } from './connection-choice';
import { resolveInjection } from './resolve-injection';

/** The configuration key holding the ticket (no value, no secret name). */
export const TICKET_KEY = 'secretsWorkbench.injectionTicket';
const UNLAUNCHED_LIFETIME_MS = 120_000;

export interface DebugInjectionDeps extends RuntimeConnectionDeps {
  /** Value-free lines for the output channel. */
  logInfo(message: string): void;
}

/** Values by ticket: dropped when the session ends, or unlaunched after a while. */
class Tickets implements vscode.Disposable {
  private readonly entries = new Map<string, { values: Record<string, string>; timer?: NodeJS.Timeout }>();

  issue(values: Record<string, string>): string {
    const ticket = randomUUID();
    const timer = setTimeout(() => this.drop(ticket), UNLAUNCHED_LIFETIME_MS);
    timer.unref?.();
    this.entries.set(ticket, { values, timer });
    return ticket;
  }

  /** The values for a launch: from now on they last until the session ends. */
  launch(ticket: unknown): Record<string, string> | undefined {
    const entry = typeof ticket === 'string' ? this.entries.get(ticket) : undefined;
    if (entry?.timer) clearTimeout(entry.timer);
    if (entry) entry.timer = undefined;
    return entry?.values;
  }

  drop(ticket: unknown): void {
    if (typeof ticket !== 'string') return;
    const entry = this.entries.get(ticket);
    if (entry?.timer) clearTimeout(entry.timer);
    this.entries.delete(ticket);
  }

  dispose(): void {
    for (const ticket of [...this.entries.keys()]) this.drop(ticket);
  }
}

export function registerDebugInjection(deps: DebugInjectionDeps): vscode.Disposable {
  const tickets = new Tickets();
  const fail = (name: string, problems: string[]) => {
    void deps.ui().notify('error', `"${name}" was not started: ${problems.join('; ')}`);
    return undefined;
  };

  const provider: vscode.DebugConfigurationProvider = {
    async resolveDebugConfigurationWithSubstitutedVariables(folder, config) {
      if (!injectionRequestOf(config)) return config;
      // Checked before any value is read.
      const consoleProblem = terminalConsoleProblem(config);
      if (consoleProblem) return fail(config.name, [consoleProblem]);
      const injection = await resolveInjection(deps, config, folder?.uri);
      if (injection.kind === 'none') return config;
      if (injection.kind === 'failed') return fail(config.name, injection.problems);
      deps.logInfo(
        `Debug session "${config.name}": injecting ${Object.keys(injection.values).sort().join(', ')} ` +
          `from ${injection.connectionLabel}.`,
      );
      const resolved = withoutInjectionKeys(config) as vscode.DebugConfiguration;
      resolved[TICKET_KEY] = tickets.issue(injection.values);
      // Adapters whose default console is a terminal (debugpy) would print the environment there.
      resolved.console ??= 'internalConsole';
      return resolved;
    },
  };

  const trackers: vscode.DebugAdapterTrackerFactory = {
    createDebugAdapterTracker(session) {
      if (typeof session.configuration[TICKET_KEY] !== 'string') return undefined;
      let injected: string[] = [];
      return {
        onWillReceiveMessage(message: DapMessage) {
          if (message.type !== 'request') return;
          const args =
            message.command === 'launch'
              ? message.arguments
              : message.command === 'restart'
                ? message.arguments?.arguments
                : undefined;
          if (!args) return;
          const values = tickets.launch(args[TICKET_KEY]);
          delete args[TICKET_KEY];
          if (!values) return;
          args.env = mergedEnv(args.env, values);
          injected = Object.keys(values);
        },
        // An adapter asking VS Code to run the program in a terminal would have the variables printed on its
        // command line: they are taken out (the program then misses them) and the user is told why.
        onDidSendMessage(message: DapMessage) {
          if (message.type !== 'request' || message.command !== 'runInTerminal') return;
          const env = message.arguments?.env as Record<string, unknown> | undefined;
          const removed = injected.filter((name) => env && name in env);
          for (const name of removed) delete env![name];
          if (removed.length)
            void deps
              .ui()
              .notify(
                'warning',
                `"${session.name}" runs in a terminal, which would show ${removed.join(', ')} on its command line: ` +
                  'they were left out. Use "console": "internalConsole".',
              );
        },
      };
    },
  };

  return vscode.Disposable.from(
    vscode.debug.registerDebugConfigurationProvider('*', provider),
    vscode.debug.registerDebugAdapterTrackerFactory('*', trackers),
    vscode.debug.onDidTerminateDebugSession((session) => tickets.drop(session.configuration[TICKET_KEY])),
    tickets,
  );
}

interface DapMessage {
  type?: string;
  command?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  arguments?: any;
}
