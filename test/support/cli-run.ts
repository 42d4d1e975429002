// Runs the CLI in-process with captured output (shared by the CLI tests).
import { PassThrough, Writable } from 'node:stream';
import { runCli } from '../../src/cli/main';

export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * `secrets-workbench scan <args>` in `cwd`: exit code, stdout and stderr. Without a cache folder in `env`, no
 * prefilter tables are kept (a test leaves nothing in the user's cache).
 */
export async function runScanCli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io = { stdin: new PassThrough(), stdout, stderr, env: { SECRETS_WORKBENCH_SCAN_CACHE: 'off', ...env }, cwd };
  const code = await runCli(['scan', ...args], io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
