// `npm run test:electron`: the same integration suites, harness code and settings as test/integration/run.mjs,
// launched by @vscode/test-electron in a desktop VS Code 1.139. Needs the internet (it downloads VS Code from
// Microsoft), so CI on offline machines uses run.mjs (code-server) instead.
import { runTests } from '@vscode/test-electron';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupAll, makeTempDir } from '../../scripts/lib/cleanup.mjs';
import { baseSettings, repoRoot } from '../../scripts/lib/workbench.mjs';
import { bundleHarness, defaultSuitesDir, defaultWorkspace } from './bundle.mjs';

const { values: options } = parseArgs({
  options: {
    suites: { type: 'string', default: defaultSuitesDir },
    workspace: { type: 'string', default: defaultWorkspace },
    grep: { type: 'string' },
    'vscode-version': { type: 'string', default: '1.139.1' },
    'test-timeout': { type: 'string', default: '20' },
  },
});

let exitCode = 1;
try {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  // Inside the extension's folder (git-ignored), so VS Code attributes the suites' `vscode` imports to it.
  const outDir = join(repoRoot, '.vscode-test', 'harness');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const bundle = await bundleHarness({ outDir, suitesDir: options.suites });
  const tmpRoot = makeTempDir('sw-electron');
  const workspace = join(tmpRoot, 'workspace');
  const userData = join(tmpRoot, 'user-data');
  cpSync(options.workspace, workspace, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...baseSettings, ...bundle.settings }, null, 2),
  );
  const resultFile = join(tmpRoot, 'integration-result.json');
  const configFile = join(tmpRoot, 'harness-config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      mochaPath: bundle.mochaPath,
      suiteFiles: bundle.suiteFiles,
      resultFile,
      workspace,
      fixturesDir: bundle.fixturesDir,
      grep: options.grep,
      testTimeoutMs: Number(options['test-timeout']) * 1000,
      expectedVsCode: options['vscode-version'].split('.').slice(0, 2).join('.'),
    }),
  );
  await runTests({
    version: options['vscode-version'],
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(outDir, 'dist', 'electron-entry.js'),
    extensionTestsEnv: { SECRETS_WORKBENCH_HARNESS_CONFIG: configFile },
    launchArgs: [workspace, `--user-data-dir=${userData}`, '--disable-extensions', '--disable-workspace-trust'],
  }).catch((error) => process.stdout.write(`test-electron: ${error?.message ?? error}\n`));
  if (existsSync(resultFile)) {
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    process.stdout.write(`integration (electron): VS Code ${result.vscodeVersion}\n\n${result.report}\n`);
    exitCode = result.failures || !result.passes ? 1 : 0;
  } else {
    process.stdout.write('test-electron: the suites produced no result\n  0 passing\n  1 failing\n');
  }
} catch (error) {
  process.stdout.write(`test-electron: ${error?.stack ?? error}\n`);
} finally {
  await cleanupAll();
}
process.exit(exitCode);
