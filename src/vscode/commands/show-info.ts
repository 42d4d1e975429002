// Secrets: Show Info — what a new user needs to know in one message: the version, the connections, where the
// local vault is and whether it is open, offline mode, and how many possible secrets Problems lists.
import type { ConnectionManager } from '../connections/connection-manager';
import type { UserInput } from '../../core/usecases/ports';

export interface InfoSources {
  version: string;
  connections: ConnectionManager;
  vaultPath(): string;
  vaultExists(): boolean;
  offline(): { mode: string; endpoint?: string };
  findings(): { findings: number; files: number };
}

export function infoMessage(sources: InfoSources): string {
  const { connections } = sources;
  const vault = !sources.vaultExists()
    ? 'not created yet (created on first use)'
    : connections.isOpen(connections.localVault.id)
      ? 'open'
      : 'locked until first use';
  const offline = sources.offline();
  const found = sources.findings();
  return [
    `Secrets Workbench ${sources.version}.`,
    `Connections: ${connections
      .list()
      .map((c) => c.label)
      .join(', ')}.`,
    `Local vault: ${sources.vaultPath()} (${vault}).`,
    `Offline mode: ${offline.mode === 'offline' ? `on, serving ${offline.endpoint}` : offline.mode === 'online' ? 'off' : 'on, not serving'}.`,
    `Findings: ${found.findings} possible secret${found.findings === 1 ? '' : 's'} in ${found.files} file${found.files === 1 ? '' : 's'} (Problems).`,
  ].join(' ');
}

export async function showInfo(sources: InfoSources, ui: UserInput): Promise<string> {
  void ui.notify('info', infoMessage(sources));
  return sources.version;
}
