// E2E runner: the scenarios in test/e2e/scenarios/*.test.ts drive the VS Code workbench in headless Chromium
// (playwright-core) against code-server with the extension installed on a copy of test/fixtures/demo-workspace.
// One code-server and one page for all scenarios (run in file order); mocha prints the report.
//   node test/e2e/run.mjs [--grep <pattern>] [--screenshots <dir>]
// Screenshots go to test-results/screenshots/ (git-ignored) so test runs leave the tree clean;
// `npm run screenshots` (= --screenshots media/screenshots) refreshes the ones the README shows.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupAll, makeTempDir } from '../../scripts/lib/cleanup.mjs';
import { launchWorkbench, openWorkbenchPage, repoRoot } from '../../scripts/lib/workbench.mjs';
import { findFiles } from '../integration/bundle.mjs';

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    screenshots: { type: 'string', default: join(repoRoot, 'test-results', 'screenshots') },
    'test-timeout': { type: 'string', default: '90' },
  },
});

const log = (line) => process.stdout.write(`${line}\n`);
const started = Date.now();
const seconds = (from) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
let exitCode = 1;
let workbench;

try {
  await import('tsx'); // scenarios are TypeScript
  delete process.env.FORCE_COLOR; // any value, even 0, colours mocha's check marks (test-all sets 0)
  const { default: Mocha } = await import('mocha');
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  workbench = await launchWorkbench({
    workspace: join(repoRoot, 'test', 'fixtures', 'demo-workspace'),
    tmpPrefix: 'sw-e2e',
    // Scenarios that open the local vault (e.g. going offline) must never touch the user's real one.
    settings: { 'secretsWorkbench.localVault.path': join(makeTempDir('sw-e2e-vault'), 'vault.swv') },
    log,
  });
  log(`e2e: code-server on ${workbench.baseUrl} after ${seconds(started)}`);
  const { page } = await openWorkbenchPage(workbench);
  // Loading the workbench is the slow part on a busy machine: wait for it once here, with a generous limit,
  // so scenario time-outs measure the scenarios. Ready = our activity bar entry is shown.
  await page
    .locator('.part.activitybar .action-item a[aria-label^="Secrets"]')
    .waitFor({ state: 'visible', timeout: 240_000 });
  log(`e2e: workbench ready after ${seconds(started)}`);
  page.setDefaultTimeout(45_000);
  globalThis.__secretsWorkbenchE2e = {
    page,
    workspace: workbench.workspace,
    baseUrl: workbench.baseUrl,
    settingsFiles: ['User', 'Machine'].map((scope) => join(workbench.userData, scope, 'settings.json')),
    screenshotsDir: resolve(options.screenshots),
  };

  const mocha = new Mocha({ reporter: 'spec', color: false, timeout: Number(options['test-timeout']) * 1000 });
  if (options.grep) mocha.grep(options.grep);
  const scenarios = findFiles(join(repoRoot, 'test', 'e2e', 'scenarios'), '.test.ts');
  if (!scenarios.length) throw new Error('no scenarios under test/e2e/scenarios');
  scenarios.forEach((file) => mocha.addFile(file));
  await mocha.loadFilesAsync();
  const failures = await new Promise((done) => mocha.run(done));
  exitCode = failures ? 1 : 0;
  if (failures) {
    const shot = join(repoRoot, 'test-results', 'e2e-failure.png'); // test-results/ is git-ignored
    await page.screenshot({ path: shot }).then(
      () => log(`e2e: page at failure saved to ${shot}`),
      () => {},
    );
    log(`\n===== logs (server, extension host)\n${workbench.logs()}\n===== end of logs`);
  }
} catch (error) {
  log(`e2e: ${error?.stack ?? error}\n  0 passing\n  1 failing`);
  if (workbench) log(`\n===== logs\n${workbench.logs()}\n===== end of logs`);
} finally {
  await cleanupAll();
  log(`e2e: wall time ${seconds(started)}`);
}
process.exit(exitCode);
