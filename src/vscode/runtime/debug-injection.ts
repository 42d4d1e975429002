// Debug sessions: any launch configuration may carry `"secretsWorkbench.env": { "DB_PASSWORD": "prod/db#password" }`.
// The resolver reads the values at launch, but does not write them into the configuration: VS Code keeps the
// resolved configuration (session.configuration, the debug views, a restart), so it holds only a random
// ticket. A tracker puts the values into the `launch` (or `restart`) request's `env` on its way to the
// adapter, the one message that needs them, and forgets them.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { injectionRequestOf, mergedEnv, terminalConsoleProblem, withoutInjectionKeys } from '../../core/env/index';
import type { RuntimeConnectionDeps } from './connection-choice';
import { resolveInjection } from './resolve-injection';

/** The configuration key holding the ticket (no value, no secret name). */
export const TICKET_KEY = 'secretsWorkbench.injectionTicket';
/** Values wait this long for their launch request, then are dropped. */
const TICKET_LIFETIME_MS = 120_000;

interface Pending {
  values: Record<string, string>;
  timer: NodeJS.Timeout;
}

export interface DebugInjectionDeps extends RuntimeConnectionDeps {
  /** Value-free lines for the output channel. */
  logInfo(message: string): void;
}

export function registerDebugInjection(deps: DebugInjectionDeps): vscode.Disposable {
  const pending = new Map<string, Pending>();
  const take = (ticket: unknown): Record<string, string> | undefined => {
    if (typeof ticket !== 'string') return undefined;
    const entry = pending.get(ticket);
    pending.delete(ticket);
    if (entry) clearTimeout(entry.timer);
    return entry?.values;
  };
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
      const ticket = randomUUID();
      const timer = setTimeout(() => pending.delete(ticket), TICKET_LIFETIME_MS);
      timer.unref?.();
      pending.set(ticket, { values: injection.values, timer });
      deps.logInfo(
        `Debug session "${config.name}": injecting ${Object.keys(injection.values).sort().join(', ')} ` +
          `from ${injection.connectionLabel}.`,
      );
      const resolved = withoutInjectionKeys(config) as vscode.DebugConfiguration;
      resolved[TICKET_KEY] = ticket;
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
          const values = take(args[TICKET_KEY]);
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
        onWillStopSession() {
          take(session.configuration[TICKET_KEY]);
        },
      };
    },
  };

  return vscode.Disposable.from(
    vscode.debug.registerDebugConfigurationProvider('*', provider),
    vscode.debug.registerDebugAdapterTrackerFactory('*', trackers),
    { dispose: () => [...pending.keys()].forEach(take) },
  );
}

interface DapMessage {
  type?: string;
  command?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  arguments?: any;
}
