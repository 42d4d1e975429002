// Which AWS connection offline mode syncs with: asked once, remembered per workspace.
import * as vscode from 'vscode';
import type { OfflineDeps } from './types';

const connectionKey = 'secretsWorkbench.offline.connection';

export function rememberedConnection(context: vscode.ExtensionContext): string | undefined {
  return context.workspaceState.get<string>(connectionKey);
}

export async function rememberConnection(context: vscode.ExtensionContext, connectionId: string): Promise<void> {
  await context.workspaceState.update(connectionKey, connectionId);
}

export async function pickAwsConnection(
  deps: OfflineDeps,
  context: vscode.ExtensionContext,
  title: string,
): Promise<string | undefined> {
  const connections = deps.awsConnections();
  if (connections.length === 0) {
    void deps.ui().notify('warning', 'Add an AWS connection first (Secrets: Add AWS Connection…).');
    return undefined;
  }
  const remembered = rememberedConnection(context);
  const items = connections
    .map((c) => ({ label: c.label, description: c.description, value: c.id, picked: c.id === remembered }))
    .sort((a, b) => Number(b.picked) - Number(a.picked));
  return deps.ui().pick(items, { title, placeholder: 'AWS connection' });
}
