// Child process for server.bench.ts: `secrets-workbench serve` itself (the CLI command, in-process here) over
// the vault the bench made, on its own core. Prints the export lines as serve does, then answers CPU queries.
import { PassThrough, Writable } from 'node:stream';
import { serve } from '../../src/cli/commands/serve';

class Lines extends Writable {
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    process.stdout.write(chunk);
    done();
  }
}

let stop: () => void = () => undefined;
const stopped = new Promise<void>((resolve) => (stop = resolve));
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
// Each line on stdin asks for the CPU time used so far (µs), so the bench can report CPU per request.
process.stdin.setEncoding('utf8').on('data', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(JSON.stringify({ cpuMicros: user + system }) + '\n');
});
void serve(
  ['--vault', process.env.BENCH_VAULT!],
  { stdin: new PassThrough(), stdout: new Lines(), stderr: process.stderr, env: process.env, cwd: process.cwd() },
  stopped,
).then((code) => process.exit(code));
