import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MB = 1024 * 1024;
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
    for (const forbidden of [/extension\/src\//, /extension\/test\//, /node_modules\//, /\.map\b/]) {
      assert.doesNotMatch(listing, forbidden);
    }
  });

  it('keeps the production dist/extension.js under 1.5 MB', () => {
    const size = statSync('dist/extension.js').size;
    process.stdout.write(`      dist/extension.js production size: ${(size / 1024).toFixed(1)} KiB\n`);
    assert.ok(size < 1.5 * MB, `dist/extension.js is ${size} bytes`);
  });
});
