import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { generateServerCredentials } from '../../../src/core/offline/keys';
import { startSecretsServer, type RunningSecretsServer } from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';
import { VaultStore } from '../../../src/core/vault/index';

async function cli(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env, cwd });
  return { code, out, err };
}

describe('CLI: pull', function () {
  this.timeout(60_000);
  let dir: string;
  let aws: MemoryStore;
  let server: RunningSecretsServer;
  let env: NodeJS.ProcessEnv;
  const passphrase = randomBytes(12).toString('base64url');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sw-cli-pull-'));
    aws = new MemoryStore({ region: 'eu-west-1' });
    const keys = generateServerCredentials();
    server = await startSecretsServer({ store: aws, region: 'eu-west-1', credentials: keys });
    await writeFile(join(dir, 'config'), '[profile team]\nregion = eu-west-1\n');
    await writeFile(
      join(dir, 'credentials'),
      `[team]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
    );
    env = {
      HOME: dir,
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      SECRETS_WORKBENCH_PASSPHRASE: passphrase,
    };
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens the vault with a raw key from SECRETS_WORKBENCH_VAULT_KEY, like the other vault commands', async () => {
    const value = `sv-${randomBytes(16).toString('hex')}`;
    await aws.createSecret({ name: 'app/key', secretString: value });
    const raw = randomBytes(32);
    const vaultPath = join(dir, 'raw.swv');
    const rawEnv = {
      ...env,
      SECRETS_WORKBENCH_PASSPHRASE: undefined,
      SECRETS_WORKBENCH_VAULT_KEY: raw.toString('base64'),
    };
    const args = ['pull', '--from-profile', 'team', '--endpoint', server.endpoint, '--names', 'app/key'];
    const result = await cli([...args, '--vault', vaultPath], rawEnv, dir);
    assert.equal(result.code, 0, result.err);
    const vault = await VaultStore.open(vaultPath, { kind: 'raw', key: raw });
    try {
      assert.equal((await vault.getSecretValue({ secretId: 'app/key' })).secretString, value);
    } finally {
      vault.close();
    }
    const wrong = await cli(
      [...args, '--vault', vaultPath],
      { ...rawEnv, SECRETS_WORKBENCH_VAULT_KEY: 'c2hvcnQ=' },
      dir,
    );
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /SECRETS_WORKBENCH_VAULT_KEY must be the base64 of a 32-byte key/);
  });

  it('pulls named secrets from a profile into a new vault, keeping VersionIds, and names the missing ones', async () => {
    const value = `sv-${randomBytes(16).toString('hex')}`;
    const created = await aws.createSecret({ name: 'app/db', secretString: value });
    await aws.createSecret({ name: 'app/other', secretString: 'sv-other' });
    const vaultPath = join(dir, 'nested', 'offline.swv');
    const args = ['pull', '--from-profile', 'team', '--endpoint', server.endpoint, '--names', 'app/db,gone/one'];
    const result = await cli([...args, '--vault', vaultPath], env, dir);
    assert.equal(result.code, 1, result.err);
    assert.match(result.out, /^created\s+app\/db \(1 version\)$/m);
    assert.match(result.out, /^not-found\s+gone\/one$/m);
    assert.match(result.out, /not found in AWS: gone\/one/);
    assert.doesNotMatch(result.out + result.err, new RegExp(value));

    const vault = await VaultStore.open(vaultPath, { kind: 'passphrase', passphrase });
    try {
      const got = await vault.getSecretValue({ secretId: 'app/db' });
      assert.equal(got.secretString, value);
      assert.equal(got.versionId, created.versionId);
      assert.deepEqual(
        (await vault.listSecrets()).secrets.map((s) => s.name),
        ['app/db'],
      );
    } finally {
      vault.close();
    }
    const again = await cli(
      ['pull', '--from-profile', 'team', '--endpoint', server.endpoint, '--names', 'app/db', '--vault', vaultPath],
      env,
      dir,
    );
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /^unchanged\s+app\/db$/m);
  });

  it('scans a folder for references with --scan and prints JSON with --json', async () => {
    await aws.createSecret({ name: 'worker/queue-token', secretString: 'sv-q' });
    const vaultPath = join(dir, 'v.swv');
    const result = await cli(
      [
        'pull',
        '--from-profile',
        'team',
        '--endpoint',
        server.endpoint,
        '--scan',
        'test/fixtures/offline/workspace/worker',
        '--vault',
        vaultPath,
        '--json',
      ],
      env,
      process.cwd(),
    );
    const report = JSON.parse(result.out);
    assert.deepEqual(
      report.results.map((r: { secretId: string; status: string }) => [r.secretId, r.status]),
      [
        ['worker/queue-token', 'created'],
        ['worker/smtp', 'not-found'],
        ['shared/sentry-dsn', 'not-found'],
        ['analytics/warehouse', 'not-found'],
      ],
    );
    assert.equal(result.code, 1);
  });

  it('refuses bad usage with exit code 2', async () => {
    assert.equal((await cli(['pull', '--names', 'a', '--scan', '.'], env, dir)).code, 2);
    assert.equal((await cli(['pull'], env, dir)).code, 2);
    assert.equal((await cli(['pull', '--names', 'a', '--bogus'], env, dir)).code, 2);
    const noPassphrase = await cli(['pull', '--names', 'a'], { ...env, SECRETS_WORKBENCH_PASSPHRASE: '' }, dir);
    assert.equal(noPassphrase.code, 2);
    assert.match(noPassphrase.err, /SECRETS_WORKBENCH_PASSPHRASE/); // stdin is no terminal: no prompt
  });
});
