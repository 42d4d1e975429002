// The environment that points AWS SDKs in child processes (terminals, tasks, debug sessions) at the
// offline server. Besides the endpoint, keys and region, it names a generated profile kept in its own
// config files, because SDKs disagree on precedence:
//  - the JS SDK v3 ignores AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY whenever AWS_PROFILE is set;
//  - botocore fails with ProfileNotFound when AWS_PROFILE is set but empty, and reads
//    AWS_DEFAULT_PROFILE before AWS_PROFILE.
// Pointing both profile variables at a profile that holds the generated keys satisfies every SDK, whatever
// the user's own shell had. The static key variables are emptied, not set: with AWS_PROFILE and a key pair
// both present the JS SDK warns on every run ("Multiple credential sources"), and every SDK treats an empty
// key as absent. AWS_SESSION_TOKEN is emptied too: a stale token would be signed along.
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const offlineProfileName = 'secrets-workbench-offline';

export interface OfflineEndpoint {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface OfflineProfileFiles {
  directory: string;
  configFile: string;
  credentialsFile: string;
}

/** Variables every new terminal/task/debug session gets while offline. */
export function offlineEnvironment(server: OfflineEndpoint, files: OfflineProfileFiles): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: server.endpoint,
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_SECURITY_TOKEN: '',
    AWS_REGION: server.region,
    AWS_DEFAULT_REGION: server.region,
    AWS_PROFILE: offlineProfileName,
    AWS_DEFAULT_PROFILE: offlineProfileName,
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
  };
}

/** The names offlineEnvironment sets, so going online can remove exactly those. */
export const offlineVariableNames: readonly string[] = Object.keys(
  offlineEnvironment(
    { endpoint: '', region: '', accessKeyId: '', secretAccessKey: '' },
    { directory: '', configFile: '', credentialsFile: '' },
  ),
);

/** Writes the generated profile into a fresh private temp folder (0700, files 0600). */
export async function writeOfflineProfile(server: OfflineEndpoint, parent = tmpdir()): Promise<OfflineProfileFiles> {
  const directory = await mkdtemp(join(parent, 'secrets-workbench-offline-'));
  const configFile = join(directory, 'config');
  const credentialsFile = join(directory, 'credentials');
  const config = [
    `[profile ${offlineProfileName}]`,
    `region = ${server.region}`,
    `services = ${offlineProfileName}`,
    '',
    `[services ${offlineProfileName}]`,
    'secretsmanager =',
    `  endpoint_url = ${server.endpoint}`,
    '',
  ].join('\n');
  const credentials = [
    `[${offlineProfileName}]`,
    `aws_access_key_id = ${server.accessKeyId}`,
    `aws_secret_access_key = ${server.secretAccessKey}`,
    '',
  ].join('\n');
  await writeFile(configFile, config, { mode: 0o600 });
  await writeFile(credentialsFile, credentials, { mode: 0o600 });
  return { directory, configFile, credentialsFile };
}

export async function removeOfflineProfile(files: OfflineProfileFiles | undefined): Promise<void> {
  if (files) await rm(files.directory, { recursive: true, force: true });
}

/** For shutdown paths that cannot wait (the extension host is going away). */
export function removeOfflineProfileSync(files: OfflineProfileFiles | undefined): void {
  if (files) rmSync(files.directory, { recursive: true, force: true });
}

/** `export NAME='value'` lines for POSIX shells (values single-quoted). */
export function exportLines(env: Record<string, string>): string {
  const quote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
  return Object.entries(env)
    .map(([name, v]) => `export ${name}=${quote(v)}`)
    .join('\n');
}
