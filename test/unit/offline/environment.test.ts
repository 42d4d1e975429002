import { strict as assert } from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  exportLines,
  offlineEnvironment,
  offlineVariableNames,
  removeOfflineProfile,
  removeOfflineProfileSync,
  writeOfflineProfile,
  type OfflineEndpoint,
  type OfflineProfileFiles,
} from '../../../src/core/offline/environment';
import { generateServerCredentials } from '../../../src/core/offline/keys';
import { generateAccessKey } from '../../../src/core/server/index';
import { scanText } from '../../../src/core/detection/index';

const server: OfflineEndpoint = {
  endpoint: '', // set once the recording server listens
  region: 'eu-central-1',
  accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
  secretAccessKey: randomBytes(30).toString('base64url'),
};

/** Records what an SDK sends, and answers GetSecretValue with a fixed synthetic value. */
function startRecorder(): Promise<{ server: Server; requests: Array<{ authorization: string; token?: string }> }> {
  const requests: Array<{ authorization: string; token?: string }> = [];
  const recorder = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push({
        authorization: String(req.headers.authorization),
        token: req.headers['x-amz-security-token'] as string | undefined,
      });
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.end(JSON.stringify({ ARN: 'arn:x', Name: 'n', VersionId: 'v', SecretString: 'recorded-ok', CreatedDate: 0 }));
    });
  });
  return new Promise((resolve) => recorder.listen(0, '127.0.0.1', () => resolve({ server: recorder, requests })));
}

async function runChild(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(file, args, { env, encoding: 'utf8', timeout: 20_000 });
}

const signedWith = (authorization: string) => /Credential=([^/]+)\/\d+\/([^/]+)\/secretsmanager\//.exec(authorization);

/** A random key id of AWS's shape (AKIA + 16 base32 characters); never a real one. */
const syntheticAccessKeyId = () =>
  `AKIA${[...randomBytes(16)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('')}`;

/** What a developer's shell may already carry: a named profile, a stale session token. */
async function hostileUserEnvironment(dir: string): Promise<NodeJS.ProcessEnv> {
  const config = join(dir, 'user-config');
  const credentials = join(dir, 'user-credentials');
  await writeFile(config, '[profile work]\nregion = us-west-2\n[default]\nregion = ap-south-1\n');
  await writeFile(
    credentials,
    `[work]\naws_access_key_id = ${syntheticAccessKeyId()}\naws_secret_access_key = ${randomBytes(20).toString('hex')}\n`,
  );
  return {
    PATH: process.env.PATH,
    HOME: dir,
    AWS_PROFILE: 'work',
    AWS_DEFAULT_PROFILE: 'work',
    AWS_SESSION_TOKEN: 'stale-session-token',
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
  };
}

