// The CLI's command table: one line per command module, each loaded only when it runs, so dist/cli.js is just
// this dispatcher: `scan` does not compile the stores and `secrets get` not the detection engine (the bundle puts
// each in its own dist/cli-<name>.js).
import type { CliCommand } from './types';

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<CliCommand>;
}

export const secretsSummary = 'list, read, create, put, stage, rotate, diff, delete, restore and tag secrets';
export const scanSummary = 'find hardcoded credentials (text, JSON or SARIF output)';
export const pullSummary = 'copy secrets from AWS into the local vault (for offline use)';
export const serveSummary = 'serve the local vault as AWS Secrets Manager on 127.0.0.1 (for any AWS SDK)';
export const hookSummary = 'install or remove the pre-commit hook that runs scan --staged';
export const renameSummary = 'copy a secret to a new name and update the references to it in code';
export const runSummary = "run a command with the project's env map injected from a store";

export const commands: readonly CommandEntry[] = [
  { name: 'scan', summary: scanSummary, load: async () => (await import('./scan.js')).scanCommand },
  { name: 'secrets', summary: secretsSummary, load: async () => (await import('./secrets.js')).secretsCommand },
  { name: 'serve', summary: serveSummary, load: async () => (await import('./serve.js')).serveCommand },
  { name: 'pull', summary: pullSummary, load: async () => (await import('./pull.js')).pullCommand },
  { name: 'run', summary: runSummary, load: async () => (await import('./run.js')).runCommand },
  { name: 'hook', summary: hookSummary, load: async () => (await import('./hook.js')).hookCommand },
  { name: 'rename', summary: renameSummary, load: async () => (await import('./rename.js')).renameCommand },
];
