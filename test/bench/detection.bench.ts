// `npm run bench detection`: accuracy on the labelled corpus (ours vs secretlint's recommended preset),
// throughput in MB/s (ours vs secretlint on the same files) and incremental re-scan latency.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DocumentScanner, scanText } from '../../src/core/detection/index';
import { fileSkipReason } from '../../src/core/detection/scanner';
import { evaluate, loadCorpus, type Corpus, type Evaluation, type ScoredFinding } from '../support/detection-corpus';
import { loadSecretlint, type Secretlint } from '../support/secretlint';

const pct = (n: number) => n.toFixed(3);
const mb = (chars: number) => chars / 1e6;

function ourFindings(corpus: Corpus): ScoredFinding[] {
  return corpus.files.flatMap((f) =>
    scanText(f.text, { path: f.file }).findings.map((x) => ({
      file: f.file,
      start: x.range.start.offset,
      end: x.range.end.offset,
      ruleId: x.ruleId,
    })),
  );
}

async function secretlintFindings(corpus: Corpus, secretlint: Secretlint): Promise<ScoredFinding[]> {
  const out: ScoredFinding[] = [];
  for (const f of corpus.files) {
    for (const m of await secretlint.lint(f.text, f.path)) out.push({ file: f.file, ...m });
  }
  return out;
}

function printAccuracy(corpus: Corpus, ours: Evaluation, theirs: Evaluation, secretlintVersion: string): void {
  console.log(
    `corpus: ${corpus.files.length} files, ${corpus.positives.length} labelled secrets, ${corpus.negatives.length} labelled look-alikes`,
  );
  console.log('\nrecall per kind (labelled secrets found)');
  console.log(`${'kind'.padEnd(30)} ${'n'.padStart(4)}  ${'ours'.padStart(6)}  ${'secretlint'.padStart(10)}`);
  for (const [kind, s] of ours.perKind) {
    if (kind.startsWith('look-alike') || kind.startsWith('unlabelled')) continue;
    const t = theirs.perKind.get(kind)!;
    console.log(
      `${kind.padEnd(30)} ${String(s.tp + s.fn).padStart(4)}  ${pct(s.recall).padStart(6)}  ${pct(t.recall).padStart(10)}`,
    );
  }
  console.log('\nfalse positives by what they hit');
  const keys = new Set(
    [...ours.perKind.keys(), ...theirs.perKind.keys()].filter((k) => k.includes(':') || k.startsWith('unlabelled')),
  );
  if (!keys.size) console.log('  none');
  for (const k of [...keys].sort()) {
    console.log(`  ${k.padEnd(40)} ours ${ours.perKind.get(k)?.fp ?? 0}  secretlint ${theirs.perKind.get(k)?.fp ?? 0}`);
  }
  console.log('\noverall            precision  recall     F1     (TP / FP / FN)');
  for (const [name, e] of [
    ['secrets-workbench', ours],
    [`secretlint ${secretlintVersion}`, theirs],
  ] as const) {
    const o = e.overall;
    console.log(
      `${name.padEnd(18)} ${pct(o.precision).padStart(9)}  ${pct(o.recall).padStart(6)}  ${pct(o.f1).padStart(6)}   (${o.tp} / ${o.fp} / ${o.fn})`,
    );
  }
  console.log(`ours: ${ours.sameRule}/${ours.overall.tp} matched secrets got the labelled rule id`);
}

/** Real third-party source text: unminified JS/TS from node_modules, deterministic order, ~`limit` chars. */
function typicalSource(limit: number): { path: string; text: string }[] {
  const roots = [
    'src',
    'node_modules/yaml/dist',
    'node_modules/mocha/lib',
    'node_modules/@smithy',
    'node_modules/@aws-sdk',
    'node_modules/typescript/lib',
  ];
  const out: { path: string; text: string }[] = [];
  let total = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (total >= limit) return;
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (/\.(?:[cm]?js|ts)$/.test(name) && stat.size < 2_000_000) {
        const text = readFileSync(path, 'utf8');
        if (fileSkipReason(text, { path })) continue;
        out.push({ path, text });
        total += text.length;
      }
    }
  };
  for (const root of roots) walk(root);
  return out;
}

interface Rate {
  wall: number;
  cpu: number;
}

/** MB/s by wall clock and by this process's CPU time (the machine may be shared; CPU time is less noisy). */
function rate(chars: number, run: () => void): Rate {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  run();
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  return { wall: mb(chars) / (wall / 1000), cpu: mb(chars) / ((cpu.user + cpu.system) / 1e6) };
}

