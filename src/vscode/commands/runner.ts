// Registers a command so that every failure is logged (without values) and shown as one notification that
// names the operation and the secret, says what to do, and offers the log.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { OperationFailure, UserCancelled } from '../../core/usecases/ports';
import { failureMessage } from '../errors';
import type { Services } from '../services';

export { attempt, required } from '../../core/usecases/ports';

export type CommandHandler = (...args: unknown[]) => Promise<unknown> | Thenable<unknown>;

export function registerCommand(services: Services, id: string, handler: CommandHandler): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof UserCancelled) return undefined;
      const failure = error instanceof OperationFailure ? error : new OperationFailure(commandTitle(id), error);
      services.log.error(failure.operation, failure.cause);
      const action = await services.ui().notify('error', failureMessage(failure.operation, failure.cause), 'Show Log');
      if (action === 'Show Log') await vscode.commands.executeCommand(Commands.showLog);
      return undefined;
    }
  });
}

function commandTitle(id: string): string {
  const name = id.split('.').pop() ?? id;
  return name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}
