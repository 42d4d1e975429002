// Composition root: wires core services to VS Code adapters. Keep logic out of here.
import * as vscode from 'vscode';
import { Commands } from './vscode/constants';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showInfo, () => {
      const version = String(context.extension.packageJSON.version);
      void vscode.window.showInformationMessage(`Secrets Workbench ${version}`);
      return version;
    }),
  );
}

export function deactivate(): void {
  // Every disposable is owned by context.subscriptions.
}
