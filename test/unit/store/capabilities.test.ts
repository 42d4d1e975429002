// Store capabilities (#17): each store declares what it can do, the connection that opens it says the same
// before it is opened (menus are drawn from that), and both fronts refuse what a store cannot do.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { simulatedRotationFunction } from '../../../src/core/server/index';
import { awsCapabilities, engineCapabilities, MemoryStore, vaultCapabilities } from '../../../src/core/store/index';
import { generateRawVaultKey, VaultStore } from '../../../src/core/vault/index';
import { localConnection, parseConnectionSettings } from '../../../src/vscode/connections/config';
import { capabilityFlags } from '../../../src/vscode/tree/presentation';
import { startLocalAws } from '../aws/helpers';
import { syntheticValue } from './contract';
import { withTempDir } from '../vault/helpers';

describe('store capabilities', function () {
  this.timeout(60_000);

  it('the local vault and the memory store are local-only, without Lambda rotation, KMS or replicas', async () => {
    const { dir, cleanup } = await withTempDir();
    try {
      const vault = await VaultStore.create(join(dir, 'v.swv'), { kind: 'raw', key: generateRawVaultKey() });
      // the vault alone has an access history (its server's log beside the file), and its connection says so
      assert.deepEqual(vault.capabilities, { ...engineCapabilities, accessHistory: true });
      assert.deepEqual(vault.capabilities, vaultCapabilities);
      assert.deepEqual(localConnection.capabilities, vault.capabilities);
      vault.close();
    } finally {
      await cleanup();
    }
    assert.deepEqual(new MemoryStore().capabilities, {
      localOnly: true,
      rotationLambda: false,
      resourcePolicy: true,
      kms: false,
      replicas: false,
      recoveryWindow: true,
      accessHistory: false,
    });
    // the served test store resolves Lambda ARNs to local functions: it can rotate with them
    assert.equal(new MemoryStore({ rotationFunction: simulatedRotationFunction }).capabilities.rotationLambda, true);
  });

  it('an AWS store has them all but local-only, and its connection says so before it is opened', async () => {
    const aws = await startLocalAws();
    try {
      const store = await aws.connect();
      assert.deepEqual(store.capabilities, awsCapabilities);
      assert.equal(store.capabilities.localOnly, false);
      const [connection] = parseConnectionSettings([{ profile: 'p', region: 'eu-west-1' }]);
      assert.deepEqual(connection.capabilities, store.capabilities);
    } finally {
      await aws.close();
    }
  });

  it('tree flags name the capabilities the menus test', () => {
    assert.deepEqual(capabilityFlags(engineCapabilities), ['localOnly', 'resourcePolicy', 'recoveryWindow']);
    assert.deepEqual(capabilityFlags(vaultCapabilities), [
      'localOnly',
      'resourcePolicy',
      'recoveryWindow',
      'accessHistory',
    ]);
    assert.deepEqual(capabilityFlags(awsCapabilities), [
      'cloud',
      'rotationLambda',
      'resourcePolicy',
      'kms',
      'replicas',
      'recoveryWindow',
      'accessHistory',
    ]);
  });

  it('the CLI refuses a KMS key and a rotation Lambda on the local vault, before changing anything', async () => {
    const { dir, cleanup } = await withTempDir();
    try {
      const key = generateRawVaultKey();
      const path = join(dir, 'cli.swv');
      const vault = await VaultStore.create(path, { kind: 'raw', key });
      await vault.createSecret({ name: 'db', secretString: syntheticValue() });
      vault.close();
      const run = async (...args: string[]) => {
        let stderr = '';
        const code = await runCli(['secrets', ...args, '--vault', path], {
          stdin: Readable.from([Buffer.from(syntheticValue())]),
          stdout: new Writable({ write: (_c, _e, done) => done() }),
          stderr: new Writable({
            write(chunk, _e, done) {
              stderr += String(chunk);
              done();
            },
          }),
          env: { SECRETS_WORKBENCH_VAULT_KEY: key.toString('base64'), HOME: dir },
          cwd: dir,
        });
        return { code, stderr };
      };
      const kms = await run('create', 'new', '--kms-key-id', 'alias/app');
      assert.equal(kms.code, 2);
      assert.match(kms.stderr, /KMS keys exist only in AWS/);
      const lambda = await run('rotate', 'db', '--rotation-lambda-arn', 'arn:aws:lambda:us-east-1:1:function:f');
      assert.equal(lambda.code, 2);
      assert.match(lambda.stderr, /runs no rotation Lambdas/);
      const reopened = await VaultStore.open(path, { kind: 'raw', key });
      assert.deepEqual(
        (await reopened.listSecrets()).secrets.map((s) => [s.name, s.rotationEnabled ?? false]),
        [['db', false]],
      );
      reopened.close();
    } finally {
      await cleanup();
    }
  });
});
