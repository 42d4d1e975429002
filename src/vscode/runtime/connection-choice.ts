// Which connection run-time injection reads from: the one the configuration names; else the local vault while
// offline; else the only connection; else the one picked before in this workspace; else ask (and remember).
import type * as vscode from 'vscode';
import type { ConnectionManager } from '../connections/connection-manager';
import type { UserInput } from '../user-input';

const rememberedKey = 'secretsWorkbench.runtime.connection';

export interface RuntimeConnectionDeps {
  connections: ConnectionManager;
  workspaceState: vscode.Memento;
  ui(): UserInput;
  offline(): boolean;
}

/** A connection id, or undefined when the user dismissed the question. Throws for an unknown named one. */
export async function runtimeConnection(deps: RuntimeConnectionDeps, named?: string): Promise<string | undefined> {
  const { connections } = deps;
  if (named) return connections.get(named).id;
  if (deps.offline()) return connections.localVault.id;
  const list = connections.list();
  if (list.length === 1) return list[0].id;
  const remembered = deps.workspaceState.get<string>(rememberedKey);
  if (remembered && list.some((c) => c.id === remembered)) return remembered;
  const picked = await deps.ui().pick(
    list.map((c) => ({ label: c.label, description: c.id, value: c.id })),
    { title: 'Inject secrets from which connection? (remembered for this workspace)', placeholder: 'Connection' },
  );
  if (picked) await deps.workspaceState.update(rememberedKey, picked);
  return picked;
}
