// Registers offline mode: commands, status bar, virtual diff documents, and restores the persisted mode.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { OfflineMode } from './offline-mode';
import { prepareForOffline, type PrepareArgs } from './prepare';
import { pushOfflineChanges, type PushBackArgs } from './push-back';
import { createOfflineStatusBar } from './status-bar';
import type { OfflineDeps } from './types';
import { ValueDocuments } from './value-documents';
import { readProjectEnv } from '../quickfix/project-files';
import type { EnvMap } from '../../core/env/index';

/** The `env` maps of every workspace folder's .secrets-workbench.json, merged (a later folder wins a clash). */
async function workspaceEnvMap(): Promise<EnvMap> {
  const maps = await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => readProjectEnv(f.uri)));
  return Object.assign({}, ...maps.map((project) => project.env)) as EnvMap;
}

export type { OfflineDeps, OfflineServer, AwsConnectionChoice } from './types';
export { OfflineMode, type OfflineState } from './offline-mode';

/** Everything goes into context.subscriptions. Returns the mode for other features (e.g. the explorer). */
export function registerOfflineMode(context: vscode.ExtensionContext, deps: OfflineDeps): OfflineMode {
  const mode = new OfflineMode(context, { ...deps, projectEnv: workspaceEnvMap });
  const documents = new ValueDocuments();

  const goOffline = async () => {
    try {
      const state = await mode.goOffline();
      const { variables, problems } = mode.injectedEnv;
      const injected = variables.length ? ` They also get ${variables.join(', ')} from the env map.` : '';
      void deps
        .ui()
        .notify(
          'info',
          'Offline: new terminals, tasks and debug sessions read secrets from the local vault. ' +
            `Terminals opened before keep using AWS.${injected}`,
        );
      if (problems.length)
        void deps.ui().notify('warning', `Not set from the env map (not in the local vault): ${problems.join('; ')}`);
      return state;
    } catch (error) {
      void deps.ui().notify('error', `Could not go offline: ${messageOf(error)}`);
      return mode.state;
    }
  };

  const goOnline = async (args?: { offerPush?: boolean }) => {
    const state = await mode.goOnline();
    // Only when there is something to push and somewhere to push it.
    if (args?.offerPush !== false && mode.changedWhileOffline && deps.awsConnections().length > 0) {
      void deps
        .ui()
        .notify(
          'info',
          'Online: new terminals use AWS again. Push vault changes made while offline to AWS?',
          'Review Changes…',
        )
        .then((choice) => choice && vscode.commands.executeCommand(Commands.pushOfflineChanges));
    }
    return state;
  };

  context.subscriptions.push(
    mode,
    documents,
    createOfflineStatusBar(mode),
    vscode.commands.registerCommand(Commands.goOffline, goOffline),
    vscode.commands.registerCommand(Commands.goOnline, goOnline),
    vscode.commands.registerCommand(Commands.prepareForOffline, (args?: PrepareArgs) =>
      reportErrors(deps, prepareForOffline(deps, context, args)),
    ),
    vscode.commands.registerCommand(Commands.pushOfflineChanges, (args?: PushBackArgs) =>
      reportErrors(deps, pushOfflineChanges(deps, context, documents, args)),
    ),
  );

  void mode.restore().then((state) => {
    if (state.mode === 'offline-not-serving') {
      void vscode.window
        .showWarningMessage(`Offline mode could not restart: ${state.problem}`, 'Retry')
        .then((choice) => choice && vscode.commands.executeCommand(Commands.goOffline));
    }
  });
  return mode;
}

async function reportErrors<T>(deps: OfflineDeps, work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    void deps.ui().notify('error', messageOf(error));
    return undefined;
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
