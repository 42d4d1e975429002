// `npm start`: Secrets Workbench in a real VS Code (code-server) in your browser, on a throw-away copy of the
// demo workspace (synthetic hardcoded credentials for the linter; the local vault needs no AWS account).
//   npm start [-- --port <n>]      Ctrl+C stops everything and removes the temp dirs.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupAll, stopSignal } from './lib/cleanup.mjs';
import { launchWorkbench, repoRoot } from './lib/workbench.mjs';

const { values: options } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const started = Date.now();
const log = (line) => process.stdout.write(`${line}\n`);

try {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  const workbench = await launchWorkbench({
    workspace: join(repoRoot, 'test', 'fixtures', 'demo-workspace'),
    tmpPrefix: 'sw-start',
    port: Number(options.port),
    log,
  });
  log(
    `\nSecrets Workbench is running in VS Code (code-server), ready in ${((Date.now() - started) / 1000).toFixed(1)} s:`,
  );
  log(`\n  ${workbench.workbenchUrl}\n`);
  log(`Workspace: a throw-away copy of test/fixtures/demo-workspace at ${workbench.workspace}`);
  log('Press Ctrl+C to stop.');
  const outcome = await workbench.exited; // normally we leave through Ctrl+C (cleanup.mjs exits the process)
  if (stopSignal()) {
    log(stoppedMessage());
  } else {
    log(`code-server stopped by itself (${outcome}); its log:\n${workbench.logs()}`);
    process.exitCode = 1;
  }
} catch (error) {
  if (stopSignal()) {
    log(stoppedMessage()); // stopped while starting: not a failure
  } else {
    log(`npm start failed: ${error?.stack ?? error}`);
    process.exitCode = 1;
  }
} finally {
  await cleanupAll();
}

function stoppedMessage() {
  return `\nStopped (${stopSignal() === 'SIGINT' ? 'Ctrl+C' : stopSignal()}): Secrets Workbench and code-server are shut down.`;
}
