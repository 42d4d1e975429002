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

/** `secrets-workbench scan <args>` in `cwd`: exit code, stdout and stderr. */
export async function runScanCli(
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(['scan', ...args], { stdin: new PassThrough(), stdout, stderr, env: {}, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
