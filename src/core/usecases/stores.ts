// Where the fronts get their stores. A front never constructs a store implementation (the vault, the AWS store,
// the loopback server) itself: the lint rule in eslint.config.mjs refuses it outside the composition roots.
// It asks here, so how a store is made (rollback records, rotation functions, lazily loaded SDKs) is decided once.
import type { AwsConnectionConfig, AwsSecretStore, AwsStoreDeps } from '../aws/index';
import type { RunningSecretsServer, SecretsServerOptions } from '../server/index';
import type { VaultKey } from '../vault/keys';
import { VaultStore, type VaultOptions } from '../vault/vault-store';

export type { VaultStore, VaultOptions, AwsSecretStore };

export function vaultExists(path: string): Promise<boolean> {
  return VaultStore.exists(path);
}

export function openVault(path: string, key: VaultKey, options?: VaultOptions): Promise<VaultStore> {
  return VaultStore.open(path, key, options);
}

export function createVault(path: string, key: VaultKey, options?: VaultOptions): Promise<VaultStore> {
  return VaultStore.create(path, key, options);
}

/** A vault to serve over the Secrets Manager protocol: rotation runs the simulated Lambdas. */
export async function openServedVault(path: string, key: VaultKey, options: VaultOptions): Promise<VaultStore> {
  const { simulatedRotationFunction } = await import('../server/rotation.js');
  return VaultStore.open(path, key, { ...options, rotationFunction: simulatedRotationFunction });
}

/** The AWS store; the SDK loads on this first call only. */
export async function openAwsStore(config: AwsConnectionConfig, deps?: AwsStoreDeps): Promise<AwsSecretStore> {
  return (await import('../aws/index.js')).createAwsStore(config, deps);
}

/** Serves a store on loopback (the server module loads on first use). */
export async function startServer(options: SecretsServerOptions): Promise<RunningSecretsServer> {
  return (await import('../server/index.js')).startSecretsServer(options);
}
