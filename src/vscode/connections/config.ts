// Connection settings: the local vault (always present, the default) plus AWS connections from
// `secretsWorkbench.connections`. No vscode import, so it is unit-tested in plain Node.

import { awsCapabilities, vaultCapabilities, type StoreCapabilities } from '../../core/store/capabilities';

export const localConnectionId = 'local';

export interface AwsConnectionSetting {
  profile: string;
  region: string;
  endpoint?: string;
  label?: string;
}

/** `kind` says how to open and configure the store; what it can do is `capabilities` (the store's own). */
export type ConnectionConfig =
  | { id: typeof localConnectionId; kind: 'local'; label: string; capabilities: StoreCapabilities }
  | ({ id: string; kind: 'aws'; label: string; capabilities: StoreCapabilities } & AwsConnectionSetting);

export const localConnection: ConnectionConfig = {
  id: localConnectionId,
  kind: 'local',
  label: 'Local Vault',
  capabilities: vaultCapabilities,
};

export function awsConnectionId(setting: AwsConnectionSetting): string {
  return `aws:${setting.profile}:${setting.region}${setting.endpoint ? `:${setting.endpoint}` : ''}`;
}

export function awsConnectionLabel(setting: AwsConnectionSetting): string {
  if (setting.label) return setting.label;
  const base = `AWS ${setting.profile} · ${setting.region}`;
  return setting.endpoint ? `${base} (${hostOf(setting.endpoint)})` : base;
}

/** Reads the raw setting leniently: malformed entries are skipped, duplicates collapse to the first. */
export function parseConnectionSettings(raw: unknown): ConnectionConfig[] {
  const entries = Array.isArray(raw) ? raw : [];
  const seen = new Set<string>();
  const connections: ConnectionConfig[] = [];
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object') continue;
    const { profile, region, endpoint, label } = entry as Record<string, unknown>;
    if (typeof profile !== 'string' || !profile || typeof region !== 'string' || !region) continue;
    const setting: AwsConnectionSetting = {
      profile,
      region,
      ...(typeof endpoint === 'string' && endpoint ? { endpoint } : {}),
      ...(typeof label === 'string' && label ? { label } : {}),
    };
    const id = awsConnectionId(setting);
    if (seen.has(id)) continue;
    seen.add(id);
    connections.push({
      id,
      kind: 'aws',
      ...setting,
      label: awsConnectionLabel(setting),
      capabilities: awsCapabilities,
    });
  }
  return connections;
}

export function toSetting(connection: Extract<ConnectionConfig, { kind: 'aws' }>): AwsConnectionSetting {
  const { profile, region, endpoint } = connection;
  return { profile, region, ...(endpoint ? { endpoint } : {}) };
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}
