// One policy for debug sessions and tasks: validate the request, choose the connection, resolve every
// variable through core/env (the same resolver as `secrets-workbench run` and offline mode). Failures are
// value-free: they name variables and secret references only.
import type * as vscode from 'vscode';
import { injectionRequestOf, resolveEnvEntries } from '../../core/env/index';
import { runtimeConnection, type RuntimeConnectionDeps } from './connection-choice';

export type Injection =
  | { kind: 'none' }
  | { kind: 'failed'; problems: string[] }
  | { kind: 'resolved'; values: Record<string, string>; connectionLabel: string };

export async function resolveInjection(
  deps: RuntimeConnectionDeps,
  config: Record<string, unknown>,
  folder: vscode.Uri | undefined,
): Promise<Injection> {
  const parsed = injectionRequestOf(config);
  if (!parsed) return { kind: 'none' };
  if ('problems' in parsed) return { kind: 'failed', problems: parsed.problems };
  let connectionId: string;
  try {
    connectionId = runtimeConnection(deps, parsed.request.connection, folder);
  } catch (error) {
    return { kind: 'failed', problems: [messageOf(error)] };
  }
  const connection = deps.connections.get(connectionId);
  try {
    const store = await deps.connections.getStore(connectionId);
    const { values, problems } = await resolveEnvEntries(store, parsed.request.map);
    if (problems.length) return { kind: 'failed', problems: problems.map((p) => `${p} (from ${connection.label})`) };
    return { kind: 'resolved', values, connectionLabel: connection.label };
  } catch (error) {
    return { kind: 'failed', problems: [`${connection.label}: ${messageOf(error)}`] };
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
