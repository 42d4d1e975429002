// Status bar item showing whether AWS SDKs in new terminals use AWS or the local vault. Clicking toggles.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { OfflineMode, OfflineState } from './offline-mode';

export function createOfflineStatusBar(mode: OfflineMode): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('secretsWorkbench.offlineMode', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Secrets Workbench: Offline Mode';
  const render = (state: OfflineState) => {
    switch (state.mode) {
      case 'online':
        item.text = '$(cloud) Secrets: Online';
        item.tooltip = 'AWS SDKs in terminals, tasks and debug sessions use AWS. Click to go offline.';
        item.command = Commands.goOffline;
        item.backgroundColor = undefined;
        break;
      case 'offline':
        item.text = '$(vm-connect) Secrets: Offline';
        item.tooltip =
          `New terminals, tasks and debug sessions read secrets from the local vault at ${state.endpoint} ` +
          `(${state.region}). Click to go online.`;
        item.command = Commands.goOnline;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      case 'offline-not-serving':
        item.text = '$(warning) Secrets: Offline (not serving)';
        item.tooltip = `Offline mode could not start: ${state.problem}. Click to go online.`;
        item.command = Commands.goOnline;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
    }
  };
  render(mode.state);
  item.show();
  return vscode.Disposable.from(item, mode.onDidChange(render));
}
