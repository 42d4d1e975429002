// Mutation testing of the security core with StrykerJS (issue #26): `npm run test:mutation [-- module… |
// --changed <ref>] [--concurrency N]`. Each module runs alone, mutating only its own files and running only
// its own unit tests, and writes reports/mutation/<module>/mutation.{html,json} plus summary.json.
// Stryker needs Node >= 22: it runs on the Node 24 the VS Code harness caches (scripts/vscode-cache.mjs).
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cachePaths, isComplete, nodeEnv, withoutNpmVariables } from './vscode-cache.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const compatHook = 'scripts/mutation/mocha12-compat.mjs';

/** Each module: the files Stryker mutates and the unit tests that must notice. */
export const modules = {
  sigv4: {
    mutate: ['src/core/server/sigv4.ts'],
    tests: ['test/unit/server/sigv4.test.ts', 'test/unit/server/sigv4-verifier.test.ts'],
  },
  vault: {
    mutate: ['src/core/vault/format.ts', 'src/core/vault/keys.ts'],
    // Not tamper.test.ts: 1,000 flips per mutant would take hours; format.test.ts crafts each damage on purpose.
    tests: [
      'test/unit/vault/format.test.ts',
      'test/unit/vault/format-v2.test.ts',
      'test/unit/vault/key-slot-limits.test.ts',
      'test/unit/vault/errors.test.ts',
      'test/unit/vault/vault-store.test.ts',
    ],
  },
  engine: {
    mutate: ['src/core/store/engine.ts'],
    tests: ['test/unit/store/memory-store.test.ts', 'test/unit/store/engine-rules.test.ts'],
  },
  checksums: {
    mutate: ['src/core/detection/checksums.ts'],
    tests: ['test/unit/detection/checksums.test.ts'],
  },
  'value-model': {
    mutate: ['src/core/detection/value-model.ts'],
    // Not corpus-exact.test.ts yet: it passes under mocha, but in Stryker's sandbox one file's findings land at
    // other offsets (files/javascript/0/notify_worker_0.js), which fails the initial run; not resolved yet.
    tests: ['test/unit/detection/value-model.test.ts'],
  },
};

export function parseArgs(argv) {
  const options = { modules: [], changed: undefined, concurrency: 2 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--changed') options.changed = argv[++i];
    else if (arg === '--concurrency') options.concurrency = Number(argv[++i]);
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else if (!modules[arg]) throw new Error(`unknown module ${arg} (known: ${Object.keys(modules).join(', ')})`);
    else options.modules.push(arg);
  }
  if (options.changed === '') throw new Error('--changed needs a git ref');
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new Error('bad --concurrency');
  return options;
}

/** Modules whose mutated files or tests differ from `ref` (committed or not). */
export function changedModules(changedFiles) {
  const changed = new Set(changedFiles);
  return Object.keys(modules).filter((name) =>
    [...modules[name].mutate, ...modules[name].tests].some((file) => changed.has(file)),
  );
}

export function strykerConfig(name, concurrency) {
  const { mutate, tests } = modules[name];
  const reportDir = `reports/mutation/${name}`;
  return {
    $schema: '../../../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    plugins: ['@stryker-mutator/mocha-runner'],
    testRunner: 'mocha',
    // Our tests are TypeScript run through tsx, as .mocharc.json does.
    testRunnerNodeArgs: ['--import', 'tsx'],
    mochaOptions: { config: '.mocharc.json', spec: tests.filter((file) => existsSync(join(root, file))) },
    coverageAnalysis: 'perTest',
    mutate,
    checkers: [],
    concurrency,
    timeoutMS: 5_000,
    reporters: ['clear-text', 'progress', 'json', 'html'],
    clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
    jsonReporter: { fileName: `${reportDir}/mutation.json` },
    htmlReporter: { fileName: `${reportDir}/mutation.html` },
    tempDirName: '.stryker-tmp',
    ignorePatterns: ['dist', '.vscode-test', 'media', 'reports', '.bench-tmp', 'test-results'],
    cleanTempDir: 'always',
  };
}

/** Score as Stryker computes it: detected / valid, where ignored (equivalent, commented) mutants do not count. */
export function summarize(report) {
  const counts = {};
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  }
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const undetected = (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  const score = detected + undetected ? (100 * detected) / (detected + undetected) : 100;
  return { counts, score: Math.floor(score * 100) / 100 };
}

function node24() {
  const paths = cachePaths();
  if (isComplete(paths.nodeDir)) return { node: join(paths.nodeBinDir, 'node'), env: nodeEnv(paths) };
  if (Number(process.versions.node.split('.')[0]) >= 22) return { node: process.execPath, env: withoutNpmVariables() };
  throw new Error('Stryker needs Node >= 22: run `npm run vscode:cache` once to install the cached Node 24.');
}

function run(names, concurrency) {
  const { node, env } = node24();
  const results = [];
  for (const name of names) {
    const reportDir = join(root, 'reports', 'mutation', name);
    mkdirSync(reportDir, { recursive: true });
    const configFile = join(reportDir, 'stryker.config.json');
    writeFileSync(configFile, JSON.stringify(strykerConfig(name, concurrency), null, 2));
    console.log(`\n[mutation] ${name}: ${modules[name].mutate.join(', ')}`);
    const started = Date.now();
    const stryker = join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
    const child = spawnSync(node, [stryker, 'run', configFile], {
      cwd: root,
      // Every Stryker process (the main one, plugin loaders, test runners) needs the mocha 12 hook.
      env: {
        ...env,
        NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(join(root, compatHook)).href}`.trim(),
      },
      stdio: 'inherit',
    });
    const seconds = Math.round((Date.now() - started) / 1000);
    if (child.status !== 0) {
      results.push({ name, error: `stryker exited with ${child.status ?? child.signal}`, seconds });
      continue;
    }
    const summary = {
      module: name,
      files: modules[name].mutate,
      ...summarize(JSON.parse(readFileSync(join(reportDir, 'mutation.json'), 'utf8'))),
      seconds,
      concurrency,
      finishedAt: new Date().toISOString(),
    };
    writeFileSync(join(reportDir, 'summary.json'), JSON.stringify(summary, null, 2));
    results.push({ name, ...summary });
  }
  console.log('\n[mutation] module        score   killed+timeout / valid   ignored   run time');
  for (const r of results) {
    if (r.error) {
      console.log(`[mutation] ${r.name.padEnd(12)}  ${r.error}`);
      continue;
    }
    const c = r.counts;
    const detected = (c.Killed ?? 0) + (c.Timeout ?? 0);
    const valid = detected + (c.Survived ?? 0) + (c.NoCoverage ?? 0);
    const line = `${r.score.toFixed(2).padStart(6)}%   ${`${detected} / ${valid}`.padEnd(22)}   ${String(c.Ignored ?? 0).padEnd(7)}   ${r.seconds} s`;
    console.log(`[mutation] ${r.name.padEnd(12)}  ${line}`);
  }
  return results.some((r) => r.error) ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = parseArgs(process.argv.slice(2));
    let names = options.modules.length ? options.modules : Object.keys(modules);
    if (options.changed) {
      const files = execFileSync('git', ['diff', '--name-only', options.changed], { cwd: root, encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
      names = changedModules(files).filter((name) => names.includes(name));
      if (!names.length) console.log(`[mutation] no security-core module changed since ${options.changed}`);
    }
    process.exitCode = names.length ? run(names, options.concurrency) : 0;
  } catch (error) {
    console.error(`[mutation] ${error.message}`);
    process.exitCode = 2;
  }
}
