import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { decode, FileReader } from '../../../src/core/scan/read';
import { scanEntries } from '../../../src/core/scan/pipeline';
import { runScanCli } from '../../support/cli-run';
import { Synthetic } from '../../support/synthetic';

// generated, so this file holds no credential-shaped literal of its own
const secretLine = `DB_PASSWORD=${new Synthetic(19).password()}\n`;

interface JsonReport {
  summary: { findings: number; scannedFiles: number; skippedFiles: number; unreadableFiles: number };
  findings: { path: string; ruleId: string; range: { start: { line: number } } }[];
  skipped: { path: string; reason: string }[];
  errors: { path: string; code: string; message: string }[];
}

const LEVEL = 'd'.repeat(200);

/** Makes a tree deeper than PATH_MAX from inside, one level at a time; returns a function that removes it. */
function deepTree(dir: string, levels: number, file: string, text: string): () => void {
  const home = process.cwd();
  const walkDown = (step: (level: number) => void) => {
    try {
      process.chdir(dir);
      for (let level = 0; level < levels; level++) step(level);
    } finally {
      process.chdir(home);
    }
  };
  walkDown((level) => {
    mkdirSync(LEVEL);
    process.chdir(LEVEL);
    if (level === levels - 1) writeFileSync(file, text);
  });
  // short names all the way down, so the tree's paths fit and rmSync can remove it
  return () =>
    walkDown(() => {
      if (!existsSync(LEVEL)) return;
      renameSync(LEVEL, 'a');
      process.chdir('a');
    });
}

