import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Synthetic } from '../../support/synthetic';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MB = 1024 * 1024;
const builtBundles = () => readdirSync('dist').filter((name) => name.endsWith('.js'));
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('packaged extension (vsix)', function () {
  this.timeout(180_000);
  const outDir = mkdtempSync(join(tmpdir(), 'sw-vsix-'));
  const vsix = join(outDir, `secrets-workbench-${version}.vsix`);
  let listing = '';

  before(() => {
    execFileSync('node', ['esbuild.mjs', '--production'], { stdio: 'inherit' });
    execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--out', vsix], { stdio: 'pipe' });
    listing = execFileSync('unzip', ['-l', vsix], { encoding: 'utf8' });
  });
  after(() => {
    execFileSync('node', ['esbuild.mjs'], { stdio: 'inherit' }); // leave a development build behind
    rmSync(outDir, { recursive: true, force: true });
  });

  it('is under 3 MB', () => {
    assert.ok(statSync(vsix).size < 3 * MB, `vsix is ${statSync(vsix).size} bytes`);
  });

  it('holds the bundled extension and nothing from src/, test/ or node_modules, and no sourcemaps', () => {
    assert.match(listing, /extension\/dist\/extension\.js/);
    assert.match(listing, /extension\/dist\/cli\.js/);
    // every bundle esbuild writes ships: dist/cli.js loads its commands' bundles, the scan's threads and the
    // posture lint from beside itself, so one left out fails only at run time
    for (const bundle of builtBundles()) assert.match(listing, new RegExp(`extension/dist/${bundle}`));
    for (const forbidden of [/extension\/src\//, /extension\/test\//, /node_modules\//, /\.map\b/]) {
      assert.doesNotMatch(listing, forbidden);
    }
  });

  it("runs the packaged CLI's scan from the unpacked vsix (its command bundles ship beside it)", () => {
    const unpacked = join(outDir, 'unpacked');
    execFileSync('unzip', ['-q', vsix, '-d', unpacked]);
    const tree = join(outDir, 'tree');
    mkdirSync(tree);
    for (let i = 0; i < 50; i++) writeFileSync(join(tree, `${i}.env`), `PORT=80${i}\n`);
    writeFileSync(join(tree, 'db.env'), `DB_PASSWORD=${new Synthetic(31).password()}\n`);
    const run = spawnSync('node', [join(unpacked, 'extension/dist/cli.js'), 'scan', tree, '--format', 'json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { summary: { findings: number; scannedFiles: number } };
    assert.deepEqual(report.summary.findings, 1);
    assert.equal(report.summary.scannedFiles, 51);
  });

  it('keeps the production dist/extension.js under 1.5 MB', () => {
    const size = statSync('dist/extension.js').size;
    process.stdout.write(`      dist/extension.js production size: ${(size / 1024).toFixed(1)} KiB\n`);
    assert.ok(size < 1.5 * MB, `dist/extension.js is ${size} bytes`);
  });
});

describe('packaged CLI (npm pack, as the pre-commit framework installs it)', function () {
  this.timeout(60_000);

  it('ships every bundle the CLI loads from beside dist/cli.js, and not the extension', () => {
    const [pack] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
      }),
    ) as [{ files: { path: string }[] }];
    const shipped = new Set(pack.files.map((file) => file.path));
    const cliBundles = builtBundles().filter((name) => name !== 'extension.js');
    assert.ok(cliBundles.includes('posture-lint.js') && cliBundles.includes('scan-worker.js'), cliBundles.join());
    for (const bundle of cliBundles) assert.ok(shipped.has(`dist/${bundle}`), `npm pack leaves out dist/${bundle}`);
    assert.ok(!shipped.has('dist/extension.js'));
  });
});
