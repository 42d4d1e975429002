// `secrets-workbench run` as a user runs it: a real process over a local vault and over the Secrets
// Manager-protocol server (the AWS path, real SDK and SigV4), injecting the project's env map into a child.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSecretsServer } from '../../../src/core/server/index';
import { VaultStore } from '../../../src/core/vault/index';
import { syntheticValue } from '../store/contract';

const repoRoot = join(__dirname, '..', '..', '..');
const cliEntry = join(repoRoot, 'src', 'cli', 'main.ts');
// An absolute loader URL: the CLI runs from folders that have no node_modules.
const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

describe('CLI: run injects the env map', function () {
  this.timeout(60_000);
  let dir: string;
  let vaultPath: string;
  const key = randomBytes(32);
  const token = syntheticValue();
  const dbPassword = syntheticValue();
  const dbSecret = 'shop/dev/db';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-run-'));
    vaultPath = join(dir, 'vault.swv');
    const vault = await VaultStore.create(vaultPath, { kind: 'raw', key });
    await vault.createSecret({ name: 'shop/dev/api-token', secretString: token });
    await vault.createSecret({
      name: 'shop/dev/db',
      secretString: JSON.stringify({ username: 'app', password: dbPassword, port: 5432 }),
    });
    vault.close();
    await writeFile(
      join(dir, '.secrets-workbench.json'),
      JSON.stringify({
        ignore: [],
        env: { API_TOKEN: 'shop/dev/api-token', DB_PASSWORD: `${dbSecret}#password`, DB_PORT: `${dbSecret}#port` },
      }),
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  function run(args: string[], options: { cwd?: string; onSpawn?: (pid: number) => void } = {}): Promise<Result> {
    const child = spawn(process.execPath, ['--import', tsxLoader, cliEntry, 'run', ...args], {
      cwd: options.cwd ?? dir,
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        SECRETS_WORKBENCH_VAULT: vaultPath,
        SECRETS_WORKBENCH_VAULT_KEY: key.toString('base64'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    options.onSpawn?.(child.pid!);
    return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  }

  const node = (script: string) => ['--', process.execPath, '-e', script];

  it('sets each variable from its secret (whole value, JSON keys) and prints only what the child prints', async () => {
    const result = await run(
      node(
        'const e = process.env; console.log([e.API_TOKEN.length, e.DB_PASSWORD.length, e.DB_PORT].join(" ")); console.log(JSON.stringify(process.argv));',
      ),
    );
    assert.equal(result.code, 0, result.stderr);
    const [lengths, argv] = result.stdout.trim().split('\n');
    assert.equal(lengths, `${token.length} ${dbPassword.length} 5432`);
    for (const value of [token, dbPassword]) {
      assert.ok(!argv.includes(value), 'no value in the child argument list');
      assert.ok(!result.stdout.includes(value) && !result.stderr.includes(value), 'no value in any output');
    }
    const files = await readdir(dir);
    for (const file of files.filter((f) => f !== 'vault.swv')) {
      const text = await readFile(join(dir, file), 'utf8').catch(() => '');
      assert.ok(!text.includes(token) && !text.includes(dbPassword), `no value in ${file}`);
    }
  });

  it("passes the child's exit code through", async () => {
    assert.equal((await run(node('process.exit(7)'))).code, 7);
  });

  it('dies by the signal that killed the child, and forwards signals it receives', async () => {
    const selfKilled = await run(node('process.kill(process.pid, "SIGTERM")'));
    assert.equal(selfKilled.signal, 'SIGTERM');

    let cliPid = 0;
    const script =
      'process.on("SIGTERM", () => { console.log("child got SIGTERM"); process.exit(42); }); console.log("ready"); setInterval(() => {}, 1000);';
    const pending = run(node(script), { onSpawn: (pid) => (cliPid = pid) });
    await waitFor(async () => (await childrenOf(cliPid)).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(cliPid, 'SIGTERM');
    const forwarded = await pending;
    assert.equal(forwarded.code, 42, forwarded.stderr);
    assert.match(forwarded.stdout, /child got SIGTERM/);
  });

  it('starts nothing when a reference cannot be resolved, naming the variable but no value', async () => {
    await writeFile(
      join(dir, 'broken.json'),
      JSON.stringify({ env: { API_TOKEN: 'shop/dev/api-token', MISSING_KEY: 'shop/dev/db#nope', GONE: 'shop/none' } }),
    );
    const result = await run(['--config', 'broken.json', ...node('console.log("started")')]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /MISSING_KEY → shop\/dev\/db#nope: the secret has no key "nope"/);
    assert.match(result.stderr, /GONE → shop\/none: /);
    assert.ok(!result.stderr.includes(token) && !result.stderr.includes(dbPassword));
  });

  it('finds the config from a subfolder, and refuses without a command or an env map', async () => {
    const sub = await mkdtemp(join(dir, 'sub-'));
    assert.equal((await run(node('process.exit(process.env.API_TOKEN ? 0 : 9)'), { cwd: sub })).code, 0);
    assert.equal((await run([])).code, 2);
    const empty = await mkdtemp(join(tmpdir(), 'swb-run-empty-'));
    await writeFile(join(empty, '.secrets-workbench.json'), '{}');
    const none = await run(node('1'), { cwd: empty });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no "env" map/);
    await rm(empty, { recursive: true, force: true });
  });

  it('resolves from an AWS connection (the Secrets Manager-protocol server, real SDK and SigV4)', async () => {
    const vault = await VaultStore.open(vaultPath, { kind: 'raw', key });
    const server = await startSecretsServer({ store: vault, port: 0 });
    try {
      await writeFile(
        join(dir, 'aws-credentials'),
        `[ci]\naws_access_key_id = ${server.accessKeyId}\naws_secret_access_key = ${server.secretAccessKey}\n`,
      );
      const child = spawn(
        process.execPath,
        [
          '--import',
          tsxLoader,
          cliEntry,
          'run',
          '--connection',
          `aws:ci:${server.region}:${server.endpoint}`,
          ...node('console.log(process.env.DB_PASSWORD.length)'),
        ],
        {
          cwd: dir,
          env: {
            PATH: process.env.PATH,
            HOME: dir,
            AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
            AWS_CONFIG_FILE: join(dir, 'no-config'),
          },
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (err += c));
      const code = await new Promise((resolve) => child.once('close', resolve));
      assert.equal(code, 0, err);
      assert.equal(out.trim(), String(dbPassword.length));
    } finally {
      await server.close();
      vault.close();
    }
  });
});

async function childrenOf(pid: number): Promise<string[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.split(' ').filter(Boolean);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
