// The cache's install bookkeeping, with stand-in installers (the real ones take minutes):
// half-finished installs are redone, complete ones reused, and concurrent installers take turns.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cache = () => import('../../../scripts/vscode-cache.mjs');

describe('VS Code cache bookkeeping', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sw-cache-test-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('wipes and redoes a half-finished install (a tool dir without the completion marker)', async () => {
    const { ensureInstalled, isComplete } = await cache();
    const dir = join(root, 'tool');
    mkdirSync(dir);
    writeFileSync(join(dir, 'half-written.bin'), 'junk');
    let installs = 0;
    const installed = await ensureInstalled(dir, async (target) => {
      installs += 1;
      assert.equal(existsSync(join(target, 'half-written.bin')), false, 'leftovers were not wiped');
      writeFileSync(join(target, 'tool.bin'), 'ok');
      return { version: '1' };
    });
    assert.equal(installed, true);
    assert.equal(installs, 1);
    assert.equal(isComplete(dir), true);
    assert.equal(await ensureInstalled(dir, async () => assert.fail('reinstalled a complete tool')), false);
  });

  it('leaves no marker when the install fails, so the next run retries', async () => {
    const { ensureInstalled, isComplete } = await cache();
    const dir = join(root, 'tool');
    await assert.rejects(
      ensureInstalled(dir, async () => {
        throw new Error('network down');
      }),
      /network down/,
    );
    assert.equal(isComplete(dir), false);
    assert.equal(await ensureInstalled(dir, async () => ({})), true);
  });

  it('runs concurrent installers one at a time', async () => {
    const { withInstallLock } = await cache();
    let inside = 0;
    let maxInside = 0;
    const task = async () => {
      inside += 1;
      maxInside = Math.max(maxInside, inside);
      await new Promise((resolve) => setTimeout(resolve, 300));
      inside -= 1;
    };
    const log = () => {};
    await Promise.all([withInstallLock(root, log, task), withInstallLock(root, log, task)]);
    assert.equal(maxInside, 1);
  });
});
