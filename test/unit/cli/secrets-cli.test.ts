// The `secrets` CLI on a vault, in-process through runCli, plus one run of the bundled dist/cli.js.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { AccessLogWriter, accessLogPathFor } from '../../../src/core/access/log';
import { syntheticValue } from '../store/contract';
import { withTempDir } from '../vault/helpers';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe('secrets CLI on the local vault', function () {
  this.timeout(180_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  let vault: string;
  const passphrase = `pp-${syntheticValue()}`;
  const rawKey = generateRawVaultKey();
  const values = [syntheticValue(), syntheticValue()];
  const allStderr: string[] = [];

  /** Runs `secrets <args>` in-process; the vault is opened with its raw key unless `env` says otherwise. */
  async function cli(
    args: string[],
    options: { stdin?: string; env?: NodeJS.ProcessEnv; vault?: string } = {},
  ): Promise<Result> {
    let stdout = '';
    let stderr = '';
    const sink = (append: (s: string) => void) =>
      new Writable({
        write(chunk, _encoding, done) {
          append(chunk.toString());
          done();
        },
      });
    const code = await runCli(['secrets', ...args, '--vault', options.vault ?? vault], {
      stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
      stdout: sink((s) => (stdout += s)),
      stderr: sink((s) => (stderr += s)),
      env: { SECRETS_WORKBENCH_VAULT_KEY: rawKey.toString('base64'), HOME: dir, ...options.env },
      cwd: dir,
    });
    allStderr.push(stderr);
    return { code, stdout, stderr };
  }

  before(async () => {
    ({ dir, cleanup } = await withTempDir());
    vault = join(dir, 'cli.swv');
    // A raw-key slot keeps the many CLI calls fast (no KDF each); the passphrase path is tested on its own.
    const store = await VaultStore.create(vault, { kind: 'raw', key: rawKey });
    await store.addKeySlot({ kind: 'passphrase', passphrase });
    store.close();
  });
  after(() => cleanup());

  it('initialises a passphrase vault once, opens it with the passphrase, and refuses to replace it', async () => {
    const path = join(dir, 'init.swv');
    const env = { SECRETS_WORKBENCH_PASSPHRASE: passphrase, SECRETS_WORKBENCH_VAULT_KEY: '' };
    const created = await cli(['init'], { vault: path, env });
    assert.equal(created.code, 0, created.stderr);
    const before = await readFile(path);
    const again = await cli(['init'], { vault: path, env });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
    assert.ok((await readFile(path)).equals(before));
    const listed = await cli(['list'], { vault: path, env });
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout, 'No secrets.\n');
    const wrong = await cli(['list'], {
      vault: path,
      env: { ...env, SECRETS_WORKBENCH_PASSPHRASE: 'wrong-passphrase' },
    });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /Wrong passphrase/);
    const none = await cli(['list'], {
      vault: path,
      env: { SECRETS_WORKBENCH_PASSPHRASE: '', SECRETS_WORKBENCH_VAULT_KEY: '' },
    });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /SECRETS_WORKBENCH_PASSPHRASE/);
  });

  it('creates from stdin, puts from --value-file, and get prints the value only', async () => {
    const created = await cli(['create', 'app/db', '--description', 'main db', '--tag', 'team=core', '--json'], {
      stdin: values[0],
    });
    assert.equal(created.code, 0, created.stderr);
    const createdJson = JSON.parse(created.stdout);
    assert.deepEqual(Object.keys(createdJson).sort(), ['ARN', 'Name', 'VersionId']);
    const file = join(dir, 'value.json');
    await writeFile(file, JSON.stringify({ username: 'app', password: values[1] }));
    const put = await cli(['put', 'app/db', '--value-file', file, '--json']);
    assert.equal(put.code, 0, put.stderr);
    assert.deepEqual(JSON.parse(put.stdout).VersionStages, ['AWSCURRENT']);
    const got = await cli(['get', 'app/db']);
    assert.equal(got.stdout, JSON.stringify({ username: 'app', password: values[1] }));
    const previous = await cli(['get', 'app/db', '--version-stage', 'AWSPREVIOUS']);
    assert.equal(previous.stdout, values[0]);
  });

  it('describes and lists in Secrets Manager shapes, never with values', async () => {
    const described = JSON.parse((await cli(['describe', 'app/db', '--json'])).stdout);
    assert.equal(described.Name, 'app/db');
    assert.equal(described.Description, 'main db');
    assert.deepEqual(described.Tags, [{ Key: 'team', Value: 'core' }]);
    assert.equal(
      Object.values(described.VersionIdsToStages as Record<string, string[]>)
        .flat()
        .sort()
        .join(),
      'AWSCURRENT,AWSPREVIOUS',
    );
    assert.match(described.CreatedDate, /^\d{4}-\d\d-\d\dT/);
    const listed = await cli(['list', '--json']);
    assert.deepEqual(
      JSON.parse(listed.stdout).SecretList.map((s: { Name: string }) => s.Name),
      ['app/db'],
    );
    for (const text of [JSON.stringify(described), listed.stdout]) {
      for (const value of values) assert.ok(!text.includes(value));
    }
  });

  it('rotates one JSON key with a generated value and diffs the two versions key by key', async () => {
    const rotated = await cli(['rotate', 'app/db', '--key', 'password', '--length', '24', '--exclude-punctuation']);
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.ok(!rotated.stdout.includes(values[1]));
    const current = JSON.parse((await cli(['get', 'app/db'])).stdout);
    assert.match(current.password, /^[A-Za-z0-9]{24}$/);
    assert.ok(!rotated.stdout.includes(current.password), 'rotate does not print the new value');
    const diff = await cli(['diff', 'app/db']);
    assert.equal(
      diff.stdout,
      `- password: ${JSON.stringify(values[1])}\n+ password: ${JSON.stringify(current.password)}\n`,
    );
    const versions = JSON.parse((await cli(['versions', 'app/db', '--include-deprecated', '--json'])).stdout);
    assert.equal(versions.Versions.length, 3);
    const oldest = versions.Versions[2].VersionId as string;
    const text = await cli(['diff', 'app/db', '--from', oldest, '--to', 'AWSCURRENT', '--json']);
    const json = JSON.parse(text.stdout);
    assert.equal(json.Kind, 'text');
    assert.match(json.Diff, /^--- app\/db@/);
  });

  it('history prints the calls the access log holds for a secret, newest first (and --json)', async () => {
    assert.equal((await cli(['create', 'hist/app'], { stdin: values[0] })).code, 0);
    const arn = JSON.parse((await cli(['describe', 'hist/app', '--json'])).stdout).ARN as string;
    const log = new AccessLogWriter(accessLogPathFor(vault));
    for (const minute of [1, 2]) {
      log.append({
        time: new Date(Date.UTC(2026, 0, 1, 0, minute)),
        action: 'GetSecretValue',
        principal: 'arn:aws:iam::000000000000:user/secrets-workbench',
        sourceIp: '127.0.0.1',
        secretId: 'hist/app',
        secretName: 'hist/app',
        secretArn: arn,
        source: 'local',
      });
    }
    await log.flush();
    const human = await cli(['history', 'hist/app']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^# Who read hist\/app$/m);
    const rows = human.stdout.split('\n').filter((l) => l.includes('| GetSecretValue |'));
    assert.deepEqual(
      rows.map((r) => r.slice(2, 21)),
      ['2026-01-01 00:02:00', '2026-01-01 00:01:00'],
    );
    const json = JSON.parse((await cli(['history', 'hist/app', '--json', '--limit', '1'])).stdout);
    assert.equal(json.events.length, 1);
    assert.equal(json.events[0].time, '2026-01-01T00:02:00.000Z');
    assert.equal(json.source, 'local');
    assert.ok(!human.stdout.includes(values[0]));
    assert.match((await cli(['history', 'hist/app', '--limit', 'x'])).stderr, /--limit must be a whole number/);
  });

  it('rotation-health lists each secret worst first, and exits 1 once a rotation is stuck', async () => {
    assert.equal((await cli(['create', 'health/fine'], { stdin: values[0] })).code, 0);
    const healthy = await cli(['rotation-health']);
    assert.equal(healthy.code, 0, healthy.stderr);
    assert.match(healthy.stdout, /^NAME\s+STATE\s+REMEDY$/m);
    assert.match(healthy.stdout, /^health\/fine\s+/m);
    // a version left in AWSPENDING two hours ago: a rotation that never finished
    const twoHoursAgo = Date.now() - 2 * 3600_000;
    const store = await VaultStore.open(vault, { kind: 'raw', key: rawKey }, { now: () => twoHoursAgo });
    await store.createSecret({ name: 'health/stuck', secretString: syntheticValue() });
    await store.putSecretValue({
      secretId: 'health/stuck',
      secretString: syntheticValue(),
      versionStages: ['AWSPENDING'],
    });
    store.close();
    const stuck = await cli(['rotation-health']);
    assert.equal(stuck.code, 1, stuck.stderr);
    assert.match(stuck.stdout.split('\n')[1]!, /^health\/stuck\s+Failed\s+/, 'the worst comes first');
    const json = JSON.parse((await cli(['rotation-health', '--json'])).stdout) as {
      Secrets: { Name: string; State: string; Found: string }[];
    };
    const entry = json.Secrets.find((s) => s.Name === 'health/stuck');
    assert.equal(entry?.State, 'failed');
    assert.match(entry!.Found, /AWSPENDING/);
    for (const value of values) assert.ok(!stuck.stdout.includes(value));
  });

  it('moves stages, tags, deletes and restores, with exit code 1 for refusals', async () => {
    const versions = JSON.parse((await cli(['versions', 'app/db', '--json'])).stdout).Versions as Array<{
      VersionId: string;
      VersionStages: string[];
    }>;
    const current = versions.find((v) => v.VersionStages.includes('AWSCURRENT'))!.VersionId;
    const previous = versions.find((v) => v.VersionStages.includes('AWSPREVIOUS'))!.VersionId;
    const moved = await cli([
      'stage',
      'app/db',
      '--stage',
      'AWSCURRENT',
      '--move-to',
      previous,
      '--remove-from',
      current,
    ]);
    assert.equal(moved.code, 0, moved.stderr);
    assert.equal(JSON.parse((await cli(['get', 'app/db'])).stdout).password, values[1]);
    const refused = await cli(['stage', 'app/db', '--stage', 'AWSCURRENT', '--move-to', current]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /InvalidParameterException/);

    assert.equal((await cli(['tag', 'app/db', 'env=prod', 'team=ops'])).code, 0);
    assert.equal((await cli(['untag', 'app/db', 'team'])).code, 0);
    assert.deepEqual(JSON.parse((await cli(['describe', 'app/db', '--json'])).stdout).Tags, [
      { Key: 'env', Value: 'prod' },
    ]);

    const deleted = await cli(['delete', 'app/db', '--recovery-window-in-days', '7', '--json']);
    assert.ok(JSON.parse(deleted.stdout).DeletionDate);
    const blocked = await cli(['get', 'app/db']);
    assert.equal(blocked.code, 1);
    assert.match(blocked.stderr, /InvalidRequestException/);
    assert.equal((await cli(['restore', 'app/db'])).code, 0);
    assert.equal((await cli(['get', 'app/db', '--json'])).code, 0);
  });

  it('uses exit code 1 for not found and a wrong key, 2 for usage and I/O errors', async () => {
    assert.equal((await cli(['get', 'nope/none'])).code, 1);
    const wrongKey = generateRawVaultKey().toString('base64');
    assert.equal((await cli(['list'], { env: { SECRETS_WORKBENCH_VAULT_KEY: wrongKey } })).code, 1);
    assert.equal((await cli(['frobnicate'])).code, 2);
    assert.equal((await cli(['get'])).code, 2);
    assert.equal((await cli(['list'], { vault: join(dir, 'absent.swv') })).code, 2);
  });

  it('never takes a value from argv and never echoes one to stderr', async () => {
    const value = syntheticValue();
    const extra = await cli(['put', 'app/db', value]);
    assert.equal(extra.code, 2);
    const option = await cli(['put', 'app/db', `--value=${value}`]);
    assert.equal(option.code, 2);
    const command = await cli([value]);
    assert.equal(command.code, 2);
    await cli(['create', 'app/other'], { stdin: value });
    await cli(['create', 'app/other'], { stdin: value }); // exists: refused
    const stderr = allStderr.join('\n');
    assert.ok(stderr.length > 0, 'errors were printed');
    for (const secret of [...values, value]) assert.ok(!stderr.includes(secret), 'no value on stderr');
  });

  it('refuses a recovery window together with force delete, deleting nothing (exit code 1)', async () => {
    const created = await cli(['create', 'app/both'], { stdin: syntheticValue() });
    assert.equal(created.code, 0, created.stderr);
    const both = await cli(['delete', 'app/both', '--recovery-window-in-days', '7', '--force-delete-without-recovery']);
    assert.equal(both.code, 1);
    assert.match(both.stderr, /not both/);
    assert.equal((await cli(['describe', 'app/both'])).code, 0, 'still there, not scheduled');
    assert.doesNotMatch((await cli(['describe', 'app/both'])).stdout, /Deleted:/);
  });

  it('runs as the bundled dist/cli.js with the passphrase from the environment', async () => {
    execFileSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SECRETS_WORKBENCH_PASSPHRASE: passphrase,
      SECRETS_WORKBENCH_VAULT: vault,
    };
    delete env.SECRETS_WORKBENCH_VAULT_KEY;
    const value = syntheticValue();
    const put = spawnSync('node', ['dist/cli.js', 'secrets', 'put', 'app/db'], { input: value, env, encoding: 'utf8' });
    assert.equal(put.status, 0, put.stderr);
    const got = spawnSync('node', ['dist/cli.js', 'secrets', 'get', 'app/db'], { env, encoding: 'utf8' });
    assert.equal(got.stdout, value);
    assert.equal(got.stderr, '');
  });
});
