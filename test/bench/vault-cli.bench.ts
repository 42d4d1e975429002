// The vault through the whole CLI process (`node dist/cli.js secrets …`, raw-key slot so no KDF) at several
// sizes, so growth is visible: list, get and put wall clock, plus the in-process open and Node's own start.
//   npm run bench -- vault-cli          BENCH_SIZES=1000,10000 to pick sizes
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SecretsEngine } from '../../src/core/store/index';
import { VaultStore, generateRawVaultKey } from '../../src/core/vault/index';

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const versionsPerSecret = 3;
const runs = Number(process.env.BENCH_RUNS ?? 7);
const bars: Record<number, Partial<Record<'list' | 'get' | 'put', number>>> = {
  10_000: { list: 600, get: 400, put: 450 },
  50_000: { list: 1500 },
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const cpuPreload = join(__dirname, 'cpu-at-exit.cjs');
/** CPU time (user + system) of each process timed, by label: printed beside the wall clock. */
const cpuByLabel = new Map<string, number[]>();

function timeProcess(args: string[], env: NodeJS.ProcessEnv, input?: string, label = args.join(' ')): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, {
    env: { ...env, NODE_OPTIONS: `--require ${cpuPreload}` },
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  const cpu = Number(/cpu-ms ([\d.]+)\s*$/.exec(result.stderr.toString())?.[1]);
  cpuByLabel.set(label, [...(cpuByLabel.get(label) ?? []), cpu]);
  return ms;
}
const cpuOf = (label: string) => median(cpuByLabel.get(label) ?? [Number.NaN]);

async function main(): Promise<void> {
  execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' }); // measure the current code
  const cli = join(process.cwd(), 'dist', 'cli.js');
  const env = cleanEnv();
  console.log(`load average ${load()} on ${cpus().length} CPUs; medians of ${runs} fresh processes`);
  const nodeStart = median(Array.from({ length: runs }, () => timeProcess(['-e', '0'], env, undefined, 'node')));
  const cliStart = median(Array.from({ length: runs }, () => timeProcess([cli, '--version'], env, undefined, 'cli')));
  console.log(
    `node -e 0: ${fmt(nodeStart)} (CPU ${fmt(cpuOf('node'))})   ` +
      `node dist/cli.js --version: ${fmt(cliStart)} (CPU ${fmt(cpuOf('cli'))})`,
  );
  const results = new Map<number, Record<string, number>>();
  for (const size of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'sw-vault-cli-bench-'));
    try {
      const path = join(dir, 'bench.swv');
      const key = generateRawVaultKey();
      await fill(path, key, size);
      const bytes = (await stat(path)).size;
      const vaultEnv = { ...env, SECRETS_WORKBENCH_VAULT: path, SECRETS_WORKBENCH_VAULT_KEY: key.toString('base64') };
      const openMs = median(
        await sequence(runs, async () => {
          const t = performance.now();
          const store = await VaultStore.open(path, { kind: 'raw', key });
          const ms = performance.now() - t;
          store.close();
          return ms;
        }),
      );
      const name = (i: number) => `bench/svc_${(i * 7919) % size}/db`;
      const figures = {
        open: openMs,
        list: median(
          Array.from({ length: runs }, () => timeProcess([cli, 'secrets', 'list'], vaultEnv, undefined, `list${size}`)),
        ),
        get: median(
          Array.from({ length: runs }, (_, i) =>
            timeProcess([cli, 'secrets', 'get', name(i)], vaultEnv, undefined, `get${size}`),
          ),
        ),
        put: median(
          Array.from({ length: runs }, (_, i) =>
            timeProcess([cli, 'secrets', 'put', name(i)], vaultEnv, value(), `put${size}`),
          ),
        ),
      };
      results.set(size, figures);
      const bar = bars[size] ?? {};
      const mark = (op: 'list' | 'get' | 'put') =>
        `${fmt(figures[op])} (CPU ${fmt(cpuOf(`${op}${size}`))})${bar[op] === undefined ? '' : ` (bar < ${bar[op]} ms: ${figures[op] < bar[op]! ? 'met' : 'NOT met'})`}`;
      console.log(
        `${String(size).padStart(6)} secrets × ${versionsPerSecret} versions, ${(bytes / 1e6).toFixed(1)} MB: ` +
          `open (in-process, no KDF) ${fmt(figures.open)}\n` +
          `        list ${mark('list')}\n        get  ${mark('get')}\n        put  ${mark('put')}   [load ${load()}]`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const small = results.get(10_000);
  const large = results.get(50_000);
  if (small && large) {
    // Linear growth means the time beyond Node's start grows at most 5× for 5× the secrets.
    const growth = (large.list - nodeStart) / (small.list - nodeStart);
    console.log(
      `list growth 10k → 50k (beyond node start): ×${growth.toFixed(2)} (linear: ×5, ${growth <= 5 ? 'met' : 'NOT met'})`,
    );
  }
}

async function sequence<T>(count: number, fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i++) out.push(await fn());
  return out;
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('npm_') && !k.startsWith('SECRETS_WORKBENCH_') && k !== 'NODE_OPTIONS') env[k] = v;
  }
  return env;
}

function value(): string {
  return JSON.stringify({ username: 'svc', password: randomBytes(24).toString('base64url') });
}

/** Creates a raw-key vault of `size` secrets × 3 versions through the store's own write path, in one write. */
async function fill(path: string, key: Buffer, size: number): Promise<void> {
  const store = await VaultStore.create(path, { kind: 'raw', key });
  const internals = store as unknown as { write<T>(fn: (e: SecretsEngine) => T): Promise<T> };
  await internals.write((engine) => {
    for (let i = 0; i < size; i++) {
      const name = `bench/svc_${i}/db`;
      engine.createSecret({
        name,
        secretString: value(),
        description: `Service ${i} database`,
        tags: [{ key: 'team', value: `t${i % 17}` }],
      });
      for (let v = 1; v < versionsPerSecret; v++) {
        engine.putSecretValue({ secretId: name, secretString: value(), clientRequestToken: randomUUID() });
      }
    }
  });
  store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
