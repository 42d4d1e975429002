// Registers a command so that every failure is logged (without values) and shown as one notification that
// names the operation and the secret, says what to do, and offers the log.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { failureMessage, UserCancelled } from '../errors';
import type { Services } from '../services';

export type CommandHandler = (...args: unknown[]) => Promise<unknown> | Thenable<unknown>;

export class CommandFailure extends Error {
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(failureMessage(operation, cause));
  }
}

/** Runs `fn`, rethrowing its failure as "<operation> failed: … <remedy>". */
export async function attempt<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof UserCancelled || error instanceof CommandFailure) throw error;
    throw new CommandFailure(operation, error);
  }
}

export function registerCommand(services: Services, id: string, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof UserCancelled) return undefined;
      const failure = error instanceof CommandFailure ? error : new CommandFailure(commandTitle(id), error);
      services.log.error(failure.operation, failure.cause);
      const action = await services.ui().notify('error', failure.message, 'Show Log');
      if (action === 'Show Log') await vscode.commands.executeCommand(Commands.showLog);
      return undefined;
    }
  });
}

function commandTitle(id: string): string {
  const name = id.split('.').pop() ?? id;
  return name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

/** For answers the user dismissed: ends the command quietly. */
export function required<T>(value: T | undefined): T {
  if (value === undefined) throw new UserCancelled();
  return value;
}
