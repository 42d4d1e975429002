// `npm run bench pipeline`: the scan pipeline whole-process (the CLI as shipped: `esbuild.mjs --production`) —
// 12,000 small files against a plain walk-and-read script in the same run, typical big files in MB/s, secretlint
// on the same files, each adversarial case at 1 MB and 10 MB — and the editor's re-lint after a one-line edit.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ADVERSARIAL_NAMES, adversarialCases } from './adversarial';
import { loadShippedDetection } from '../support/shipped-detection';

const SMALL_FILES = 12_000;
const ROUNDS = 5;
const work = mkdtempSync(join(tmpdir(), 'sw-bench-pipeline-'));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () => `load ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`;

/** The CLI as shipped: `esbuild.mjs --production` (dist/cli.js, which loads dist/cli-scan.js for `scan`). */
function buildCli(): string {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('esbuild.mjs --production failed');
  return resolve('dist/cli.js');
}

/** The floor: a plain Node script that only walks the tree and reads every file as text. */
const FLOOR = `const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
let chars = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile()) chars += readFileSync(p, 'utf8').length;
  }
};
walk(process.argv[2]);
if (!chars) process.exit(3);
`;

/**
 * Wall time of one whole process, in ms; throws when it fails (exit status above 1). The scans keep their built
 * prefilter tables in the user's cache folder (docs/cli.md), as every run after a user's first one does.
 */
function timeProcess(args: string[], cwd = work, env: NodeJS.ProcessEnv = {}): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { PATH: process.env.PATH, ...env },
  });
  const ms = performance.now() - start;
  if (run.status === null || run.status > 1) throw new Error(`${args.join(' ')}: ${run.status} ${String(run.stderr)}`);
  return ms;
}

/** Small text files (100–3,000 bytes) from node_modules, copied 100 to a folder, deterministic order. */
function smallFilesTree(root: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (files >= SMALL_FILES) return;
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (/\.(?:[cm]?js|ts|json|md|ya?ml|txt)$/.test(name) && stat.size > 100 && stat.size < 3000) {
        const folder = join(root, `d${Math.floor(files / 100)}`);
        if (files % 100 === 0) mkdirSync(folder, { recursive: true });
        copyFileSync(path, join(folder, `${files}-${name}`));
        files++;
        bytes += stat.size;
      }
    }
  };
  walk('node_modules');
  return { files, bytes };
}

function manySmallFiles(cli: string): void {
  const root = join(work, 'small');
  const { files, bytes } = smallFilesTree(root);
  const floorScript = join(work, 'floor.js');
  writeFileSync(floorScript, FLOOR);
  const scan = [cli, 'scan', root, '--format', 'json'];
  timeProcess([floorScript, root]); // warm the page cache
  timeProcess(scan);
  const floor: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    floor.push(timeProcess([floorScript, root]));
    ours.push(timeProcess(scan));
  }
  const ratios = ours.map((o, i) => o / floor[i]);
  const uncached = median([0, 1, 2].map(() => timeProcess(scan, work, { SECRETS_WORKBENCH_SCAN_CACHE: 'off' })));
  console.log(
    `\nmany small files: ${files} files, ${(bytes / 1e6).toFixed(1)} MB (whole process, median of ${ROUNDS})`,
  );
  console.log(`  walk-and-read floor (plain node script): ${median(floor).toFixed(0)} ms`);
  console.log(`  secrets-workbench scan --format json:    ${median(ours).toFixed(0)} ms`);
  console.log(`  ratio scan/floor: ${median(ratios).toFixed(2)}x (median of paired rounds; bar <= 3x)   (${load()})`);
  console.log(
    `  the same scan building its prefilter tables (SECRETS_WORKBENCH_SCAN_CACHE=off, a user's first run): ${uncached.toFixed(0)} ms = ${(uncached / median(floor)).toFixed(2)}x the floor`,
  );
}

