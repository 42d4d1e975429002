import { join } from 'node:path';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
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
