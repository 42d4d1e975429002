// `npm run bench`: runs every test/bench/*.bench.ts (or the ones named) and prints their figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const wanted = process.argv.slice(2);
const files = readdirSync('test/bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !wanted.length || wanted.some((w) => f.includes(w)))
  .sort();
let status = 0;
for (const file of files) {
  process.stdout.write(`\n=== bench ${file}\n`);
  const result = spawnSync('node', ['--import', 'tsx', '--expose-gc', `test/bench/${file}`], { stdio: 'inherit' });
  status ||= result.status ?? 1;
}
if (!files.length) process.stdout.write('no benchmarks\n');
process.exitCode = status;
