// Which store a CLI command works on. `--store local` (the default) is the encrypted vault; other backends
// (e.g. `--store aws --profile P --region R [--endpoint URL]`) plug in here.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SecretStore } from '../core/store/index';
import { openAwsStore as createAwsStore, openVault, type VaultOptions } from '../core/usecases/stores';
import { FileGenerationRecords, userStateFolder } from '../core/vault/generations';
import type { VaultKey } from '../core/vault/keys';
import type { CliIo } from './commands/types';
import { UsageError } from './commands/types';
import { promptHidden } from './prompt';

export const passphraseVariable = 'SECRETS_WORKBENCH_PASSPHRASE';
export const vaultVariable = 'SECRETS_WORKBENCH_VAULT';
/** A vault's raw key (base64 of 32 bytes), for a vault with a raw-key slot; takes precedence over a passphrase. */
export const vaultKeyVariable = 'SECRETS_WORKBENCH_VAULT_KEY';

/**
 * How long a CLI command trusts the vault file unchanged between its reads (a `list` of 50,000 secrets reads 500
 * pages; a stat per page cost 50 ms). Writes still check the file under the lock; another process's write is
 * seen at most this late, as by `serve`.
 */
export const cliRecheckAfterMs = 50;

export interface StoreOptions {
  store?: string;
  vault?: string;
  profile?: string;
  region?: string;
  endpoint?: string;
  /** Open a local vault file older than the generation last seen on this machine (after a restore, say). */
  acceptRollback?: boolean;
}

/** parseArgs option definitions shared by every command that opens a store. */
export const storeOptionSpecs = {
  store: { type: 'string' },
  vault: { type: 'string' },
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'accept-rollback': { type: 'boolean' },
} as const;

/**
 * Rollback detection for the CLI: the last generation seen of each vault is kept in the per-user state folder
 * ($XDG_STATE_HOME/secrets-workbench, else ~/.local/state/secrets-workbench), so an older copy is refused.
 */
export function vaultRollbackOptions(io: CliIo, acceptRollback = false): VaultOptions {
  const generations = new FileGenerationRecords(join(userStateFolder(io.env), 'vault-generations.json'));
  return { generations, acceptRollback };
}

export interface OpenedStore {
  store: SecretStore;
  /** Human description for messages (never secret). */
  label: string;
  close(): void;
}

export function defaultVaultPath(env: NodeJS.ProcessEnv): string {
  return join(env.HOME ?? homedir(), '.secrets-workbench', 'vault.swv');
}

export function vaultPathOf(options: StoreOptions, io: CliIo): string {
  return resolve(io.cwd, options.vault ?? io.env[vaultVariable] ?? defaultVaultPath(io.env));
}

export async function resolveStore(options: StoreOptions, io: CliIo): Promise<OpenedStore> {
  const kind = options.store ?? 'local';
  if (kind === 'local') {
    const path = vaultPathOf(options, io);
    const vault = await openVault(path, await vaultKey(io, path), {
      ...vaultRollbackOptions(io, options.acceptRollback),
      recheckAfterMs: cliRecheckAfterMs,
    });
    return { store: vault, label: path, close: () => vault.close() };
  }
  if (kind === 'aws') return openAwsStore(options, io);
  throw new UsageError(`unknown store '${kind}' (use local or aws)`);
}

/** `--store aws --profile P --region R [--endpoint URL]`; the SDK is loaded only here. */
async function openAwsStore(options: StoreOptions, io: CliIo): Promise<OpenedStore> {
  if (options.vault !== undefined) throw new UsageError('--vault applies to --store local only');
  const region = options.region ?? (io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION || undefined);
  const store = await createAwsStore({ profile: options.profile, region, endpoint: options.endpoint }, { env: io.env });
  const label = `AWS ${store.profile ? `profile ${store.profile}` : 'credentials'} in ${store.region}`;
  return { store, label, close: () => store.destroy() };
}

/** The vault key: a raw key from the environment, else the passphrase. */
export async function vaultKey(io: CliIo, path: string): Promise<VaultKey> {
  const raw = io.env[vaultKeyVariable];
  if (raw) {
    const key = Buffer.from(raw, 'base64');
    if (key.length !== 32) throw new UsageError(`${vaultKeyVariable} must be the base64 of a 32-byte key`);
    return { kind: 'raw', key };
  }
  return { kind: 'passphrase', passphrase: await readPassphrase(io, `Passphrase for ${path}: `) };
}

/** The passphrase from SECRETS_WORKBENCH_PASSPHRASE, else a no-echo prompt; never from argv. */
export async function readPassphrase(io: CliIo, prompt: string): Promise<string> {
  const fromEnv = io.env[passphraseVariable];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  try {
    return await promptHidden(io, prompt);
  } catch (error) {
    if (error instanceof UsageError && /not a terminal/.test(error.message)) {
      throw new UsageError(`no passphrase: set ${passphraseVariable} or run in a terminal to be prompted`);
    }
    throw error;
  }
}