async function rateAsync(chars: number, run: () => Promise<void>): Promise<Rate> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  await run();
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  return { wall: mb(chars) / (wall / 1000), cpu: mb(chars) / ((cpu.user + cpu.system) / 1e6) };
}

function timeOurs(files: { path: string; text: string }[]): Rate {
  const chars = files.reduce((n, f) => n + f.text.length, 0);
  for (const f of files) scanText(f.text, { path: f.path }); // warm-up
  const runs: Rate[] = [];
  for (let r = 0; r < 7; r++) runs.push(rate(chars, () => files.forEach((f) => scanText(f.text, { path: f.path }))));
  const median = (k: keyof Rate) => runs.map((r) => r[k]).sort((a, b) => a - b)[3];
  return { wall: median('wall'), cpu: median('cpu') };
}

async function timeSecretlint(files: { path: string; text: string }[], secretlint: Secretlint): Promise<Rate> {
  const chars = files.reduce((n, f) => n + f.text.length, 0);
  await secretlint.lint(files[0].text, files[0].path); // warm-up
  return rateAsync(chars, async () => {
    for (const f of files) await secretlint.lint(f.text, f.path);
  });
}

function incremental(corpus: Corpus): void {
  // a 10,000-line document made of corpus files (so it holds real findings and private key blocks)
  const lines: string[] = [];
  for (let i = 0; lines.length < 10_000; i++) lines.push(...corpus.files[i % corpus.files.length].text.split('\n'));
  const text = lines.slice(0, 10_000).join('\n');
  const t0 = performance.now();
  const scanner = new DocumentScanner(text, { path: 'big.ts' });
  const initial = performance.now() - t0;
  const baseline = scanner.result().findings.length;
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let i = 0; i < 400; i++) {
    const line = 1000 + ((i * 37) % 8000);
    const insert = i % 2 === 0;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    scanner.update([
      insert
        ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }
        : { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' },
    ]);
    scanner.result();
    samples.push(performance.now() - start);
    const cpu = process.cpuUsage(cpu0);
    cpuSamples.push((cpu.user + cpu.system) / 1000);
  }
  cpuSamples.sort((a, b) => a - b);
  samples.sort((a, b) => a - b);
  const full = performance.now();
  scanText(scanner.text, { path: 'big.ts' });
  const fullMs = performance.now() - full;
  console.log(`\nincremental: 10,000-line document, ${baseline} findings (initial scan ${initial.toFixed(1)} ms)`);
  console.log(
    `  one-line edit + result: median ${samples[200].toFixed(2)} ms, p95 ${samples[380].toFixed(2)} ms, max ${samples[399].toFixed(2)} ms wall; CPU median ${cpuSamples[200].toFixed(2)} ms (full scanText of the same text: ${fullMs.toFixed(1)} ms)`,
  );
}

async function main(): Promise<void> {
  const corpus = loadCorpus();
  const secretlint = await loadSecretlint();
  const ours = evaluate(corpus, ourFindings(corpus));
  const theirs = evaluate(corpus, await secretlintFindings(corpus, secretlint));
  printAccuracy(corpus, ours, theirs, secretlint.version);

  console.log('\nthroughput (single thread, in-process, MB = 10^6 characters)');
  const corpusFiles = corpus.files.map((f) => ({ path: f.path, text: f.text }));
  const typical = typicalSource(4_000_000);
  for (const [name, files] of [
    ['labelled corpus', corpusFiles],
    ['typical source (node_modules JS/TS)', typical],
  ] as const) {
    const chars = files.reduce((n, f) => n + f.text.length, 0);
    const ours = timeOurs(files);
    const theirs = await timeSecretlint(files, secretlint);
    console.log(`  ${name}: ${files.length} files, ${mb(chars).toFixed(2)} MB`);
    console.log(
      `    ours ${ours.cpu.toFixed(1)} MB/s (CPU time; ${ours.wall.toFixed(1)} wall), secretlint ${theirs.cpu.toFixed(2)} MB/s (CPU time; ${theirs.wall.toFixed(2)} wall), ratio ${(ours.cpu / theirs.cpu).toFixed(1)}x CPU / ${(ours.wall / theirs.wall).toFixed(1)}x wall`,
    );
  }
  const load = loadavg()[0];
  console.log(`  (1-minute load average ${load.toFixed(1)} on ${cpus().length} CPUs while measuring)`);
  incremental(corpus);
}

void main();
