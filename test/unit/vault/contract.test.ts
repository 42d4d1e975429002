import { join } from 'node:path';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import type { SecretStore } from '../../../src/core/store/index';
import { describeStoreContract } from '../store/contract';
import { withTempDir } from './helpers';

describeStoreContract('local vault', async () => {
  const { dir, cleanup } = await withTempDir();
  let offset = 0;
  const store = await VaultStore.create(
    join(dir, 'vault.swv'),
    { kind: 'raw', key: generateRawVaultKey() },
    {
      now: () => Date.now() + offset,
    },
  );
  return {
    store,
    advanceClock: (ms) => void (offset += ms),
    dispose: async () => {
      store.close();
      await cleanup();
    },
  };
});

// The same contract with every call made on a vault freshly opened from the file: anything an operation
// changed but did not persist shows up as a failure here.
describeStoreContract('local vault, reopened from disk for every call', async () => {
  const { dir, cleanup } = await withTempDir();
  let offset = 0;
  const path = join(dir, 'vault.swv');
  const key = { kind: 'raw', key: generateRawVaultKey() } as const;
  const options = { now: () => Date.now() + offset };
  (await VaultStore.create(path, key, options)).close();
  const store = new Proxy({} as SecretStore, {
    get:
      (_target, method: keyof SecretStore) =>
      async (...args: unknown[]) => {
        const opened = await VaultStore.open(path, key, options);
        try {
          return await (opened[method as keyof VaultStore] as (...a: unknown[]) => Promise<unknown>).apply(
            opened,
            args,
          );
        } finally {
          opened.close();
        }
      },
  });
  return { store, advanceClock: (ms) => void (offset += ms), dispose: cleanup };
});
