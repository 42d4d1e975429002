// Process bookkeeping by inherited environment: every process a launcher starts (and all of its descendants,
// even those that start a new session) carries a run marker in its environment, so teardown and the
// "nothing left behind" self-test can find them without matching on names that other runs share.
import { readdirSync, readFileSync } from 'node:fs';

export const RUN_MARKER_VAR = 'SECRETS_WORKBENCH_RUN';

/**
 * Pids of live processes whose environment variable `name` equals `value`, or satisfies it when `value` is a
 * function (Linux /proc; empty elsewhere).
 */
export function processesWithEnv(name, value) {
  const matches = typeof value === 'function' ? value : (actual) => actual === value;
  const prefix = `${name}=`;
  const found = [];
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
      const variable = environ.split('\0').find((line) => line.startsWith(prefix));
      if (variable && matches(variable.slice(prefix.length)) && !isZombie(entry)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

function isZombie(pid) {
  try {
    return /^ Z /.test(readFileSync(`/proc/${pid}/stat`, 'latin1').replace(/^.*\)/, ''));
  } catch {
    return true;
  }
}

/** Sends `signal` to each pid, ignoring the ones that already exited. */
export function signalAll(pids, signal) {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM everything carrying the marker, then SIGKILL what is still alive after `graceMs`. */
export async function killMarked(value, graceMs = 3000) {
  signalAll(processesWithEnv(RUN_MARKER_VAR, value), 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!processesWithEnv(RUN_MARKER_VAR, value).length) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signalAll(processesWithEnv(RUN_MARKER_VAR, value), 'SIGKILL');
  const killDeadline = Date.now() + 3000;
  while (processesWithEnv(RUN_MARKER_VAR, value).length && Date.now() < killDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
