// Integration runner: the suites in test/integration/suite run inside a real VS Code (code-server), in the
// extension host, with the real `vscode` API. Prints mocha's report; exits non-zero on any failure, on a VS Code
// other than the one asked for, or on time-out (printing the server and extension-host logs); always stops what
// it started.
//   node test/integration/run.mjs [--suites <dir>] [--grep <pattern>] [--timeout <seconds>] [--workspace <dir>]
//                                 [--restricted]  (workspace trust on: the workspace opens in Restricted Mode)
//                                 [--vscode current|min]  (1.139, or the minimum engines.vscode accepts)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupAll, makeTempDir } from '../../scripts/lib/cleanup.mjs';
import { launchWorkbench, openWorkbenchPage, repoRoot, sleep } from '../../scripts/lib/workbench.mjs';
import { bundleHarness } from './bundle.mjs';
import { isExpectedVsCode, parseRunnerArgs } from './options.mjs';

const log = (line) => process.stdout.write(`${line}\n`);
const started = Date.now();
const seconds = (from) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
let exitCode = 1;
let workbench;
let options;
try {
  options = parseRunnerArgs(process.argv.slice(2));
} catch (error) {
  log(`integration: ${error.message}`);
  process.exit(2);
}

try {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  const harnessDir = makeTempDir('sw-harness');
  const bundle = await bundleHarness({ outDir: harnessDir, suitesDir: options.suites });
  log(`integration: ${bundle.suiteFiles.length} suite file(s) from ${options.suites}`);

  workbench = await launchWorkbench({
    workspace: options.workspace,
    extensions: [harnessDir],
    settings: bundle.settings,
    tmpPrefix: 'sw-it',
    log,
    restrictedMode: options.restricted,
    target: options.target.name,
  });
  log(
    `integration: code-server on ${workbench.baseUrl} after ${seconds(started)} (${options.target.codeServer}, '${options.target.name}')`,
  );
  const resultFile = join(workbench.tmpRoot, 'integration-result.json');
  writeFileSync(
    join(harnessDir, 'harness-config.json'),
    JSON.stringify({
      mochaPath: bundle.mochaPath,
      suiteFiles: bundle.suiteFiles,
      resultFile,
      workspace: workbench.workspace,
      fixturesDir: bundle.fixturesDir,
      grep: options.grep,
      testTimeoutMs: Number(options['test-timeout']) * 1000,
      expectedVsCode: options.expectedVsCode,
    }),
  );

  const testsStarted = Date.now();
  await openWorkbenchPage(workbench); // the extension host, and with it the harness, starts with the page
  const result = await waitForResult(resultFile, Number(options.timeout) * 1000);
  if (!result) {
    log(`\nintegration: no result after ${options.timeout} s (time-out)\n  0 passing\n  1 failing`);
  } else {
    log(`integration: VS Code ${result.vscodeVersion}, suites ran in ${seconds(testsStarted)}\n`);
    log(result.report);
    if (result.passes + result.failures === 0) log('integration: no tests ran\n  1 failing');
    else if (!isExpectedVsCode(result.vscodeVersion, options.expectedVsCode)) {
      // checked here too, so a --grep that leaves out the activation suite still cannot run in the wrong VS Code
      log(`integration: expected VS Code ${options.expectedVsCode}.x, ran in ${result.vscodeVersion}\n  1 failing`);
    } else exitCode = result.failures ? 1 : 0;
  }
  if (exitCode) log(`\n===== logs (server, extension host)\n${workbench.logs()}\n===== end of logs`);
} catch (error) {
  log(`integration: ${error?.stack ?? error}`);
  if (workbench) log(`\n===== logs\n${workbench.logs()}\n===== end of logs`);
} finally {
  await cleanupAll();
  log(`integration: wall time ${seconds(started)}`);
}
process.exit(exitCode);

async function waitForResult(file, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
    await sleep(250);
  }
  return undefined;
}