/** A pre-commit-sized scan (one code file, one YAML file): mostly startup, where the table cache counts most. */
function shortScan(cli: string): void {
  const root = join(work, 'short');
  mkdirSync(root);
  writeFileSync(join(root, 'app.py'), 'import os\nTOKEN = os.environ["TOKEN"]\n');
  writeFileSync(join(root, 'config.yaml'), 'service:\n  port: 8080\n');
  const scan = [cli, 'scan', root, '--format', 'json'];
  const off = { SECRETS_WORKBENCH_SCAN_CACHE: 'off' };
  timeProcess(scan);
  const cached: number[] = [];
  const built: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    cached.push(timeProcess(scan));
    built.push(timeProcess(scan, work, off));
  }
  console.log(`\nshort scan: one code file and one YAML file (whole process, median of ${ROUNDS} paired rounds)`);
  console.log(
    `  tables from the cache: ${median(cached).toFixed(0)} ms; built (SECRETS_WORKBENCH_SCAN_CACHE=off): ${median(built).toFixed(0)} ms   (${load()})`,
  );
}

/** TypeScript's lib/*.js: big files of typical (unminified) code. */
function typicalBigFiles(cli: string): void {
  const root = join(work, 'big');
  mkdirSync(root);
  let bytes = 0;
  for (const name of readdirSync('node_modules/typescript/lib').filter((n) => n.endsWith('.js'))) {
    copyFileSync(join('node_modules/typescript/lib', name), join(root, name));
    bytes += statSync(join(root, name)).size;
  }
  const scan = [cli, 'scan', root, '--format', 'json'];
  timeProcess(scan);
  const runs = Array.from({ length: ROUNDS }, () => timeProcess(scan));
  const ms = median(runs);
  console.log(`\ntypical big files: node_modules/typescript/lib/*.js, ${(bytes / 1e6).toFixed(1)} MB`);
  console.log(
    `  whole process ${ms.toFixed(0)} ms = ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s (median of ${ROUNDS}; bar >= 50 MB/s)   (${load()})`,
  );
}

/** Unminified JS/TS from node_modules, ~`limit` bytes, deterministic order, copied into `root`. */
function typicalSource(root: string, limit: number): number {
  let bytes = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (bytes >= limit) return;
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (/\.(?:[cm]?js|ts)$/.test(name) && !/\.min\./.test(name) && stat.size < 200_000) {
        const text = readFileSync(path, 'utf8');
        if (text.length / (text.split('\n').length || 1) > 200) continue; // minified: skipped by both
        const target = join(root, path.replace(/[\\/]/g, '__'));
        writeFileSync(target, text);
        bytes += stat.size;
      }
    }
  };
  mkdirSync(root, { recursive: true });
  for (const dir of [
    'node_modules/yaml/dist',
    'node_modules/mocha/lib',
    'node_modules/@smithy',
    'node_modules/@aws-sdk',
  ])
    walk(dir);
  return bytes;
}

function againstSecretlint(cli: string): void {
  const root = join(work, 'versus');
  const bytes = typicalSource(root, 2_500_000);
  writeFileSync(
    join(work, '.secretlintrc.json'),
    JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }),
  );
  const secretlint = resolve('node_modules/secretlint/bin/secretlint.js');
  const theirs = [secretlint, `${root}/**/*`, '--secretlintrc', join(work, '.secretlintrc.json'), '--format', 'json'];
  const ours = [cli, 'scan', root, '--format', 'json'];
  // secretlint resolves its preset from the working directory: run both from the repository
  timeProcess(theirs, resolve('.'));
  timeProcess(ours, resolve('.'));
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    oursMs.push(timeProcess(ours, resolve('.')));
    theirsMs.push(timeProcess(theirs, resolve('.')));
  }
  const ratio = median(theirsMs.map((t, i) => t / oursMs[i]));
  console.log(
    `\nagainst secretlint (recommended preset), same ${(bytes / 1e6).toFixed(2)} MB of typical source, whole process`,
  );
  console.log(
    `  ours ${median(oursMs).toFixed(0)} ms, secretlint ${median(theirsMs).toFixed(0)} ms: ${ratio.toFixed(1)}x (median of 3 paired rounds; bar >= 10x)   (${load()})`,
  );
}

