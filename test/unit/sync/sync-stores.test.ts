// The sync suite over the real backends: two vault files, and an AWS store talking to the local server
// (served over a second vault, as in the acceptance setup) with the offline vault as the target.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsStore } from '../../../src/core/aws/index';
import { startSecretsServer } from '../../../src/core/server/index';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { describeSyncSuite } from './sync-suite';

async function twoVaults() {
  const dir = await mkdtemp(join(tmpdir(), 'sw-sync-'));
  const remoteVault = await VaultStore.create(join(dir, 'aws.swv'), { kind: 'raw', key: generateRawVaultKey() });
  const local = await VaultStore.create(join(dir, 'offline.swv'), { kind: 'raw', key: generateRawVaultKey() });
  return { dir, remoteVault, local };
}

describeSyncSuite('vault → vault', async () => {
  const { dir, remoteVault, local } = await twoVaults();
  return {
    remote: remoteVault,
    local,
    dispose: async () => {
      remoteVault.close();
      local.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describeSyncSuite('AWS store via the local server over a vault → vault', async () => {
  const { dir, remoteVault, local } = await twoVaults();
  const server = await startSecretsServer({ store: remoteVault, region: 'eu-west-1' });
  const remote = await createAwsStore(
    { region: server.region, endpoint: server.endpoint },
    {
      env: {
        AWS_ACCESS_KEY_ID: server.accessKeyId,
        AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
        AWS_CONFIG_FILE: join(dir, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      },
    },
  );
  return {
    remote,
    local,
    dispose: async () => {
      remote.destroy();
      await server.close();
      remoteVault.close();
      local.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
