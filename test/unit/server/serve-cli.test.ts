// `secrets-workbench serve` as a user runs it: a child process over a passphrase vault, stopped by SIGTERM.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { accessLogPathFor } from '../../../src/core/access/log';
import { createAwsStore } from '../../../src/core/aws/index';
import { simulatedRotationLambdas } from '../../../src/core/server/index';
import { VaultStore } from '../../../src/core/vault/index';
import { syntheticValue } from '../store/contract';
import { Capture } from '../../support/cli-run';

const cliEntry = join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts');

describe('CLI: serve', function () {
  this.timeout(60_000);
  let dir: string;
  let vaultPath: string;
  const passphrase = `pp-${syntheticValue()}`;
  let child: ChildProcess | undefined;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-serve-'));
    vaultPath = join(dir, 'vault.swv');
    (await VaultStore.create(vaultPath, { kind: 'passphrase', passphrase })).close();
  });
  after(() => rm(dir, { recursive: true, force: true }));
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  function start(args: string[], env: NodeJS.ProcessEnv = {}) {
    child = spawn(process.execPath, ['--import', 'tsx', cliEntry, 'serve', ...args], {
      env: { PATH: process.env.PATH, HOME: dir, SECRETS_WORKBENCH_PASSPHRASE: passphrase, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    return { child, exited, stderr: () => stderr };
  }

  it('prints the export lines once, serves the vault to the SDK, and stops cleanly on SIGTERM', async () => {
    const run = start(['--vault', vaultPath, '--port', '0']);
    const lines: string[] = [];
    const reader = createInterface({ input: run.child.stdout! });
    reader.on('line', (line) => lines.push(line));
    await new Promise<void>((resolve, reject) => {
      reader.on('line', () => lines.length === 4 && resolve());
      run.exited.then(() => reject(new Error(`serve exited early: ${run.stderr()}`)));
    });
    const exported = Object.fromEntries(
      lines.map((line) => {
        const m = /^export ([A-Z_]+)='([^']+)'$/.exec(line);
        assert.ok(m, `a single-quoted export line: ${line.slice(0, 40)}`);
        return [m[1], m[2]];
      }),
    );
    assert.deepEqual(Object.keys(exported).sort(), [
      'AWS_ACCESS_KEY_ID',
      'AWS_ENDPOINT_URL_SECRETS_MANAGER',
      'AWS_REGION',
      'AWS_SECRET_ACCESS_KEY',
    ]);
    assert.match(exported.AWS_ENDPOINT_URL_SECRETS_MANAGER, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(!run.stderr().includes(exported.AWS_SECRET_ACCESS_KEY), 'the key is printed once, on stdout');

    // An application using only the exported variables, as a user's code would.
    const store = await createAwsStore(
      {},
      { env: { ...exported, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } },
    );
    const value = JSON.stringify({ username: 'svc', password: syntheticValue() });
    await store.createSecret({ name: 'served/db', secretString: value });
    const rotation = await store.rotateWithLambda({
      secretId: 'served/db',
      rotationLambdaArn: simulatedRotationLambdas.generatedPassword,
    });
    const outcome = await store.waitForRotation('served/db', {
      versionId: rotation.versionId,
      pollIntervalMs: 50,
      timeoutMs: 10_000,
    });
    assert.equal(outcome.status, 'succeeded');
    store.destroy();

    run.child.kill('SIGTERM');
    assert.equal(await run.exited, 0);
    assert.equal(lines.length, 4, 'nothing more printed');

    // The writes went to the vault file.
    const vault = await VaultStore.open(vaultPath, { kind: 'passphrase', passphrase });
    try {
      const current = JSON.parse((await vault.getSecretValue({ secretId: 'served/db' })).secretString!);
      assert.equal(current.username, 'svc');
      assert.notEqual(current.password, JSON.parse(value).password);
      assert.equal(
        (await vault.getSecretValue({ secretId: 'served/db', versionStage: 'AWSPREVIOUS' })).secretString,
        value,
      );
      // Every call went to the access log beside the vault, and no value did.
      const events = await vault.accessEvents({ name: 'served/db' });
      assert.deepEqual([...new Set(events.map((e) => e.action))].sort(), [
        'CreateSecret',
        'DescribeSecret',
        'RotateSecret',
      ]);
      assert.ok(events.every((e) => e.sourceIp === '127.0.0.1' && e.accessKeyId === exported.AWS_ACCESS_KEY_ID));
      const log = await readFile(accessLogPathFor(vaultPath), 'utf8');
      assert.ok(!log.includes(JSON.parse(value).password) && !log.includes(current.password), 'no value logged');
    } finally {
      vault.close();
    }
  });

  it('refuses a --region that is not AWS region syntax before printing anything (no shell line can carry it)', async () => {
    for (const region of ['us-east-1;touch injected', 'us-east-1 $(id)', 'US-EAST-1', 'us-east-1\nexport X=1']) {
      const stdout = new Capture();
      const stderr = new Capture();
      const io = { stdin: new PassThrough(), stdout, stderr, env: { HOME: dir }, cwd: dir };
      assert.equal(await runCli(['serve', '--vault', vaultPath, '--region', region], io), 2, region);
      assert.equal(stdout.text, '');
      assert.match(stderr.text, /--region must be an AWS region name/);
    }
  });

  it('prints lines a shell evaluates to exactly the served values', async () => {
    const run = start(['--vault', vaultPath, '--region', 'us-gov-west-1']);
    let stdout = '';
    run.child.stdout!.on('data', (c) => (stdout += c));
    while (stdout.split('\n').length < 5) await new Promise((r) => setTimeout(r, 50));
    run.child.kill('SIGTERM');
    await run.exited;
    const shell = spawnSync(
      'sh',
      ['-c', 'eval "$1"; printf "%s\\n" "$AWS_REGION" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY"', 'sh', stdout],
      { encoding: 'utf8' },
    );
    const [region, keyId, secret] = shell.stdout.split('\n');
    assert.equal(region, 'us-gov-west-1');
    assert.match(keyId, /^ASWB[A-Z2-7]{16}$/);
    assert.ok(stdout.includes(`AWS_SECRET_ACCESS_KEY='${secret}'`), 'the secret key evaluates to itself');
  });

  it('refuses a missing vault and a wrong passphrase with exit code 1', async () => {
    const missing = start(['--vault', join(dir, 'none.swv')]);
    assert.equal(await missing.exited, 1);
    assert.match(missing.stderr(), /no vault at .*none\.swv/);
    const wrong = start(['--vault', vaultPath], { SECRETS_WORKBENCH_PASSPHRASE: 'not-the-passphrase' });
    assert.equal(await wrong.exited, 1);
    assert.match(wrong.stderr(), /passphrase/i);
    assert.ok(!wrong.stderr().includes('not-the-passphrase'));
  });
});
