// Composition root: wires core services to VS Code adapters. Keep logic out of here.
import * as vscode from 'vscode';
import { Commands } from './vscode/constants';
import { registerQuickFix, type QuickFixFeature } from './vscode/quickfix/register';

export function activate(context: vscode.ExtensionContext): { quickFix: QuickFixFeature } {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showInfo, () => {
      const version = String(context.extension.packageJSON.version);
      void vscode.window.showInformationMessage(`Secrets Workbench ${version}`);
      return version;
    }),
  );
  const quickFix = registerQuickFix(context);
  return { quickFix };
}

export function deactivate(): void {
  // Every disposable is owned by context.subscriptions.
}
