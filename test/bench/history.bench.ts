// `scan --history` against git's own `git log -p --all` on the same repository (#22; goal: at most 2× git).
// Builds a repository of 5,000 commits with realistic source changes (this project's own TypeScript, edited a few
// lines per commit, some files added, a few synthetic credentials), or uses SWB_HISTORY_REPO.
// Then `scan --staged` on a typical commit staged in a clone of it (goal: well under a second, the whole CLI).
//   npm run bench -- history          BENCH_COMMITS=5000, BENCH_RUNS=3, SWB_HISTORY_REPO=/path/to/repo
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { scanHistory, scanStaged } from '../../src/core/git/history';
import { Synthetic, seeded } from '../support/synthetic';

const commits = Number(process.env.BENCH_COMMITS ?? 5000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** A repository of `count` commits through git fast-import: each edits 1–3 files by a few real source lines. */
function buildRepo(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'swb-history-bench-'));
  spawnSync('git', ['init', '-q', '-b', 'main', dir]);
  const rand = seeded(22);
  const gen = new Synthetic(22);
  const pool = sources(join(__dirname, '../../src')).map((p) => readFileSync(p, 'utf8').split('\n'));
  const lines = pool.flat().filter((l) => l.trim());
  const files = new Map<string, string[]>();
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  let stream = '';
  for (let i = 0; i < count; i++) {
    const changed: string[] = [];
    const edits = 1 + Math.floor(rand() * 3);
    for (let e = 0; e < edits; e++) {
      if (files.size < 40 || rand() < 0.08) {
        const path = `src/module${files.size}/${['index', 'service', 'handler', 'util'][files.size % 4]}.ts`;
        files.set(path, [...pick(pool)]);
        changed.push(path);
        continue;
      }
      const path = pick([...files.keys()]);
      const text = files.get(path)!;
      for (let k = 0; k < 1 + Math.floor(rand() * 6); k++) {
        const at = Math.floor(rand() * (text.length + 1));
        if (rand() < 0.35 && text.length > 10) text.splice(at, 1);
        else text.splice(at, 0, pick(lines));
      }
      if (rand() < 0.01) text.splice(0, 0, `const token = "${gen.githubToken()}";`);
      changed.push(path);
    }
    const time = 1_600_000_000 + i * 600;
    const message = `change ${i}`;
    stream += `commit refs/heads/main\ncommitter Ada <ada@example.com> ${time} +0000\ndata ${message.length}\n${message}\n`;
    for (const path of new Set(changed)) {
      const data = Buffer.from(files.get(path)!.join('\n'));
      stream += `M 100644 inline ${path}\ndata ${data.length}\n${data.toString()}\n`;
    }
  }
  const imported = spawnSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: stream, maxBuffer: 1 << 30 });
  if (imported.status !== 0) throw new Error(`fast-import failed: ${imported.stderr.toString()}`);
  spawnSync('git', ['-C', dir, 'gc', '-q']);
  return dir;
}

/** `git log -p --all` to nowhere, as fast as git can produce it. */
function gitLogMs(repo: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('git', ['-C', repo, 'log', '-p', '--all'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.once('error', reject);
    child.once('close', () => resolve({ ms: performance.now() - started, bytes }));
  });
}

async function main(): Promise<void> {
  const given = process.env.SWB_HISTORY_REPO;
  const started = performance.now();
  const repo = given ?? buildRepo(commits);
  const count = spawnSync('git', ['-C', repo, 'rev-list', '--all', '--count'], { encoding: 'utf8' }).stdout.trim();
  process.stdout.write(
    `repository: ${given ? repo : `built, ${commits} commits in ${(performance.now() - started).toFixed(0)} ms`}; ${count} commits\n`,
  );
  const git: number[] = [];
  const ours: number[] = [];
  let bytes = 0;
  let findings = 0;
  let blobs = 0;
  for (let r = 0; r < runs; r++) {
    const log = await gitLogMs(repo);
    git.push(log.ms);
    bytes = log.bytes;
    const t = performance.now();
    const scan = await scanHistory(repo, { all: true });
    ours.push(performance.now() - t);
    findings = scan.findings.length;
    blobs = scan.blobsScanned;
  }
  const [g, o] = [median(git), median(ours)];
  process.stdout.write(
    `git log -p --all: ${g.toFixed(0)} ms (${(bytes / 1e6).toFixed(1)} MB of patches)\n` +
      `scan --history --all: ${o.toFixed(0)} ms (${blobs} file versions, ${findings} findings)\n` +
      `ratio: ${(o / g).toFixed(2)}× git (goal ≤ 2×), median of ${runs}\n`,
  );
  await stagedBench(repo);
  if (!given) rmSync(repo, { recursive: true, force: true });
}

/**
 * A typical commit: three tracked files get a few real source lines each, one of them a synthetic credential,
 * staged in a clone (the repository itself is not touched). Timed in process and as the whole CLI (node start
 * included, what the pre-commit hook costs), median of 5.
 */
async function stagedBench(repo: string): Promise<void> {
  const clone = mkdtempSync(join(tmpdir(), 'swb-staged-bench-'));
  try {
    const git = (...args: string[]) => spawnSync('git', ['-C', clone, ...args], { encoding: 'utf8' });
    spawnSync('git', ['clone', '-q', '--shared', repo, clone]);
    const tracked = git('ls-files')
      .stdout.split('\n')
      .filter((f) => /\.(ts|js|py|go|java|rb|rs|c|h)$/.test(f));
    const rand = seeded(7);
    const edited = [0, 1, 2].map(() => tracked[Math.floor(rand() * tracked.length)]).filter(Boolean);
    if (!edited.length) return void process.stdout.write('scan --staged: no source files to edit, skipped\n');
    const pool = sources(join(__dirname, '../../src')).flatMap((p) => readFileSync(p, 'utf8').split('\n'));
    for (const [i, file] of edited.entries()) {
      const lines = Array.from({ length: 8 }, () => pool[Math.floor(rand() * pool.length)]);
      if (i === 0) lines.push(`const token = "${new Synthetic(9).githubToken()}";`);
      appendFileSync(join(clone, file), `\n${lines.join('\n')}\n`);
    }
    git('add', ...edited);
    const diff = git('diff', '--cached', '--shortstat').stdout.trim();
    const inProcess: number[] = [];
    const cli: number[] = [];
    const cliPath = join(__dirname, '../../dist/cli.js');
    let found = 0;
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      found = (await scanStaged(clone)).findings.length;
      inProcess.push(performance.now() - t);
      if (existsSync(cliPath)) {
        const c = performance.now();
        spawnSync(process.execPath, [cliPath, 'scan', '--staged', clone], { stdio: 'ignore' });
        cli.push(performance.now() - c);
      }
    }
    process.stdout.write(
      `scan --staged (${diff}; ${found} finding): ${median(inProcess).toFixed(0)} ms in process` +
        (cli.length
          ? `, ${median(cli).toFixed(0)} ms as the CLI (node dist/cli.js, process start included)`
          : ' (build dist/cli.js with npm run build to time the CLI too)') +
        `, median of 5 (goal: well under 1 s)\n`,
    );
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

void main();
