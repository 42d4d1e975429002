// "Who read this secret" on the local vault: an app reads a secret twice through the server serving the vault
// (real SDK, real HTTP, real SigV4), then the use case reads the history from the vault's access log.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { accessHistoryReport, accessLogPathFor } from '../../../src/core/access';
import { startSecretsServer } from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';
import { readSecretAccessHistory } from '../../../src/core/usecases/access-history';
import { generateRawVaultKey, VaultStore } from '../../../src/core/vault/index';
import { syntheticValue } from '../store/contract';
import { withTempDir } from '../vault/helpers';

describe('access history (use case)', function () {
  this.timeout(30_000);

  it('shows the calls an app made through the local server, newest first, with Last accessed; no value', async () => {
    const { dir, cleanup } = await withTempDir();
    const vault = await VaultStore.create(join(dir, 'vault.swv'), { kind: 'raw', key: generateRawVaultKey() });
    const server = await startSecretsServer({ store: vault, accessLog: { path: accessLogPathFor(vault.path) } });
    const app = new SecretsManagerClient({
      endpoint: server.endpoint,
      region: server.region,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    });
    try {
      const value = syntheticValue();
      await vault.createSecret({ name: 'app/db', secretString: value });
      await vault.createSecret({ name: 'app/unused', secretString: syntheticValue() });
      for (let i = 0; i < 2; i++) await app.send(new GetSecretValueCommand({ SecretId: 'app/db' }));
      await server.flushAccessLog();

      const history = await readSecretAccessHistory(vault, 'app/db');
      assert.deepEqual(
        history.events.map((e) => [e.action, e.secretName, e.sourceIp]),
        [
          ['GetSecretValue', 'app/db', '127.0.0.1'],
          ['GetSecretValue', 'app/db', '127.0.0.1'],
        ],
      );
      assert.ok(history.events[0].time >= history.events[1].time);
      assert.equal(history.source, 'local');
      assert.equal(history.lastAccessed?.toISOString().slice(0, 10), new Date().toISOString().slice(0, 10));
      assert.equal(history.cleanupCandidate, false);
      assert.deepEqual((await readSecretAccessHistory(vault, 'app/unused')).events, []);

      const report = accessHistoryReport('Local vault', history, new Date());
      assert.match(report, /^# Who read app\/db$/m);
      assert.match(report, /2 call\(s\), 2 value read\(s\), newest first/);
      assert.equal(report.match(/\| GetSecretValue \|/g)?.length, 2);
      assert.match(report, /arn:aws:iam::000000000000:user\/secrets-workbench \| 127\.0\.0\.1 \|/);
      assert.equal(report.includes(value), false);
    } finally {
      app.destroy();
      await server.close();
      vault.close();
      await cleanup();
    }
  });

  it('marks a secret unread for 90 days as a cleanup candidate in the report', async () => {
    const { dir, cleanup } = await withTempDir();
    const vault = await VaultStore.create(join(dir, 'vault.swv'), { kind: 'raw', key: generateRawVaultKey() });
    try {
      await vault.createSecret({ name: 'old', secretString: syntheticValue() });
      const later = new Date(Date.now() + 91 * 86_400_000);
      const history = await readSecretAccessHistory(vault, 'old', { now: later });
      assert.equal(history.cleanupCandidate, true);
      assert.equal(history.lastAccessed, undefined);
      const report = accessHistoryReport('Local vault', history, later);
      assert.match(report, /\*\*Cleanup candidate:\*\* never read, created 91 days ago \(over 90\)/);
      assert.match(report, /Last accessed \(DescribeSecret, to the day\): never/);
      assert.match(report, /No calls recorded\./);
    } finally {
      vault.close();
      await cleanup();
    }
  });

  it('refuses a store that keeps no history, naming why', async () => {
    const store = new MemoryStore();
    await store.createSecret({ name: 'x', secretString: syntheticValue() });
    await assert.rejects(readSecretAccessHistory(store, 'x'), /keeps no access history/);
  });
});
