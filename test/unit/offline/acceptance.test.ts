// Issue 9's acceptance bars that plain Node can show: Prepare for Offline over the fixture workspace against
// "AWS" (the local server over a second vault), push back with correct stages and conflict detection, and the
// offline server refusing a process that lacks the generated keys. The in-VS-Code versions live in
// test/integration.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsStore, type AwsSecretStore } from '../../../src/core/aws/index';
import { offlineEnvironment, removeOfflineProfile, writeOfflineProfile } from '../../../src/core/offline/environment';
import { generateServerCredentials } from '../../../src/core/offline/keys';
import { startSecretsServer, type RunningSecretsServer } from '../../../src/core/server/index';
import { distinctSecretIds, findWorkspaceReferences } from '../../../src/core/references/index';
import { applyPushPlan, planPush, pullSecrets } from '../../../src/core/sync/index';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { fixtureSecrets, missingFixtureSecret, seedFixtureSecrets, syntheticValue } from './fixture-secrets';

const fixtureWorkspace = 'test/fixtures/offline/workspace';
const value = syntheticValue;

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

describe('offline mode acceptance (plain Node)', function () {
  this.timeout(60_000);
  let dir: string;
  let awsVault: VaultStore;
  let offlineVault: VaultStore;
  let awsServer: RunningSecretsServer;
  let aws: AwsSecretStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sw-offline-acc-'));
    awsVault = await VaultStore.create(join(dir, 'aws.swv'), { kind: 'raw', key: generateRawVaultKey() });
    offlineVault = await VaultStore.create(join(dir, 'offline.swv'), { kind: 'raw', key: generateRawVaultKey() });
    awsServer = await startSecretsServer({ store: awsVault, region: 'eu-west-1' });
    aws = await createAwsStore(
      { region: awsServer.region, endpoint: awsServer.endpoint },
      {
        env: {
          AWS_ACCESS_KEY_ID: awsServer.accessKeyId,
          AWS_SECRET_ACCESS_KEY: awsServer.secretAccessKey,
          AWS_CONFIG_FILE: join(dir, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
        },
      },
    );
  });
  afterEach(async () => {
    aws.destroy();
    await awsServer.close();
    awsVault.close();
    offlineVault.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('Prepare for Offline: all 12 referenced secrets land in the offline vault; the missing one is named', async () => {
    const seeded = await seedFixtureSecrets(aws);
    const scan = await findWorkspaceReferences(fixtureWorkspace);
    const ids = distinctSecretIds(scan.references);
    const kinds = new Set(scan.references.map((r) => r.path!.split('.').pop()));
    assert.deepEqual([...kinds].sort(), ['json', 'py', 'ts', 'yaml']);

    const report = await pullSecrets(aws, offlineVault, ids);
    assert.deepEqual(report.notFound, [missingFixtureSecret]);
    assert.deepEqual(report.failed, []);
    const created = report.results.filter((r) => r.status === 'created').map((r) => r.secretId);
    assert.equal(created.length, 12);
    for (const [name, secretString] of seeded) {
      const local = await offlineVault.getSecretValue({ secretId: name });
      const remote = await aws.getSecretValue({ secretId: name });
      assert.equal(local.secretString, secretString, name);
      assert.equal(local.versionId, remote.versionId, `${name} keeps AWS's VersionId`);
    }
    const inVault = (await offlineVault.listSecrets()).secrets.map((s) => s.name).sort();
    assert.deepEqual(inVault, Object.keys(fixtureSecrets).sort());
  });

  it('Push back: an offline change becomes a new AWS version with correct stages; a concurrent AWS change is not overwritten', async () => {
    await seedFixtureSecrets(aws);
    await pullSecrets(aws, offlineVault, ['app/db-password', 'cache/redis-auth']);
    const before = {
      db: (await aws.getSecretValue({ secretId: 'app/db-password' })).versionId,
      cache: await aws.getSecretValue({ secretId: 'cache/redis-auth' }),
    };
    // Offline: both secrets change in the vault; meanwhile someone changes cache/redis-auth in AWS.
    const newDb = value();
    const offlineDb = await offlineVault.putSecretValue({ secretId: 'app/db-password', secretString: newDb });
    await offlineVault.putSecretValue({ secretId: 'cache/redis-auth', secretString: value() });
    const theirs = value();
    const theirVersion = await aws.putSecretValue({ secretId: 'cache/redis-auth', secretString: theirs });

    const plan = await planPush(offlineVault, aws, { names: ['app/db-password', 'cache/redis-auth'] });
    assert.deepEqual(
      plan.map((e) => [e.name, e.status]),
      [
        ['app/db-password', 'push'],
        ['cache/redis-auth', 'conflict'],
      ],
    );
    const outcomes = await applyPushPlan(offlineVault, aws, plan);
    assert.deepEqual(
      outcomes.map((o) => [o.name, o.status]),
      [['app/db-password', 'pushed']],
    );
    const db = await aws.describeSecret('app/db-password');
    assert.deepEqual(db.versionIdsToStages, {
      [offlineDb.versionId]: ['AWSCURRENT'],
      [before.db]: ['AWSPREVIOUS'],
    });
    assert.equal((await aws.getSecretValue({ secretId: 'app/db-password' })).secretString, newDb);
    const cache = await aws.getSecretValue({ secretId: 'cache/redis-auth' });
    assert.equal(cache.secretString, theirs);
    assert.equal(cache.versionId, theirVersion.versionId);
  });

  it('Go offline: the fixture app using the generated getSecret helper prints the value from the vault', async () => {
    const offlineServer = await startSecretsServer({ store: offlineVault, credentials: generateServerCredentials() });
    const files = await writeOfflineProfile(offlineServer, dir);
    try {
      const secret = value();
      await offlineVault.createSecret({ name: 'app/db-password', secretString: secret });
      const out = join(dir, 'app-out.json');
      const app = 'test/fixtures/offline/app/print-secret.cjs';
      const base = { PATH: process.env.PATH, HOME: dir, AWS_EC2_METADATA_DISABLED: 'true' };
      const offline = await run(process.execPath, [app, 'app/db-password', out], {
        ...base,
        ...offlineEnvironment(offlineServer, files),
      });
      assert.equal(offline.code, 0, offline.out);
      assert.match(offline.out, new RegExp(`^${secret}$`, 'm'));
      const seen = JSON.parse(await readFile(out, 'utf8'));
      assert.equal(seen.value, secret);
      assert.equal(seen.endpoint, offlineServer.endpoint);
    } finally {
      await offlineServer.close();
      await removeOfflineProfile(files);
    }
  });

  it('Security: the offline server refuses processes without the generated keys', async () => {
    const offlineServer = await startSecretsServer({ store: offlineVault, credentials: generateServerCredentials() });
    const files = await writeOfflineProfile(offlineServer, dir);
    try {
      const secret = value();
      await offlineVault.createSecret({ name: 'app/db-password', secretString: secret });
      const script = `
        const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
        new SecretsManagerClient({ maxAttempts: 1 }).send(new GetSecretValueCommand({ SecretId: 'app/db-password' }))
          .then((o) => console.log('VALUE:' + o.SecretString),
                (e) => { console.log('REFUSED:' + e.name + ':' + e.$metadata?.httpStatusCode); process.exit(3); });`;
      const base = { PATH: process.env.PATH, HOME: dir, AWS_EC2_METADATA_DISABLED: 'true' };

      const withKeys = await run(process.execPath, ['-e', script], {
        ...base,
        ...offlineEnvironment(offlineServer, files),
      });
      assert.equal(withKeys.code, 0, withKeys.out);
      assert.match(withKeys.out, new RegExp(`VALUE:${secret}`));

      // Another process: it knows the endpoint but has its own keys (e.g. the developer's real ones).
      const otherKeys = generateServerCredentials();
      const without = await run(process.execPath, ['-e', script], {
        ...base,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: offlineServer.endpoint,
        AWS_REGION: offlineServer.region,
        AWS_ACCESS_KEY_ID: otherKeys.accessKeyId,
        AWS_SECRET_ACCESS_KEY: otherKeys.secretAccessKey,
      });
      assert.equal(without.code, 3, without.out);
      assert.doesNotMatch(without.out, /VALUE:/);
      const [, errorName, status] = /REFUSED:(\w+):(\d+)/.exec(without.out) ?? [];
      assert.equal(errorName, 'UnrecognizedClientException');
      process.stdout.write(`      wrong keys → HTTP ${status} ${errorName}\n`);

      // Right access key id, wrong secret key: the signature does not verify.
      const forged = await run(process.execPath, ['-e', script], {
        ...base,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: offlineServer.endpoint,
        AWS_REGION: offlineServer.region,
        AWS_ACCESS_KEY_ID: offlineServer.accessKeyId,
        AWS_SECRET_ACCESS_KEY: otherKeys.secretAccessKey,
      });
      assert.equal(forged.code, 3, forged.out);
      assert.match(forged.out, /REFUSED:InvalidSignatureException/);

      // No signature at all.
      const unsigned = await rawPost(offlineServer.endpoint, { SecretId: 'app/db-password' });
      assert.equal(unsigned.status, 403);
      assert.doesNotMatch(unsigned.body, new RegExp(secret));
      assert.match(unsigned.body, /MissingAuthenticationToken/);
      process.stdout.write(`      unsigned → HTTP ${unsigned.status}\n`);
    } finally {
      await offlineServer.close();
      await removeOfflineProfile(files);
    }
  });
});

function rawPost(endpoint: string, body: object): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${endpoint}/`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'secretsmanager.GetSecretValue',
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
