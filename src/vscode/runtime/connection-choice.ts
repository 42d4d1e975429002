// Which connection run-time injection reads from: the one the configuration names (`secretsWorkbench.connection`,
// an id or label), else the one that validates the folder's secret references (offline: the local vault; else
// `secretsWorkbench.references.connection`, the offline sync connection, the only AWS connection, the vault).
// One policy: the code's references are checked against the store its processes get their values from.
import type * as vscode from 'vscode';
import { validatingConnection, type ValidatingConnection } from '../../core/references/validating-connection';
import type { ConnectionManager } from '../connections/connection-manager';
import type { UserInput } from '../../core/usecases/ports';

export interface RuntimeConnectionDeps {
  connections: Pick<ConnectionManager, 'list' | 'get' | 'getStore'>;
  /** The connection that validates references in the folder (SecretLookup.connectionFor). */
  referenceConnection(folder: vscode.Uri | undefined): ValidatingConnection;
  ui(): UserInput;
}

/** A connection id. Throws, naming the setting, when the named or configured connection does not exist. */
export function runtimeConnection(deps: RuntimeConnectionDeps, named: string | undefined, folder?: vscode.Uri): string {
  const choice = named
    ? validatingConnection({ connections: deps.connections.list(), setting: named, offline: false })
    : deps.referenceConnection(folder);
  if (choice.problem)
    throw new Error(named ? `"secretsWorkbench.connection" names no connection ("${named}")` : choice.problem);
  return choice.connectionId;
}
