// Crash safety: a separate writer process is SIGKILLed at a random moment, 300 times. After every kill the
// vault opens and holds every write the writer acknowledged (it acknowledges only after the write resolved).
// To keep the wall time short, the runs are spread over two vault files processed side by side, and the next
// writer is started (and has opened the vault) while the current one runs; it begins writing on a signal.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { syntheticValue } from '../store/contract';
import { withTempDir } from './helpers';
import { bundleChildWriter, startWriter, type Ack, type ChildRun } from './process-harness';

const runs = Number(process.env.VAULT_CRASH_RUNS ?? 300);
const lanes = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LaneResult {
  acks: number;
  killedWithLockHeld: number;
  killedBeforeReady: number;
  startupMs: number;
  writeMs: number;
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
    const result: LaneResult = { acks: 0, killedWithLockHeld: 0, killedBeforeReady: 0, startupMs: 150, writeMs: 50 };
    const args = (run: number) => [vault, rawKey.toString('hex'), `l${lane}r${run}`, '100000'];
    let next: ChildRun | undefined;
    for (let run = 0; run < laneRuns; run++) {
      let writer: ChildRun;
      let ready = false;
      if (Math.random() < 0.15) {
        // Some kills land during start-up and the open.
        writer = startWriter(script, args(run));
        void writer.ready.then(() => (ready = true));
        await sleep(Math.random() * result.startupMs);
      } else {
        // Most land while writing: any point of a write (lock, temp file, fsync, rename, folder fsync, unlock).
        writer = next ?? startWriter(script, args(run), { waitForGo: true });
        next = startWriter(script, args(run + laneRuns), { waitForGo: true });
        const spawnedAt = Date.now();
        void next.ready.then(() => (result.startupMs = 0.8 * result.startupMs + 0.2 * (Date.now() - spawnedAt)));
        await writer.ready;
        ready = true;
        const goAt = Date.now();
        writer.child.stdin!.write('go\n');
        // Spread kills over about the time two writes take here (it varies a lot with the machine's load).
        await sleep(Math.random() * Math.max(60, 2 * result.writeMs));
        const elapsed = Date.now() - goAt;
        if (writer.acks.length) result.writeMs = 0.8 * result.writeMs + 0.2 * (elapsed / writer.acks.length);
        else if (elapsed > result.writeMs) result.writeMs *= 1.25; // none finished yet: writes are slower here
      }
      writer.child.kill('SIGKILL');
      const exit = await writer.exit;
      assert.equal(exit.signal, 'SIGKILL', `run ${run}: the writer died on its own: ${exit.stderr}`);
      if (!ready) result.killedBeforeReady++;
      if (existsSync(`${vault}.lock`)) result.killedWithLockHeld++;
      await assertHolds(vault, writer.acks);
      all.push(...writer.acks);
    }
    if (next) {
      next.child.kill('SIGKILL');
      await next.exit;
      assert.equal(next.acks.length, 0, 'a writer still waiting for its signal wrote nothing');
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
        `writer start-up ~${Math.round(sum('startupMs') / lanes)} ms, one write ~${Math.round(sum('writeMs') / lanes)} ms`,
    );
    assert.ok(sum('acks') >= runs / 4, 'the writers got writes done between kills');
    assert.ok(sum('killedWithLockHeld') > 0, 'some kills hit a writer holding the lock');
  });
});
