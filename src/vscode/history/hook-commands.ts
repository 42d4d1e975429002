// "Secrets: Install Pre-commit Hook" / "Uninstall Pre-commit Hook" (#22): the CLI's installer (core/git/hook) on
// the workspace repository. The hook runs `secrets-workbench scan --staged`, with the workspace baseline when
// the repository has one, so the hook and the editor agree on what is already known.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type * as vscode from 'vscode';
import { DEFAULT_HOOK_COMMAND, installHook, uninstallHook, type HookResult } from '../../core/git/hook';
import { registerCommand } from '../commands/runner';
import { GitCommands } from '../constants';
import type { Services } from '../services';
import { DEFAULT_BASELINE_FILE } from '../diagnostics/baseline';
import { trusted, workspaceRepository } from './workspace-repository';

export function registerHookCommands(services: Services): vscode.Disposable[] {
  return [
    registerCommand(services, GitCommands.installHook, async (target): Promise<HookResult | undefined> => {
      if (!trusted(services, 'Install Pre-commit Hook')) return undefined;
      const root = await workspaceRepository(services, target, 'Install Pre-commit Hook');
      const baseline = existsSync(join(root, DEFAULT_BASELINE_FILE));
      const command = baseline ? `${DEFAULT_HOOK_COMMAND} --baseline ${DEFAULT_BASELINE_FILE}` : undefined;
      const result = installHook(root, { command });
      const onPath = isOnPath('secrets-workbench');
      void services
        .ui()
        .notify(
          onPath ? 'info' : 'warning',
          `Pre-commit hook ${result.message}: commits that add a credential are blocked` +
            `${baseline ? ` (credentials in ${DEFAULT_BASELINE_FILE} excepted)` : ''}.` +
            (onPath
              ? ''
              : ' secrets-workbench is not on PATH, so until it is (npm install -g secrets-workbench) the hook blocks every commit and says why.'),
        );
      return result;
    }),
    registerCommand(services, GitCommands.uninstallHook, async (target): Promise<HookResult | undefined> => {
      if (!trusted(services, 'Uninstall Pre-commit Hook')) return undefined;
      const root = await workspaceRepository(services, target, 'Uninstall Pre-commit Hook');
      const result = uninstallHook(root);
      void services.ui().notify('info', `Pre-commit hook: ${result.message}.`);
      return result;
    }),
  ];
}

function isOnPath(command: string): boolean {
  const extensions = process.platform === 'win32' ? ['.cmd', '.exe', ''] : [''];
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => extensions.some((ext) => existsSync(join(dir, command + ext))));
}
