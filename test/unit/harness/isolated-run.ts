// Runs a launcher (integration runner, `npm start`) in its own TMPDIR and checks afterwards that it left
// nothing behind: no process that inherited that TMPDIR, no file in it, and its port closed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface IsolatedRun {
  tmp: string;
  output(): string;
  /** Resolves with the first match of `pattern` in the output (rejects if the process exits first). */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Signals the whole process group, as a terminal's Ctrl+C does. */
  signal(signal: NodeJS.Signals): void;
  /** For after-hooks: kills whatever still runs and removes the temp dir. */
  dispose(): Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startIsolated(command: string, args: string[]): IsolatedRun {
  const tmp = mkdtempSync(join(tmpdir(), 'sw-selftest-'));
  const child = spawn(command, args, {
    env: { ...process.env, TMPDIR: tmp, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, like a command started in a terminal
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    listeners.forEach((listener) => listener());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    tmp,
    exit,
    output: () => output,
    signal: (signal) => process.kill(-child.pid!, signal),
    dispose: async () => {
      const { processesWithEnv } = await import('../../../scripts/lib/processes.mjs');
      for (const pid of processesWithEnv('TMPDIR', (value) => value.startsWith(tmp))) process.kill(pid, 'SIGKILL');
      rmSync(tmp, { recursive: true, force: true });
    },
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) done(() => resolve(match));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no ${pattern} in:\n${output}`))), timeoutMs);
        void exit.then(() => done(() => reject(new Error(`exited before ${pattern}:\n${output}`))));
        let settled = false;
        function done(settle: () => void) {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        }
        listeners.add(check);
        check();
      }),
  };
}

/** What a finished run left behind under its TMPDIR. Removes the (then empty) dir itself. */
export async function leftovers(tmp: string): Promise<{ processes: number[]; files: string[] }> {
  // the launchers' own process bookkeeping (ESM, hence the dynamic import from this CommonJS test)
  const { processesWithEnv } = await import('../../../scripts/lib/processes.mjs');
  const processes = processesWithEnv('TMPDIR', (value) => value === tmp || value.startsWith(`${tmp}/`));
  const files = readdirSync(tmp);
  if (!processes.length) rmSync(tmp, { recursive: true, force: true });
  return { processes, files };
}

export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
