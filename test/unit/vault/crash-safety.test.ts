// Crash safety: a separate writer process is SIGKILLed at a random moment, 300 times. After every kill the
// vault opens and holds every write the writer acknowledged (it acknowledges only after the write resolved).
// The runs are spread over a few vault files processed side by side, only to keep the wall time short.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { syntheticValue } from '../store/contract';
import { withTempDir } from './helpers';
import { bundleChildWriter, startWriter, type Ack } from './process-harness';

const runs = Number(process.env.VAULT_CRASH_RUNS ?? 300);
const lanes = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LaneResult {
  acks: number;
  killedWithLockHeld: number;
  killedBeforeReady: number;
  startupMs: number;
}

describe('vault crash safety', function () {
  this.timeout(600_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  let script: string;
  const rawKey = generateRawVaultKey();

  before(async () => {
    ({ dir, cleanup } = await withTempDir());
    script = await bundleChildWriter(dir);
  });
  after(() => cleanup());

  async function createVault(path: string): Promise<void> {
    const store = await VaultStore.create(path, { kind: 'raw', key: rawKey });
    for (let i = 0; i < 4; i++) await store.createSecret({ name: `crash/shared${i}`, secretString: syntheticValue() });
    for (let i = 0; i < 150; i++) {
      await store.createSecret({ name: `crash/filler/${i}x`, secretString: syntheticValue(), description: 'filler' });
    }
    store.close();
  }

  async function assertHolds(vault: string, acks: Ack[]): Promise<void> {
    const store = await VaultStore.open(vault, { kind: 'raw', key: rawKey });
    try {
      for (const ack of acks) {
        const got = await store.getSecretValue(
          ack.kind === 'put' ? { secretId: ack.secretId, versionId: ack.versionId } : { secretId: ack.secretId },
        );
        assert.equal(got.secretString, ack.value, `acknowledged write ${ack.value} is in the vault`);
      }
    } finally {
      store.close();
    }
  }

  async function runLane(lane: number, laneRuns: number): Promise<LaneResult> {
    const vault = join(dir, `crash-${lane}.swv`);
    await createVault(vault);
    const all: Ack[] = [];
    const result: LaneResult = { acks: 0, killedWithLockHeld: 0, killedBeforeReady: 0, startupMs: 150 };
    for (let run = 0; run < laneRuns; run++) {
      const started = Date.now();
      const writer = startWriter(script, [vault, rawKey.toString('hex'), `l${lane}r${run}`, '100000']);
      let ready = false;
      void writer.ready.then(() => (ready = true));
      if (Math.random() < 0.15) {
        // Some kills land during start-up and the open.
        await sleep(Math.random() * result.startupMs);
      } else {
        // Most land while writing: any point of a write (lock, temp file, fsync, rename, folder fsync, unlock).
        await writer.ready;
        result.startupMs = 0.8 * result.startupMs + 0.2 * (Date.now() - started);
        await sleep(Math.random() * 150);
      }
      writer.child.kill('SIGKILL');
      const exit = await writer.exit;
      assert.equal(exit.signal, 'SIGKILL', `run ${run}: the writer died on its own: ${exit.stderr}`);
      if (!ready) result.killedBeforeReady++;
      if (existsSync(`${vault}.lock`)) result.killedWithLockHeld++;
      await assertHolds(vault, writer.acks);
      all.push(...writer.acks);
    }
    await assertHolds(vault, all); // no later run lost an earlier run's writes
    result.acks = all.length;
    return result;
  }

  it(`keeps every acknowledged write across ${runs} SIGKILLs at random moments`, async () => {
    const perLane = Array.from({ length: lanes }, (_, i) => Math.floor(runs / lanes) + (i < runs % lanes ? 1 : 0));
    const results = await Promise.all(perLane.map((n, lane) => runLane(lane, n)));
    const sum = (key: keyof LaneResult) => results.reduce((total, r) => total + r[key], 0);
    const leftovers = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
    console.log(
      `      ${runs} kills: ${sum('acks')} acknowledged writes, all kept; ${sum('killedWithLockHeld')} kills left ` +
        `the lock held (taken over by the next writer); ${sum('killedBeforeReady')} landed before the vault was ` +
        `open; ${leftovers.length} temp files awaiting the next open's clean-up; ` +
        `writer start-up ~${Math.round(sum('startupMs') / lanes)} ms`,
    );
    assert.ok(sum('acks') >= runs / 2, 'the writers got writes done between kills');
    assert.ok(sum('killedWithLockHeld') > 0, 'some kills hit a writer holding the lock');
  });
});