describe('offline environment for child processes', function () {
  this.timeout(30_000);
  let dir: string;
  let files: OfflineProfileFiles;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;

  beforeEach(async () => {
    recorder = await startRecorder();
    server.endpoint = `http://127.0.0.1:${(recorder.server.address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), 'sw-offline-env-'));
    files = await writeOfflineProfile(server, dir);
  });
  afterEach(async () => {
    await new Promise((resolve) => recorder.server.close(resolve));
    await removeOfflineProfile(files);
    await rm(dir, { recursive: true, force: true });
  });

  it('sets endpoint, profile and region, and empties static keys and any session token', () => {
    const env = offlineEnvironment(server, files);
    assert.equal(env.AWS_ENDPOINT_URL_SECRETS_MANAGER, server.endpoint);
    // A profile and a static key pair together make the JS SDK warn on every run: only the profile is set.
    assert.equal(env.AWS_PROFILE, 'secrets-workbench-offline');
    assert.equal(env.AWS_ACCESS_KEY_ID, '');
    assert.equal(env.AWS_SECRET_ACCESS_KEY, '');
    assert.equal(env.AWS_REGION, server.region);
    assert.equal(env.AWS_SESSION_TOKEN, '');
    assert.deepEqual([...offlineVariableNames].sort(), Object.keys(env).sort());
  });

  it('writes the generated profile privately and removes it', async () => {
    assert.equal(statSync(files.directory).mode & 0o777, 0o700);
    assert.equal(statSync(files.credentialsFile).mode & 0o777, 0o600);
    await removeOfflineProfile(files);
    assert.equal(existsSync(files.directory), false);
    const again = await writeOfflineProfile(server, dir);
    removeOfflineProfileSync(again);
    assert.equal(existsSync(again.directory), false);
  });

  it('makes the JS SDK v3 sign with the generated keys and call the endpoint even when the shell had AWS_PROFILE', async () => {
    const env = { ...(await hostileUserEnvironment(dir)), ...offlineEnvironment(server, files) };
    const script = `
      const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
      new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: 'n' }))
        .then((out) => console.log(out.SecretString), (e) => { console.error(e.name, e.message); process.exit(1); });`;
    // Asynchronous on purpose: the recording server lives in this process.
    const run = await runChild(process.execPath, ['-e', script], env);
    assert.equal(run.stdout.trim(), 'recorded-ok');
    assert.doesNotMatch(run.stderr, /WARNING|Multiple credential sources/, 'the SDK warns about nothing');
    assert.equal(recorder.requests.length, 1);
    const [, key, region] = signedWith(recorder.requests[0].authorization) ?? [];
    assert.equal(key, server.accessKeyId);
    assert.equal(region, server.region);
    assert.equal(recorder.requests[0].token, undefined);
  });

  it('makes boto3 sign with the generated keys and region even when the shell had AWS_PROFILE', async function () {
    if (spawnSync('python3', ['-c', 'import boto3']).status !== 0) this.skip();
    const env = { ...(await hostileUserEnvironment(dir)), ...offlineEnvironment(server, files) };
    // As the generated Python helper does: Debian's boto3 1.26 ignores AWS_ENDPOINT_URL_SECRETS_MANAGER.
    const script = [
      'import boto3, os',
      'c = boto3.client("secretsmanager", endpoint_url=os.environ.get("AWS_ENDPOINT_URL_SECRETS_MANAGER"))',
      'print(c.get_secret_value(SecretId="n")["SecretString"])',
    ].join('\n');
    const run = await runChild('python3', ['-c', script], env);
    assert.equal(run.stdout.trim(), 'recorded-ok');
    const [, key, region] = signedWith(recorder.requests[0].authorization) ?? [];
    assert.equal(key, server.accessKeyId);
    assert.equal(region, server.region);
    assert.equal(recorder.requests[0].token, undefined);
  });

  it('prints POSIX export lines that a shell evaluates back to the same values', () => {
    const env = { ...offlineEnvironment(server, files), ODD: "it's $HOME `x`" };
    const lines = exportLines(env);
    const run = spawnSync('sh', ['-c', `${lines}\nprintf '%s\\n' "$AWS_ENDPOINT_URL_SECRETS_MANAGER" "$ODD"`], {
      encoding: 'utf8',
    });
    assert.deepEqual(run.stdout.trim().split('\n'), [server.endpoint, env.ODD]);
  });

  it('generates keys with the same non-AWS prefix as serve, which no scanner takes for a real AWS key', () => {
    for (let i = 0; i < 20; i++) {
      const offline = generateServerCredentials();
      assert.equal(offline.accessKeyId.slice(0, 4), generateAccessKey().accessKeyId.slice(0, 4));
      const line = `AWS_ACCESS_KEY_ID=${offline.accessKeyId}\naws_access_key_id = ${offline.accessKeyId}\n`;
      const findings = scanText(line, { path: 'terminal.log' }).findings;
      assert.deepEqual(
        findings.map((f) => f.ruleId),
        [],
        'an offline key in a log is not reported as an AWS key',
      );
    }
  });
});
