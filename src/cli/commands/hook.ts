// `secrets-workbench hook install|uninstall [PATH]` (#22): the pre-commit hook that runs `scan --staged`.
import { resolve } from 'node:path';
import { HookError, installHook, uninstallHook } from '../../core/git/hook';
import { printable } from '../../core/terminal-text';
import { hookSummary } from './index';
import { ExitCode, UsageError, type CliCommand, type CliIo } from './types';

const USAGE = `Usage: secrets-workbench hook install [PATH] [--command "<cmd>"]
       secrets-workbench hook uninstall [PATH]

install    adds a pre-commit hook to the repository at PATH (default .) that runs
           "secrets-workbench scan --staged" and blocks a commit that adds a credential, saying what to do.
           An existing pre-commit hook is kept and runs first (renamed to pre-commit.pre-secrets-workbench);
           core.hooksPath is honoured; with husky, a marked block is added to .husky/pre-commit.
uninstall  undoes exactly what install did: the previous hook comes back byte for byte.

Options:
  --command "<cmd>"  what the hook runs (default: secrets-workbench scan --staged), e.g. npx secrets-workbench
                     scan --staged --baseline .secrets-baseline.json

The pre-commit framework (pre-commit.com) can use this project as a hook source instead: see
.pre-commit-hooks.yaml and docs/git.md.

Exit status: 0 done (or nothing to do), 2 error (not a repository, a hook that cannot be written).`;

function parse(args: string[]): { action: 'install' | 'uninstall'; path: string; command?: string } {
  const [action, ...rest] = args;
  if (action !== 'install' && action !== 'uninstall') throw new UsageError('hook needs install or uninstall');
  const paths: string[] = [];
  let command: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--command' && action === 'install') {
      command = rest[++i];
      if (!command) throw new UsageError('--command needs a value');
    } else if (arg.startsWith('--command=') && action === 'install') command = arg.slice('--command='.length);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else paths.push(arg);
  }
  if (paths.length > 1) throw new UsageError('one repository PATH at most');
  return { action, path: paths[0] ?? '.', command };
}

export async function runHook(args: string[], io: CliIo): Promise<number> {
  const { action, path, command } = parse(args);
  const repo = resolve(io.cwd, path);
  try {
    const result = action === 'install' ? installHook(repo, { command }) : uninstallHook(repo);
    io.stdout.write(`pre-commit hook ${printable(result.message)}\n`);
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof HookError)) throw error;
    io.stderr.write(`error: ${printable(error.message)}\n`);
    return ExitCode.usage;
  }
}

export const hookCommand: CliCommand = { name: 'hook', summary: hookSummary, usage: USAGE, run: runHook };
