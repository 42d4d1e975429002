// Reading secrets from the user without ever taking them from argv: a no-echo TTY prompt, stdin, or a file.
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { CliIo } from './commands/types';
import { UsageError } from './commands/types';

type TtyInput = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

export function isInteractive(io: CliIo): boolean {
  return Boolean((io.stdin as TtyInput).isTTY && (io.stdin as TtyInput).setRawMode);
}

/** Prompts on stderr and reads one line from the terminal without echoing it. */
export function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const input = io.stdin as TtyInput;
  if (!isInteractive(io)) throw new UsageError('cannot prompt: standard input is not a terminal');
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let entered = '';
    const finish = (error?: Error) => {
      input.setRawMode!(false);
      input.pause();
      input.removeListener('data', onData);
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(entered);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') entered = entered.slice(0, -1);
        else entered += char;
      }
    };
    input.setRawMode!(true);
    input.resume();
    input.on('data', onData);
  });
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/**
 * A secret value from `--value-file`, else from stdin (a no-echo prompt on a terminal). The bytes are taken
 * exactly as given, trailing newline included, as the AWS CLI does with `file://`.
 */
export async function readSecretValue(io: CliIo, valueFile: string | undefined): Promise<Buffer> {
  if (valueFile !== undefined) {
    try {
      return await readFile(valueFile === '-' ? '/dev/stdin' : valueFile);
    } catch (error) {
      throw new CliIoError(`cannot read the value file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (isInteractive(io)) return Buffer.from(await promptHidden(io, 'Secret value (input hidden): '), 'utf8');
  return readAll(io.stdin);
}

/** An I/O failure in the CLI itself (exit code 2). */
export class CliIoError extends Error {}
