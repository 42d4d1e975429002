// One place that owns everything a launcher started (processes, browsers, temp dirs) and tears it down
// in reverse order on normal exit, on Ctrl+C / SIGTERM, and on an uncaught exception.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tasks = [];
let handlersInstalled = false;
let running;
let stoppedBy;

/** The signal (`SIGINT`, ...) that started the teardown, or undefined while nobody asked us to stop. */
export function stopSignal() {
  return stoppedBy;
}

/** Registers a teardown step; returns a function that runs it early (and only once). */
export function onCleanup(task) {
  installHandlers();
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    const index = tasks.indexOf(once);
    if (index >= 0) tasks.splice(index, 1);
    await task();
  };
  tasks.push(once);
  return once;
}

/** Runs every registered step, newest first; failures are reported but never stop the others. */
export function cleanupAll() {
  running ??= (async () => {
    while (tasks.length) {
      try {
        await tasks[tasks.length - 1]();
      } catch (error) {
        process.stderr.write(`cleanup step failed: ${error?.message ?? error}\n`);
      }
    }
  })().finally(() => {
    running = undefined;
  });
  return running;
}

/** A temp dir removed at cleanup. Its name carries the prefix so leftovers are attributable. */
export function makeTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));
  return dir;
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const exitAfterCleanup = (code) => {
    void cleanupAll().finally(() => process.exit(code));
  };
  const onSignal = (signal, code) => () => {
    stoppedBy = signal;
    exitAfterCleanup(code);
  };
  process.once('SIGINT', onSignal('SIGINT', 130));
  process.once('SIGTERM', onSignal('SIGTERM', 143));
  process.once('SIGHUP', onSignal('SIGHUP', 129));
  process.once('uncaughtException', (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    exitAfterCleanup(1);
  });
  process.once('unhandledRejection', (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    exitAfterCleanup(1);
  });
}