/** The CLI as one CommonJS file in a fresh world-readable directory (beside `near`, in the temp dir). */
async function bundleCliInto(near: string): Promise<string> {
  const out = mkdtempSync(join(dirname(near), 'swb-cli-'));
  chmodSync(out, 0o755);
  const outfile = join(out, 'cli.cjs');
  await esbuild.build({
    entryPoints: [resolve('src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'], // as esbuild.mjs: jsonc-parser's UMD build cannot be bundled
    logLevel: 'error',
  });
  chmodSync(outfile, 0o644);
  return outfile;
}

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

describe('scan pipeline: encodings, binary sniffing and per-file errors', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'swb-pipeline-'))));
  const after: (() => void)[] = [];
  afterEach(() => {
    for (const step of after.splice(0)) step();
    rmSync(dir, { recursive: true, force: true });
  });
  const scanJson = async (args: string[]) => {
    const run = await runScanCli([...args, '--format', 'json'], dir);
    return { code: run.code, stderr: run.stderr, report: JSON.parse(run.stdout) as JsonReport };
  };

  it('decodes UTF-16 LE and BE files with a byte-order mark and finds the credential in each', async () => {
    const text = `# settings\n${secretLine}`;
    writeFileSync(join(dir, 'le.env'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(join(dir, 'be.env'), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]));
    writeFileSync(join(dir, 'bom8.env'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const { code, report } = await scanJson([]);
    assert.equal(code, 1);
    assert.deepEqual(
      report.findings.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`),
      ['be.env:1 generic-password', 'bom8.env:1 generic-password', 'le.env:1 generic-password'],
    );
    assert.deepEqual(report.skipped, []);
  });

  it('skips binary files by their content, not their extension', async () => {
    writeFileSync(join(dir, 'looks-like-code.ts'), Buffer.concat([Buffer.from(secretLine), Buffer.from([0, 1, 2])]));
    writeFileSync(join(dir, 'data.bin'), secretLine); // text, whatever the name says
    const { report } = await scanJson([]);
    assert.deepEqual(
      report.findings.map((f) => f.path),
      ['data.bin'],
    );
    assert.deepEqual(report.skipped, [{ path: 'looks-like-code.ts', reason: 'binary' }]);
    // a UTF-16 file is full of NUL bytes: its mark is read before the sniffing
    assert.ok('text' in decode(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('abc', 'utf16le')])));
    assert.ok('skipped' in decode(Buffer.from('abc', 'utf16le')), 'without a mark UTF-16 is not guessed');
  });

  it('an over-long path and a symbolic-link loop are reported per file and the scan goes on', async () => {
    writeFileSync(join(dir, 'a.env'), secretLine);
    symlinkSync('loop', join(dir, 'loop'));
    const long = 'x'.repeat(300);
    const shorten = deepTree(dir, 24, 'deep.env', secretLine);
    after.push(shorten);
    writeFileSync(join(dir, 'z.env'), secretLine);
    const { code, report } = await scanJson(['a.env', long, 'loop', '.', 'z.env']);
    assert.equal(code, 1, 'the scan ran to the end');
    assert.deepEqual(
      report.findings.map((f) => f.path),
      ['a.env', 'z.env'],
    );
    const errors = report.errors.map((e) => `${e.path.length > 100 ? `${e.path.slice(0, 10)}…` : e.path} ${e.code}`);
    assert.deepEqual(
      errors.sort(),
      [`${'d'.repeat(10)}… ENAMETOOLONG`, 'loop ELOOP', `${long.slice(0, 10)}… ENAMETOOLONG`].sort(),
    );
    assert.equal(report.summary.unreadableFiles, 3);
    const text = await runScanCli([long, 'z.env'], dir);
    assert.match(text.stdout, /unreadable: path too long \(ENAMETOOLONG\)/);
    assert.match(text.stdout, /1 finding in 1 file \(1 scanned, 0 skipped, 1 unreadable\)/);
  });

  it('an unreadable file is reported and the scan goes on (exit status from the findings)', async function () {
    this.timeout(60_000);
    writeFileSync(join(dir, 'a.env'), secretLine);
    writeFileSync(join(dir, 'locked.env'), secretLine);
    mkdirSync(join(dir, 'locked-dir'));
    writeFileSync(join(dir, 'locked-dir', 'inner.env'), secretLine);
    writeFileSync(join(dir, 'z.env'), secretLine);
    chmodSync(join(dir, 'locked.env'), 0o000);
    chmodSync(join(dir, 'locked-dir'), 0o000);
    chmodSync(dir, 0o755);
    // root reads anything: the CLI then runs as an unprivileged user, so permissions apply. That user may not
    // reach the repository (a clone under a 0700 directory), so it runs a one-file bundle from a readable dir.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const cli = await bundleCliInto(dir);
    after.push(() => rmSync(dirname(cli), { recursive: true, force: true }));
    const run = spawnSync(process.execPath, [cli, 'scan', dir, '--format', 'json', '--no-gitignore'], {
      cwd: dir,
      encoding: 'utf8',
      ...asUser,
      env: { PATH: process.env.PATH ?? '' },
      timeout: 60_000,
    });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport;
    const name = (p: string) => p.slice(p.lastIndexOf('/') + 1);
    assert.deepEqual(report.findings.map((f) => name(f.path)).sort(), ['a.env', 'z.env']);
    assert.deepEqual(report.errors.map((e) => `${name(e.path)} ${e.code} ${e.message}`).sort(), [
      'locked-dir EACCES permission denied',
      'locked.env EACCES permission denied',
    ]);
  });

  it('reads a file larger than its buffer whole, and skips one over the limit unread', () => {
    const filler = '// filler line of an ordinary source file\n'.repeat(5000);
    writeFileSync(join(dir, 'big.env'), `${filler}${secretLine}`);
    const reader = new FileReader(300_000);
    const read = reader.read(join(dir, 'big.env'));
    assert.ok(
      'text' in read && read.text.endsWith(secretLine) && read.text.length === filler.length + secretLine.length,
    );
    const small = reader.read(join(dir, 'b.env'));
    assert.deepEqual(small, { error: { code: 'ENOENT', message: 'vanished during the scan' } });
    assert.deepEqual(new FileReader(100_000).read(join(dir, 'big.env')), {
      skipped: { reason: 'too-large', detail: 'over 100000 bytes' },
    });
  });

  it('reports a file that vanished between the walk and the read, then scans the next one', () => {
    writeFileSync(join(dir, 'b.env'), secretLine);
    const entries = [
      { absolute: join(dir, 'a.env'), relative: 'a.env' },
      { absolute: join(dir, 'b.env'), relative: 'b.env' },
    ];
    const outcomes = [...scanEntries(entries)];
    assert.deepEqual(outcomes[0].error, { code: 'ENOENT', message: 'vanished during the scan' });
    assert.equal(outcomes[1].result?.findings.length, 1);
  });
});
