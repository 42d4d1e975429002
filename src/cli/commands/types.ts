import type { Readable, Writable } from 'node:stream';

/** Process-independent I/O so commands are testable in-process. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Ends this process with `signal` (a child killed by it: the caller sees what a shell would). */
  readonly raise?: (signal: NodeJS.Signals) => void;
}

/** Exit codes: 0 ok, 1 not found / refused / findings, 2 usage or I/O error. */
export const ExitCode = { ok: 0, refused: 1, usage: 2 } as const;

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

const usageErrorBrand = Symbol.for('secrets-workbench.UsageError');

/**
 * A mistake in the command line. Branded so that `instanceof` holds across the CLI's bundle files (dist/cli.js
 * and dist/cli-scan.js each carry a copy of this class).
 */
export class UsageError extends Error {
  readonly [usageErrorBrand] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[usageErrorBrand] === true;
  }
}
