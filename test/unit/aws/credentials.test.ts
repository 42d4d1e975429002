// A fixture ~/.aws tree (through AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE / HOME) resolved as the AWS CLI
// would: static keys, role_arn + source_profile through a loopback STS, credential_process, SSO, environment.
import { strict as assert } from 'node:assert';
import { SecretsManagerClient, type SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AwsCredentialsError,
  createAwsStore,
  listAwsProfiles,
  type AwsSecretStore,
  type AwsStoreDeps,
} from '../../../src/core/aws/index';
import { resolveAwsConnection } from '../../../src/core/aws/index';
import { generateAccessKey, startSecretsServer, type AccessKey } from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';
import { startFakeSts } from './fake-sts';

describe('AWS credentials and connection settings', function () {
  this.timeout(30_000);
  let home: string;
  let env: NodeJS.ProcessEnv;
  const staticKey = generateAccessKey();
  const processKey = generateAccessKey();
  const defaultKey = generateAccessKey();
  const leakedByBrokenProcess = 'synthetic-leak-' + generateAccessKey().secretAccessKey;
  const cleanups: Array<() => Promise<void> | void> = [];

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'swb-aws-home-'));
    const aws = join(home, '.aws');
    await mkdir(join(aws, 'sso', 'cache'), { recursive: true });
    const script = (key: AccessKey) =>
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(key.accessKeyId)}, SecretAccessKey: ${JSON.stringify(key.secretAccessKey)} }));`;
    await writeFile(join(home, 'creds.js'), script(processKey));
    await writeFile(
      join(home, 'broken.js'),
      `process.stdout.write(${JSON.stringify(leakedByBrokenProcess)}); process.exit(3);`,
    );
    await writeFile(
      join(home, 'fixture-config'),
      [
        '[default]',
        'region = eu-west-1',
        '',
        '[profile static]',
        'region = eu-central-1',
        '',
        '[profile role]',
        'role_arn = arn:aws:iam::123456789012:role/deploy',
        'source_profile = static',
        'role_session_name = wb-test',
        'region = ap-southeast-2',
        '',
        '[profile proc]',
        `credential_process = node ${join(home, 'creds.js')}`,
        'region = us-west-2',
        '',
        '[profile proc-broken]',
        `credential_process = node ${join(home, 'broken.js')}`,
        '',
        '[profile sso]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Developer',
        'region = eu-north-1',
        '',
        '[sso-session corp]',
        'sso_start_url = https://example.awsapps.com/start',
        'sso_region = eu-west-1',
        'sso_registration_scopes = sso:account:access',
        '',
        '[profile sso-legacy]',
        'sso_start_url = https://legacy.example.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_account_id = 123456789012',
        'sso_role_name = Developer',
        '',
        '[profile empty]',
        'region = ca-central-1',
        '',
        '[profile local]',
        'endpoint_url = http://127.0.0.1:4999',
        'services = local-sm',
        '',
        '[profile plain-endpoint]',
        'endpoint_url = http://127.0.0.1:4998',
        '',
        '[services local-sm]',
        'secretsmanager =',
        '  endpoint_url = http://127.0.0.1:4566',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(home, 'fixture-credentials'),
      [
        '[default]',
        `aws_access_key_id = ${defaultKey.accessKeyId}`,
        `aws_secret_access_key = ${defaultKey.secretAccessKey}`,
        '',
        '[static]',
        `aws_access_key_id = ${staticKey.accessKeyId}`,
        `aws_secret_access_key = ${staticKey.secretAccessKey}`,
        '',
      ].join('\n'),
    );
    // Expired SSO tokens, cached where `aws sso login` puts them (named by the sha1 of session name / start URL).
    const expired = (startUrl: string) =>
      JSON.stringify({
        accessToken: 'synthetic-expired-token',
        expiresAt: '2020-01-01T00:00:00Z',
        region: 'eu-west-1',
        startUrl,
      });
    const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
    await writeFile(join(aws, 'sso', 'cache', `${sha1('corp')}.json`), expired('https://example.awsapps.com/start'));
    await writeFile(
      join(aws, 'sso', 'cache', `${sha1('https://legacy.example.awsapps.com/start')}.json`),
      expired('https://legacy.example.awsapps.com/start'),
    );
    env = {
      HOME: home,
      // Not under HOME/.aws: the files must be found through the variables alone.
      AWS_CONFIG_FILE: join(home, 'fixture-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'fixture-credentials'),
    };
  });

  after(async () => {
    await rm(home, { recursive: true, force: true });
  });

  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  /** A server that accepts only `key`, and a store for `profile` pointed at it. */
  async function storeAgainst(
    key: AccessKey,
    profile: string | undefined,
    deps: AwsStoreDeps = {},
  ): Promise<AwsSecretStore> {
    const server = await startSecretsServer({ store: new MemoryStore(), credentials: key });
    const store = await createAwsStore({ profile, endpoint: server.endpoint }, { env, ...deps });
    cleanups.push(
      () => server.close(),
      () => store.destroy(),
    );
    return store;
  }

  /** The SDK's SSO/STS providers read HOME from process.env. */
  function withProcessHome(): void {
    const previous = process.env.HOME;
    process.env.HOME = home;
    cleanups.push(() => void (process.env.HOME = previous));
  }

  it('lists every profile with its kind, region and endpoint', async () => {
    const profiles = await listAwsProfiles(env);
    const byName = Object.fromEntries(profiles.map((p) => [p.name, p]));
    assert.equal(profiles[0].name, 'default');
    assert.deepEqual(Object.fromEntries(profiles.map((p) => [p.name, p.kind])), {
      default: 'static',
      empty: 'other',
      local: 'other',
      'plain-endpoint': 'other',
      proc: 'process',
      'proc-broken': 'process',
      role: 'role',
      sso: 'sso',
      'sso-legacy': 'sso',
      static: 'static',
    });
    assert.equal(byName.static.region, 'eu-central-1');
    assert.equal(byName.local.endpointUrl, 'http://127.0.0.1:4566');
    assert.equal(byName['plain-endpoint'].endpointUrl, 'http://127.0.0.1:4998');
  });

  it('signs with a static profile and takes its region', async () => {
    const store = await storeAgainst(staticKey, 'static');
    assert.equal(store.region, 'eu-central-1');
    assert.deepEqual((await store.listSecrets()).secrets, []);
  });

  it('assumes a role with the source profile’s keys through STS, then signs with the session keys', async () => {
    const sessionKey = generateAccessKey();
    const sts = await startFakeSts(staticKey, sessionKey);
    cleanups.push(() => sts.close());
    const store = await storeAgainst(sessionKey, 'role', { credentialClientConfig: { endpoint: sts.endpoint } });
    assert.equal(store.region, 'ap-southeast-2');
    await store.createSecret({ name: 'via/role', secretString: 'synthetic-role-value' });
    assert.deepEqual(sts.calls, [
      {
        roleArn: 'arn:aws:iam::123456789012:role/deploy',
        roleSessionName: 'wb-test',
        callerKeyId: staticKey.accessKeyId,
      },
    ]);
  });

  it('runs credential_process and signs with what it prints', async () => {
    const store = await storeAgainst(processKey, 'proc');
    assert.equal(store.region, 'us-west-2');
    assert.deepEqual((await store.listSecrets()).secrets, []);
  });

  it('explains a failing credential_process without repeating its output', async () => {
    const store = await storeAgainst(processKey, 'proc-broken');
    await assert.rejects(store.listSecrets(), (error: unknown) => {
      assert.ok(error instanceof AwsCredentialsError);
      assert.equal(error.problem, 'process-failed');
      assert.match(error.message, /AWS profile "proc-broken"/);
      assert.ok(!error.message.includes(leakedByBrokenProcess));
      return true;
    });
  });

  for (const profile of ['sso', 'sso-legacy']) {
    it(`says to run aws sso login for an expired SSO token (${profile})`, async () => {
      withProcessHome();
      const store = await storeAgainst(staticKey, profile);
      await assert.rejects(store.listSecrets(), (error: unknown) => {
        assert.ok(error instanceof AwsCredentialsError, String(error));
        assert.equal(error.problem, 'sso-expired');
        assert.equal(error.profile, profile);
        assert.equal(error.remedy, `aws sso login --profile ${profile}`);
        assert.match(error.message, new RegExp(`AWS profile "${profile}".*Run: aws sso login --profile ${profile}$`));
        assert.ok(!error.message.includes('synthetic-expired-token'));
        const cause = (error.cause as Error).message;
        assert.doesNotMatch(cause, /not found/, 'the profile itself was found');
        assert.match(cause, /SSO (session|Token)/);
        return true;
      });
    });
  }

  for (const profile of ['nosuch', 'empty']) {
    it(`says how to configure credentials when the profile has none (${profile})`, async () => {
      const store = await storeAgainst(staticKey, profile);
      await assert.rejects(store.listSecrets(), (error: unknown) => {
        assert.ok(error instanceof AwsCredentialsError, String(error));
        assert.equal(error.problem, 'missing');
        assert.match(error.message, new RegExp(`AWS profile "${profile}" has no usable credentials`));
        assert.match(error.remedy, new RegExp(`aws configure --profile ${profile}`));
        return true;
      });
    });
  }

  it('uses environment credentials when no profile is chosen, and AWS_PROFILE when set', async () => {
    const envKey = generateAccessKey();
    env = { ...env, AWS_ACCESS_KEY_ID: envKey.accessKeyId, AWS_SECRET_ACCESS_KEY: envKey.secretAccessKey };
    try {
      const fromEnv = await storeAgainst(envKey, undefined);
      assert.deepEqual((await fromEnv.listSecrets()).secrets, []);
      env.AWS_PROFILE = 'static';
      const fromProfile = await storeAgainst(staticKey, undefined);
      assert.equal(fromProfile.profile, 'static');
      assert.deepEqual((await fromProfile.listSecrets()).secrets, []);
    } finally {
      delete env.AWS_ACCESS_KEY_ID;
      delete env.AWS_SECRET_ACCESS_KEY;
      delete env.AWS_PROFILE;
    }
  });

  it('uses the default profile when nothing else is set', async () => {
    const store = await storeAgainst(defaultKey, undefined);
    assert.equal(store.profile, 'default');
    assert.equal(store.region, 'eu-west-1');
    assert.deepEqual((await store.listSecrets()).secrets, []);
  });

  it('hands the resolved settings to the injected client factory', async () => {
    let seen: SecretsManagerClientConfig | undefined;
    const store = await createAwsStore(
      { profile: 'static', endpoint: 'http://127.0.0.1:1' },
      {
        env,
        maxAttempts: 7,
        clientFactory: (config) => {
          seen = config;
          return new SecretsManagerClient(config);
        },
      },
    );
    cleanups.push(() => store.destroy());
    assert.equal(seen?.region, 'eu-central-1');
    assert.equal(seen?.endpoint, 'http://127.0.0.1:1');
    assert.equal(seen?.maxAttempts, 7);
    assert.equal(seen?.retryMode, 'standard');
    const credentials = await (seen!.credentials as () => Promise<{ accessKeyId: string }>)();
    assert.equal(credentials.accessKeyId, staticKey.accessKeyId);
  });

  it('resolves the region: connection, else profile, else us-east-1', async () => {
    assert.equal((await resolveAwsConnection({ profile: 'static', region: 'sa-east-1' }, env)).region, 'sa-east-1');
    assert.equal((await resolveAwsConnection({ profile: 'static' }, env)).region, 'eu-central-1');
    assert.equal((await resolveAwsConnection({ profile: 'proc-broken' }, env)).region, 'us-east-1');
  });

  it('resolves the endpoint: explicit, else AWS_ENDPOINT_URL_SECRETS_MANAGER, else the profile', async () => {
    const resolve = (config: { profile: string; endpoint?: string }, extra: NodeJS.ProcessEnv = {}) =>
      resolveAwsConnection(config, { ...env, ...extra }).then((r) => r.endpoint);
    const variable = { AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:7000' };
    assert.equal(
      await resolve({ profile: 'local', endpoint: 'http://127.0.0.1:9000' }, variable),
      'http://127.0.0.1:9000',
    );
    assert.equal(await resolve({ profile: 'local' }, variable), 'http://127.0.0.1:7000');
    assert.equal(await resolve({ profile: 'local' }), 'http://127.0.0.1:4566', 'services section first');
    assert.equal(await resolve({ profile: 'plain-endpoint' }), 'http://127.0.0.1:4998');
    assert.equal(await resolve({ profile: 'static' }), undefined);
    assert.equal(await resolve({ profile: 'local' }, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), undefined);
  });
});
