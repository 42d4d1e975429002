// Activation cost of the bundled extension (dist/extension.js) in plain Node, with a minimal stand-in for the
// `vscode` module: time to evaluate the bundle, and activate() itself. Each sample runs in a fresh process.
// The real figure inside VS Code is printed by the integration suite ("activation: …").
//   npm run bench activation
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ACTIVATE_BAR_MS } from './activation-bar';

const bundle = join(process.cwd(), 'dist', 'extension.js');

execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' }); // measure the current code
const samples: Array<{ loadMs: number; activateMs: number; loadCpuMs: number; activateCpuMs: number }> = [];
for (let i = 0; i < 9; i++) {
  // Plain node: tsx's hooks would transpile the 1 MB bundle on require and skew the figure.
  const out = spawnSync(process.execPath, [join(__dirname, 'activation-sample.mjs'), bundle], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  samples.push(JSON.parse(out.stdout.trim().split('\n').at(-1)!));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const figure = (key: keyof (typeof samples)[number]) => median(samples.map((s) => s[key]));
const [load, activate, loadCpu, activateCpu] = [
  figure('loadMs'),
  figure('activateMs'),
  figure('loadCpuMs'),
  figure('activateCpuMs'),
];
const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} CPUs`,
);
console.log(`medians of ${samples.length} fresh processes, wall clock (CPU time):`);
console.log(`  evaluating dist/extension.js: ${ms(load)} (${ms(loadCpu)})`);
console.log(
  `  activate(): ${ms(activate)} (${ms(activateCpu)})   [bar: < ${ACTIVATE_BAR_MS} ms: ${activate < ACTIVATE_BAR_MS ? 'met' : 'NOT met'}]`,
);
console.log(`  total: ${ms(load + activate)} (${ms(loadCpu + activateCpu)})`);
