// Reads ~/.aws/config and ~/.aws/credentials (honouring AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE) the way
// the AWS CLI does, for the profile picker, the region and the endpoint. Credentials themselves are resolved by
// the SDK's providers.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type IniSection = Record<string, string>;
/** Section name → key → value. Nested keys (`secretsmanager =` then indented `endpoint_url = …`) become `a.b`. */
export type IniFile = Record<string, IniSection>;

export type AwsProfileKind = 'static' | 'sso' | 'role' | 'process' | 'other';

export interface AwsProfileSummary {
  name: string;
  region?: string;
  kind: AwsProfileKind;
  endpointUrl?: string;
}

export function parseIni(text: string): IniFile {
  const sections: IniFile = {};
  let current: IniSection | undefined;
  let parent: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*([#;].*)?$/.test(raw)) continue;
    const header = /^\s*\[([^\]]+)\]\s*(?:[#;].*)?$/.exec(raw);
    if (header) {
      const name = header[1].trim().replace(/\s+/g, ' ');
      current = sections[name] ??= {};
      parent = undefined;
      continue;
    }
    if (!current) continue;
    const pair = /^(\s*)([^=\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!pair) continue;
    const [, indent, key, value] = pair;
    if (indent.length > 0 && parent !== undefined) {
      current[`${parent}.${key.toLowerCase()}`] = value;
    } else if (value === '') {
      parent = key.toLowerCase(); // the start of a nested block
    } else {
      parent = undefined;
      current[key.toLowerCase()] = value.replace(/\s+[#;].*$/, '');
    }
  }
  return sections;
}

export function configFilePath(env: NodeJS.ProcessEnv): string {
  return env.AWS_CONFIG_FILE || join(homeDir(env), '.aws', 'config');
}

export function credentialsFilePath(env: NodeJS.ProcessEnv): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || join(homeDir(env), '.aws', 'credentials');
}

function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || homedir();
}

async function readIni(path: string): Promise<IniFile> {
  try {
    return parseIni(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

export interface SharedConfig {
  /** Profile name → settings from the config file (`[profile x]`, or `[default]`). */
  profiles: Record<string, IniSection>;
  credentials: Record<string, IniSection>;
  /** `[services name]` sections. */
  services: Record<string, IniSection>;
}

export async function loadSharedConfig(env: NodeJS.ProcessEnv = process.env): Promise<SharedConfig> {
  const [config, credentials] = await Promise.all([readIni(configFilePath(env)), readIni(credentialsFilePath(env))]);
  const profiles: Record<string, IniSection> = {};
  const services: Record<string, IniSection> = {};
  for (const [section, values] of Object.entries(config)) {
    if (section === 'default') profiles.default = { ...values, ...profiles.default };
    else if (section.startsWith('profile ')) profiles[section.slice(8).trim()] = values;
    else if (section.startsWith('services ')) services[section.slice(9).trim()] = values;
  }
  return { profiles, credentials, services };
}

export function profileKind(config: IniSection = {}, credentials: IniSection = {}): AwsProfileKind {
  if (config.sso_session || config.sso_start_url) return 'sso';
  if (config.role_arn || credentials.role_arn) return 'role';
  if (config.credential_process || credentials.credential_process) return 'process';
  if (credentials.aws_access_key_id || config.aws_access_key_id) return 'static';
  return 'other';
}

/** Every profile named in either file, sorted with `default` first, for the "Add AWS Connection…" picker. */
export async function listAwsProfiles(env: NodeJS.ProcessEnv = process.env): Promise<AwsProfileSummary[]> {
  const shared = await loadSharedConfig(env);
  const names = new Set([...Object.keys(shared.profiles), ...Object.keys(shared.credentials)]);
  return [...names]
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
    .map((name) => {
      const config = shared.profiles[name] ?? {};
      return {
        name,
        region: config.region,
        kind: profileKind(config, shared.credentials[name]),
        endpointUrl: profileEndpoint(shared, name),
      };
    });
}

/** The profile's Secrets Manager endpoint: its `services` section first, then its global `endpoint_url`. */
export function profileEndpoint(shared: SharedConfig, profile: string): string | undefined {
  const config = shared.profiles[profile];
  if (!config) return undefined;
  const services = config.services ? shared.services[config.services] : undefined;
  return services?.['secretsmanager.endpoint_url'] ?? config.endpoint_url;
}
