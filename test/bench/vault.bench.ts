// Vault benchmark: 10,000 secrets × 3 versions. Prints open+decrypt and put medians, and the one-time KDF.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { VaultStore, defaultScrypt, generateRawVaultKey } from '../../src/core/vault/index';

const secrets = Number(process.env.BENCH_SECRETS ?? 10_000);
const versionsPerSecret = 3;
const openRuns = 15;
const putRuns = 60;
const passphrase = `bench-${randomBytes(12).toString('base64url')}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sw-vault-bench-'));
  try {
    const path = join(dir, 'bench.swv');
    // One KDF to create the vault (the data key), then fill it directly with a realistic state.
    let started = performance.now();
    const empty = await VaultStore.create(path, { kind: 'passphrase', passphrase });
    const createMs = performance.now() - started;
    empty.close();

    started = performance.now();
    const store = await VaultStore.open(path, { kind: 'passphrase', passphrase });
    const kdfOpenMs = performance.now() - started;
    // Fill through the store's own write path in a single batch of the engine (fast), then measure.
    await fill(store);
    store.close();
    const size = (await stat(path)).size;

    // Open + decrypt without the KDF: the same vault through a raw-key slot (HKDF, microseconds).
    const rawKey = generateRawVaultKey();
    const withSlot = await VaultStore.open(path, { kind: 'passphrase', passphrase });
    await withSlot.addKeySlot({ kind: 'raw', key: rawKey });
    withSlot.close();
    const openMs: number[] = [];
    const openCpuMs: number[] = [];
    const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
    for (let i = 0; i < openRuns; i++) {
      gc(); // start each open from a clean heap, so one run's garbage is not billed to the next
      const t = performance.now();
      const cpu = process.cpuUsage();
      const opened = await VaultStore.open(path, { kind: 'raw', key: rawKey });
      openMs.push(performance.now() - t);
      openCpuMs.push(cpuMs(cpu));
      opened.close();
    }
    const reopen = await VaultStore.open(path, { kind: 'raw', key: rawKey });
    await reopen.listSecrets({ maxResults: 1 });

    const putMs: number[] = [];
    const putCpuMs: number[] = [];
    for (let i = 0; i < putRuns; i++) {
      const secretId = `bench/svc_${(i * 7919) % secrets}/db`;
      const t = performance.now();
      const cpu = process.cpuUsage();
      await reopen.putSecretValue({ secretId, secretString: value() });
      putMs.push(performance.now() - t);
      putCpuMs.push(cpuMs(cpu));
    }
    reopen.close();

    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} CPUs`,
    );
    console.log(`vault: ${secrets} secrets × ${versionsPerSecret} versions, file ${(size / 1e6).toFixed(2)} MB`);
    console.log(
      `  KDF (scrypt N=2^${Math.log2(defaultScrypt.N)}, r=${defaultScrypt.r}, p=${defaultScrypt.p}), one-time per open/create: ${fmt(kdfOpenMs)} (create ${fmt(createMs)})`,
    );
    console.log(
      `  open + decrypt (KDF excluded), median of ${openRuns}: ${fmt(median(openMs))}  (bar < 300 ms; CPU ${fmt(median(openCpuMs))})`,
    );
    console.log(
      `  one put (lock, re-read, encrypt, fsync, rename), median of ${putRuns}: ${fmt(median(putMs))}  (bar < 30 ms; CPU ${fmt(median(putCpuMs))})`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** This process's CPU time since `since` (user + system), in ms: unaffected by other processes' load. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function value(): string {
  return JSON.stringify({ username: 'svc', password: randomBytes(24).toString('base64url') });
}

async function fill(store: VaultStore): Promise<void> {
  // Build the state with the engine's own record shape, in one write.
  const internals = store as unknown as {
    write<T>(fn: (e: import('../../src/core/store/index').SecretsEngine) => T): Promise<T>;
  };
  await internals.write((engine) => {
    for (let i = 0; i < secrets; i++) {
      const name = `bench/svc_${i}/db`;
      engine.createSecret({
        name,
        secretString: value(),
        description: `Service ${i} database`,
        tags: [{ key: 'team', value: `t${i % 17}` }],
      });
      for (let v = 1; v < versionsPerSecret; v++)
        engine.putSecretValue({ secretId: name, secretString: value(), clientRequestToken: randomUUID() });
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
