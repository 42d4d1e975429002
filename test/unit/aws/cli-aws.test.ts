// `secrets-workbench secrets … --store aws` against the local server, in process.
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { simulatedRotationLambdas } from '../../../src/core/server/index';
import { syntheticValue } from '../store/contract';
import { startLocalAws, type LocalAws } from './helpers';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('CLI: secrets --store aws', function () {
  this.timeout(30_000);
  let local: LocalAws;
  beforeEach(async () => {
    local = await startLocalAws();
  });
  afterEach(() => local.close());

  async function cli(args: string[], stdin = '', env: NodeJS.ProcessEnv = local.env): Promise<Run> {
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env, cwd: '/' };
    let stdout = '';
    let stderr = '';
    io.stdout.on('data', (c) => (stdout += c));
    io.stderr.on('data', (c) => (stderr += c));
    io.stdin.end(stdin);
    const code = await runCli(['secrets', ...args, '--store', 'aws'], io);
    return { code, stdout, stderr };
  }

  it('creates, reads, lists, rotates with a generated value and lists versions', async () => {
    const value = syntheticValue();
    assert.equal((await cli(['create', 'cli/db'], value)).code, 0);
    const got = await cli(['get', 'cli/db']);
    assert.deepEqual([got.code, got.stdout], [0, value]);
    const listed = JSON.parse((await cli(['list', '--json'])).stdout);
    assert.deepEqual(
      listed.SecretList.map((s: { Name: string }) => s.Name),
      ['cli/db'],
    );
    const rotated = await cli(['rotate', 'cli/db', '--length', '20', '--exclude-punctuation']);
    assert.equal(rotated.code, 0);
    assert.ok(!rotated.stdout.includes(value));
    const now = (await cli(['get', 'cli/db'])).stdout;
    assert.match(now, /^[A-Za-z0-9]{20}$/);
    const versions = JSON.parse((await cli(['versions', 'cli/db', '--json'])).stdout);
    assert.deepEqual(versions.Versions.map((v: { VersionStages: string[] }) => v.VersionStages).sort(), [
      ['AWSCURRENT'],
      ['AWSPREVIOUS'],
    ]);
  });

  it('rotates with a Lambda on a schedule and waits for it', async () => {
    await cli(['create', 'cli/rot'], JSON.stringify({ username: 'u', password: syntheticValue() }));
    const arn = `arn:aws:lambda:us-east-1:000000000000:function:${simulatedRotationLambdas.generatedPassword}`;
    const run = await cli([
      'rotate',
      'cli/rot',
      '--rotation-lambda-arn',
      arn,
      '--automatically-after-days',
      '30',
      '--wait',
      '--json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.RotationStatus, 'succeeded');
    const described = JSON.parse((await cli(['describe', 'cli/rot', '--json'])).stdout);
    assert.equal(described.RotationEnabled, true);
    assert.deepEqual(described.RotationRules, { AutomaticallyAfterDays: 30 });
    assert.deepEqual(described.VersionIdsToStages[out.VersionId], ['AWSCURRENT']);
  });

  it('reports a stuck rotation with its AWSPENDING version and exit code 1', async () => {
    await cli(['create', 'cli/stuck'], syntheticValue());
    const run = await cli([
      'rotate',
      'cli/stuck',
      '--rotation-lambda-arn',
      simulatedRotationLambdas.stuck,
      '--wait',
      '--wait-seconds',
      '1',
    ]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /version [0-9a-f-]{36} is still AWSPENDING/);
  });

  it('says what to run when the profile has no credentials', async () => {
    const run = await cli(['list', '--profile', 'nosuch', '--endpoint', local.server.endpoint], '', {
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /AWS profile "nosuch" has no usable credentials\. Run: aws configure --profile nosuch/);
  });

  it('refuses --vault with --store aws', async () => {
    const run = await cli(['list', '--vault', '/tmp/x.swv']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--vault applies to --store local only/);
  });
});
