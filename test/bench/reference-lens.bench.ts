// CodeLens resolution against real stores: N reference lenses naming M secrets (some missing), resolved
// R times within a minute, as VS Code resolves visible lenses (all at once) on every scroll and edit.
// Bar (issue #24): at most one DescribeSecret per secret per connection per minute.
//
// Two stores: the local vault (VaultStore over a file), and the AWS SDK v3 store against the project's own
// Secrets Manager endpoint (`startSecretsServer`, SigV4-verified, loopback) over a vault. DescribeSecret calls
// are counted where they are served (the store behind the vault API or behind the server), not in the client.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAwsStore } from '../../src/core/aws/index';
import { referenceLensTitle } from '../../src/core/references/reference-present';
import { SecretMetadataCache } from '../../src/core/references/secret-metadata';
import { startSecretsServer } from '../../src/core/server/index';
import type { SecretStore, SecretsEngine } from '../../src/core/store/index';
import { VaultStore, generateRawVaultKey } from '../../src/core/vault/index';

const secretCount = Number(process.env.BENCH_SECRETS ?? 200);
const missingCount = Math.round(secretCount / 5);
const lensCount = Number(process.env.BENCH_LENSES ?? 2_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);

/** The store, counting the DescribeSecret calls it serves. */
function counted(store: SecretStore) {
  const count = { describe: 0 };
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if (typeof member !== 'function') return member;
      if (property === 'describeSecret')
        return (...args: unknown[]) => (count.describe++, (member as (...a: unknown[]) => unknown).apply(target, args));
      return (member as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { store: proxy, count };
}

class ManualClock {
  time = Date.now();
  now() {
    return this.time;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(label: string, client: SecretStore, served: { describe: number }): Promise<boolean> {
  const clock = new ManualClock();
  const cache = new SecretMetadataCache({ store: async () => client, clock });
  // Lens i names secret i mod (M + missing): existing secrets and names that do not exist, interleaved.
  const ids = Array.from({ length: lensCount }, (_, i) => {
    const n = i % (secretCount + missingCount);
    return n < secretCount ? `bench/svc_${n}/db` : `bench/missing_${n}`;
  });
  const distinct = new Set(ids).size;
  const expectedMissing = ids.filter((id) => id.startsWith('bench/missing_')).length;
  const resolveAll = async () => {
    const started = performance.now();
    const titles = await Promise.all(
      ids.map(async (id) => referenceLensTitle(await cache.describe('conn', id), 'Bench')),
    );
    const missingTitles = titles.filter((t) => t.startsWith('$(warning) missing')).length;
    if (missingTitles !== expectedMissing)
      throw new Error(`${missingTitles} missing lenses, ${expectedMissing} expected`);
    return performance.now() - started;
  };
  served.describe = 0;
  const cold = await resolveAll();
  const warm: number[] = [];
  for (let r = 1; r < rounds; r++) warm.push(await resolveAll());
  const withinMinute = served.describe;
  clock.time += 60_000;
  const afterMinute = await resolveAll();
  const nextMinute = served.describe - withinMinute;
  const ok = withinMinute <= distinct && nextMinute <= distinct;
  console.log(
    `${label}: ${lensCount} lenses over ${distinct} secrets (${missingCount} missing), resolved ${rounds}× within a minute: ` +
      `${withinMinute} DescribeSecret (${(withinMinute / distinct).toFixed(2)} per secret), ` +
      `then ${nextMinute} in the next minute — ${ok ? 'PASS' : 'FAIL'} (bar: ≤ 1 per secret per minute)`,
  );
  console.log(
    `${label}: resolution of all ${lensCount} lenses: cold ${cold.toFixed(1)} ms, cached median ${median(warm).toFixed(2)} ms ` +
      `(${((median(warm) * 1000) / lensCount).toFixed(2)} µs per lens), after the TTL ${afterMinute.toFixed(1)} ms`,
  );
  return ok;
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} CPUs, load ${loadavg()[0].toFixed(2)}`);
  const dir = await mkdtemp(join(tmpdir(), 'sw-references-bench-'));
  try {
    const path = join(dir, 'bench.swv');
    const key = generateRawVaultKey();
    const vault = await VaultStore.create(path, { kind: 'raw', key });
    const internals = vault as unknown as { write<T>(fn: (e: SecretsEngine) => T): Promise<T> };
    await internals.write((engine) => {
      for (let i = 0; i < secretCount; i++) {
        const value = JSON.stringify({ username: 'app', password: randomBytes(24).toString('base64url') });
        engine.createSecret({ name: `bench/svc_${i}/db`, secretString: value, description: `Service ${i}` });
      }
    });
    const local = counted(vault);
    let ok = await measure('local vault', local.store, local.count);

    const behindServer = counted(vault);
    const server = await startSecretsServer({ store: behindServer.store });
    const aws = await createAwsStore(
      { region: server.region, endpoint: server.endpoint },
      {
        env: { AWS_ACCESS_KEY_ID: server.accessKeyId, AWS_SECRET_ACCESS_KEY: server.secretAccessKey },
        maxAttempts: 1,
      },
    );
    try {
      ok = (await measure('AWS SDK v3 → local Secrets Manager endpoint', aws, behindServer.count)) && ok;
    } finally {
      (aws as { destroy?(): void }).destroy?.();
      await server.close();
      vault.close();
    }
    if (!ok) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
