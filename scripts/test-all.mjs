// `npm test`: every suite that exists, in order, failing fast is avoided so one run shows everything.
// Prints each runner's own summary and one closing line `N passed, N failed` over all tests.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  // code-server + its Node for the real-VS-Code suites, both 1.139 and engines.vscode's minimum; on a fresh machine
  // this is the (minutes-long) first install.
  { name: 'vscode-cache', cmd: ['node', 'scripts/vscode-cache.mjs', '--vscode', 'all'] },
  { name: 'build', cmd: ['npm', 'run', 'build'] },
  { name: 'typecheck', cmd: ['npx', 'tsc', '-p', '.', '--noEmit'] },
  // eslint, then the duplicate-code check (jscpd, .jscpd.json: no copied block over 10 lines in src/)
  { name: 'lint', cmd: ['npm', 'run', 'lint'] },
  { name: 'format', cmd: ['npx', 'prettier', '--check', '.'] },
  { name: 'unit', cmd: ['npm', 'run', 'test:unit'] },
  { name: 'integration', cmd: ['node', 'test/integration/run.mjs'], when: 'test/integration/run.mjs' },
  {
    name: 'integration-restricted',
    cmd: ['node', 'test/integration/run.mjs', '--suites', 'test/integration/restricted', '--restricted'],
    when: 'test/integration/restricted',
  },
  // The same suites in the oldest VS Code that engines.vscode accepts: the minimum we claim is one CI runs.
  {
    name: 'integration-min',
    cmd: ['node', 'test/integration/run.mjs', '--vscode', 'min'],
    when: 'test/integration/run.mjs',
  },
  { name: 'e2e', cmd: ['node', 'test/e2e/run.mjs'], when: 'test/e2e/run.mjs' },
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const failedSteps = [];

for (const step of steps) {
  if (step.when && !existsSync(step.when)) continue;
  if (only.length && !only.includes(step.name)) continue;
  process.stdout.write(`\n=== ${step.name}: ${step.cmd.join(' ')}\n`);
  const { code, output } = await run(step.cmd);
  const passing = lastCount(output, 'passing');
  const failing = lastCount(output, 'failing');
  if (passing || failing) {
    passed += passing;
    failed += failing;
  } else if (code === 0) {
    passed += 1; // a check without its own test count counts as one test
  }
  if (code !== 0) {
    if (!failing) failed += 1;
    failedSteps.push(step.name);
  }
}

if (failedSteps.length) process.stdout.write(`\nFailed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed || failedSteps.length ? 1 : 0;

/** The runner's own summary line (`  12 passing (3s)`), not a test title that mentions the words. */
function lastCount(output, word) {
  const matches = [...output.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
  return Number(matches.at(-1)?.[1] ?? 0);
}

function run([cmd, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    const tee = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}
