// Diagnostics figures: (1) a workspace scan of 5,000 generated files through the same time-sliced pipeline the
// "Secrets: Scan Workspace" command uses, with the longest event-loop block while it runs (what the
// extension host would feel); (2) the debounced incremental re-lint cost per keystroke in a 5,000-line file.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DocumentScanner, scanText } from '../../src/core/detection/index';
import { scanFolder } from '../../src/core/usecases/scan-folder';

const FILES = 5_000;
const LINES = 5_000;
const SKIP_RELINT = process.env.BENCH_SCAN_ONLY === '1';
const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const token = (n: number) => Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');

function sourceFile(i: number): { path: string; text: string } {
  const kinds = ['ts', 'py', 'go', 'yaml', 'env', 'json', 'java', 'md'];
  const ext = kinds[i % kinds.length];
  const lines: string[] = [`// generated file ${i}`];
  for (let l = 0; l < 60; l++) lines.push(`const value${l} = compute(${l}, "label-${l}"); // plain code line ${l}`);
  if (i % 50 === 0) lines.push(`const dbPassword = "${token(20)}";`);
  return { path: `pkg${i % 40}/file${i}.${ext}`, text: lines.join('\n') + '\n' };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function workspaceScan(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'sw-bench-scan-'));
  try {
    for (let i = 0; i < FILES; i++) {
      const file = sourceFile(i);
      mkdirSync(join(root, file.path, '..'), { recursive: true });
      writeFileSync(join(root, file.path), file.text);
    }
    const delay = monitorEventLoopDelay({ resolution: 1 });
    // A timer that should fire every 5 ms: its worst lateness is what a UI request would have waited.
    let lastTick = performance.now();
    let worstGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - lastTick);
      lastTick = now;
    }, 5);
    delay.enable();
    const started = performance.now();
    const summary = await scanFolder(root, {});
    const elapsed = performance.now() - started;
    delay.disable();
    clearInterval(ticker);
    console.log(
      `workspace scan: ${summary.scanned} files in ${(elapsed / 1000).toFixed(2)} s (${((summary.scanned / elapsed) * 1000).toFixed(0)} files/s), ${summary.findings} findings in ${summary.filesWithFindings} files`,
    );
    console.log(
      `workspace scan: event loop max delay ${(delay.max / 1e6).toFixed(1)} ms (p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms); 5 ms timer worst gap ${worstGap.toFixed(1)} ms; longest scanning slice between yields ${summary.longestSliceMs.toFixed(1)} ms`,
    );
    console.log(
      `workspace scan: load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores while measuring (delays include other processes and GC)`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function relintPerEdit(): void {
  const lines: string[] = [];
  for (let l = 0; l < LINES; l++) {
    lines.push(
      l % 250 === 0
        ? `const dbPassword = "${token(20)}";`
        : `export function handler${l}(event: Event) { return process(event, ${l}, "text ${l}"); }`,
    );
  }
  const text = lines.join('\n');
  const fullStart = performance.now();
  const full = scanText(text, { path: 'big.ts' });
  const fullMs = performance.now() - fullStart;
  const scanner = new DocumentScanner(text, { path: 'big.ts' });
  const costs: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const line = (i * 7919) % LINES;
    const character = 10;
    const started = performance.now();
    scanner.update([{ range: { start: { line, character }, end: { line, character } }, text: i % 2 ? 'x' : '' }]);
    scanner.result();
    costs.push(performance.now() - started);
  }
  costs.sort((a, b) => a - b);
  const mean = costs.reduce((a, b) => a + b, 0) / costs.length;
  console.log(
    `re-lint ${LINES}-line file: full scan ${fullMs.toFixed(1)} ms (${full.findings.length} findings); incremental per edit mean ${mean.toFixed(2)} ms, p95 ${percentile(costs, 95).toFixed(2)} ms, max ${costs.at(-1)!.toFixed(2)} ms (debounced 250 ms after the last keystroke, never on the keystroke)`,
  );
}

async function main(): Promise<void> {
  await workspaceScan();
  if (!SKIP_RELINT) relintPerEdit();
}

void main();