function adversarial(cli: string): void {
  console.log('\nadversarial inputs (bar: each 10 MB case < 2 s whole process, growing linearly)');
  console.log(
    '  whole process: the CLI on one file (median of 3); scan: scanText in-process (as shipped, median of 3)',
  );
  const { scanText } = loadShippedDetection();
  const sizes = [1_000_000, 10_000_000];
  const rows = new Map<string, { process: number; scan: number; skipped?: string }[]>();
  const root = join(work, 'adversarial');
  mkdirSync(root);
  for (const size of sizes) {
    for (const c of adversarialCases(size)) {
      const path = join(root, `${size}-${c.file}`);
      writeFileSync(path, c.text);
      const run = [cli, 'scan', path, '--format', 'json'];
      timeProcess(run);
      const processMs = median([timeProcess(run), timeProcess(run), timeProcess(run)]);
      let skipped: string | undefined;
      const scans = [0, 1, 2].map(() => {
        const start = performance.now();
        skipped = scanText(c.text, { path: c.file }).skipped?.reason;
        return performance.now() - start;
      });
      rows.set(c.name, [...(rows.get(c.name) ?? []), { process: processMs, scan: median(scans), skipped }]);
      rmSync(path);
    }
  }
  const empty = join(root, 'empty.txt');
  writeFileSync(empty, '');
  const startup = median([0, 1, 2].map(() => timeProcess([cli, 'scan', empty, '--format', 'json'])));
  console.log(
    `  ${'case'.padEnd(20)} ${'process 1 MB'.padStart(12)} ${'10 MB'.padStart(8)}   ${'scan 1 MB'.padStart(9)} ${'10 MB'.padStart(8)}  growth`,
  );
  for (const name of ADVERSARIAL_NAMES) {
    const [one, ten] = rows.get(name)!;
    const note = ten.skipped ? `  (file skipped: ${ten.skipped})` : '';
    console.log(
      `  ${name.padEnd(20)} ${`${one.process.toFixed(0)} ms`.padStart(12)} ${`${ten.process.toFixed(0)} ms`.padStart(8)}   ${`${one.scan.toFixed(1)} ms`.padStart(9)} ${`${ten.scan.toFixed(0)} ms`.padStart(8)}  ${(ten.scan / one.scan).toFixed(1)}x${note}`,
    );
  }
  console.log(`  (whole-process startup on an empty file: ${startup.toFixed(0)} ms; ${load()})`);
}

/** A one-line edit to a 10,000-line document, as the editor's re-lint runs it (DocumentScanner, as shipped). */
function relint(): void {
  const { DocumentScanner } = loadShippedDetection();
  const sources = readFileSync('node_modules/typescript/lib/typescript.js', 'utf8').split('\n').slice(20_000, 30_000);
  // a credential every 500 lines, and a private key block, so the result has findings to place
  for (let i = 250; i < sources.length; i += 500) sources[i] = `const dbPassword = "k27zF8s5pjgaDAuiz${i}";`;
  const text = sources.join('\n');
  const scanner = new DocumentScanner(text, { path: 'big.js' });
  const findings = scanner.result().findings.length;
  const samples: number[] = [];
  for (let i = 0; i < 600; i++) {
    const line = 1000 + ((i * 37) % 8000);
    const start = performance.now();
    scanner.update([
      i % 2 === 0
        ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }
        : { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' },
    ]);
    scanner.result();
    if (i >= 100) samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  console.log(
    `\nre-lint: one-line edit to a 10,000-line file (${findings} findings), update + result, 500 edits after warm-up`,
  );
  console.log(
    `  median ${median(samples).toFixed(2)} ms, p95 ${samples[Math.floor(samples.length * 0.95)].toFixed(2)} ms, max ${samples.at(-1)!.toFixed(2)} ms (bar: median < 10 ms)   (${load()})`,
  );
}

try {
  console.log(`scan pipeline bench (${load()} at start)`);
  const cli = buildCli();
  manySmallFiles(cli);
  shortScan(cli);
  typicalBigFiles(cli);
  againstSecretlint(cli);
  adversarial(cli);
  relint();
} finally {
  rmSync(work, { recursive: true, force: true });
}
