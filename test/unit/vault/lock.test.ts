// The cross-process lock: abandoned locks are taken over, live ones are waited for, stolen ones are noticed.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { acquireLock } from '../../../src/core/vault/lock';
import { syntheticValue } from '../store/contract';
import { withTempDir } from './helpers';

describe('vault lock', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  let path: string;
  const key = { kind: 'raw', key: generateRawVaultKey() } as const;

  beforeEach(async () => {
    ({ dir, cleanup } = await withTempDir());
    path = join(dir, 'v.swv');
    (await VaultStore.create(path, key)).close();
  });
  afterEach(() => cleanup());

  async function plantLock(owner: { pid: number; host: string }, ageMs = 0): Promise<void> {
    await mkdir(`${path}.lock`);
    const file = join(`${path}.lock`, 'owner.json');
    await writeFile(file, JSON.stringify({ ...owner, token: 'planted' }));
    const when = new Date(Date.now() - ageMs);
    await utimes(file, when, when);
  }

  it('takes over at once a lock whose holder process has exited', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.pid'], { encoding: 'utf8' });
    assert.equal(gone.status, 0);
    await plantLock({ pid: gone.pid!, host: hostname() });
    const store = await VaultStore.open(path, key, { lockTimeoutMs: 1_000 });
    await store.createSecret({ name: 'after-crash', secretString: syntheticValue() });
    store.close();
  });

  it('waits for a live holder and gives up with Locked, leaving the file as it was', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await plantLock({ pid: holder.pid!, host: hostname() });
      const before = await readFile(path);
      const store = await VaultStore.open(path, key, { lockTimeoutMs: 300 });
      await assert.rejects(
        store.createSecret({ name: 'blocked', secretString: 'x' }),
        (e: Error & { code?: string }) => {
          assert.equal(e.code, 'Locked');
          return true;
        },
      );
      assert.ok((await readFile(path)).equals(before));
      store.close();
    } finally {
      holder.kill();
    }
  });

  it('treats a lock not refreshed within the stale limit as abandoned (holder on another host)', async () => {
    await plantLock({ pid: 1, host: `elsewhere-${hostname()}` }, 60_000);
    const store = await VaultStore.open(path, key, { lockTimeoutMs: 1_000, lockStaleMs: 5_000 });
    await store.createSecret({ name: 'after-stale', secretString: syntheticValue() });
    store.close();
  });

  it('notices when its lock was taken over, and releases only its own lock', async () => {
    const lock = await acquireLock(path, { timeoutMs: 1_000, staleMs: 10_000 });
    assert.equal(await lock.stillHeld(), true);
    await writeFile(join(`${path}.lock`, 'owner.json'), JSON.stringify({ pid: 1, host: 'x', token: 'other' }));
    assert.equal(await lock.stillHeld(), false);
    await lock.release();
    assert.ok(JSON.parse(await readFile(join(`${path}.lock`, 'owner.json'), 'utf8')).token === 'other');
  });
});
