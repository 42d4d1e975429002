// Runs child-writer in separate processes: bundled once with esbuild so each process starts in tens of ms.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

export async function bundleChildWriter(dir: string): Promise<string> {
  const outfile = join(dir, 'child-writer.cjs');
  await esbuild.build({
    entryPoints: [join(__dirname, 'child-writer.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
  });
  return outfile;
}

export interface Ack {
  kind: 'put' | 'create';
  secretId: string;
  versionId: string;
  value: string;
}

export interface ChildRun {
  child: ChildProcess;
  acks: Ack[];
  ready: Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function startWriter(script: string, args: string[], options: { waitForGo?: boolean } = {}): ChildRun {
  const child = spawn(process.execPath, [script, ...args], {
    stdio: [options.waitForGo ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, WAIT_FOR_GO: options.waitForGo ? '1' : '0' },
  });
  child.stdin?.on('error', () => undefined); // the child may be killed with our signal still in the pipe
  const acks: Ack[] = [];
  let buffered = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') markReady();
      const [kind, secretId, versionId, value] = line.split(' ');
      if (kind === 'put' || kind === 'create') acks.push({ kind, secretId, versionId, value });
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, acks, ready, exit };
}
