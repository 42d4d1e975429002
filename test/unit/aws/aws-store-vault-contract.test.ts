import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulatedRotationFunction } from '../../../src/core/server/index';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { describeStoreContract } from '../store/contract';
import { startLocalAws } from './helpers';

// The local vault served over the Secrets Manager protocol: what `secrets-workbench serve` exposes to any SDK.
describeStoreContract('AWS store via the local server over the vault', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'swb-aws-vault-'));
  let offset = 0;
  const vault = await VaultStore.create(
    join(dir, 'vault.swv'),
    { kind: 'raw', key: generateRawVaultKey() },
    { now: () => Date.now() + offset, rotationFunction: simulatedRotationFunction },
  );
  const local = await startLocalAws({ store: vault });
  const store = await local.connect();
  return {
    store,
    advanceClock: (ms) => void (offset += ms),
    dispose: async () => {
      await local.close();
      await vault.settled();
      vault.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
