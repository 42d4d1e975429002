import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; bin: Record<string, string> };

describe('bundled CLI', () => {
  before(function () {
    this.timeout(60_000);
    execFileSync('node', ['esbuild.mjs'], { stdio: 'inherit' });
  });

  it('starts with a shebang so npm can link it as a bin', () => {
    assert.equal(pkg.bin['secrets-workbench'], 'dist/cli.js');
    assert.ok(readFileSync('dist/cli.js', 'utf8').startsWith('#!/usr/bin/env node\n'));
  });

  it('prints the package version for --version', () => {
    assert.equal(execFileSync('node', ['dist/cli.js', '--version'], { encoding: 'utf8' }).trim(), pkg.version);
  });

  it('prints usage for --help and exits 0', () => {
    const out = execFileSync('node', ['dist/cli.js', '--help'], { encoding: 'utf8' });
    assert.match(out, /Usage: secrets-workbench <command>/);
  });

  it('exits 2 with usage on an unknown command', () => {
    const result = spawnSync('node', ['dist/cli.js', 'no-such-command'], { encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown command 'no-such-command'/);
  });
});
