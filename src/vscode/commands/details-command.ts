// A click on a secret in the tree opens its details page (value masked), following VS Code's list conventions:
// with `workbench.list.openMode` "singleClick" (the default) a click opens a preview editor and keeps focus in
// the tree, and a double click (VS Code runs the command again within the double-click time) keeps the editor
// open and focuses it; with "doubleClick" VS Code runs the command only on a double click, which does the same.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { secretInfoUri } from '../documents/secret-info-documents';
import type { Services } from '../services';
import { registerCommand } from './runner';
import { resolveSecret } from './targets';

/** Two runs on the same secret this close together are one double click (VS Code's default is 500 ms). */
const doubleClickMs = 500;

export function registerDetailsCommand(services: Services): vscode.Disposable {
  let lastRun: { uri: string; at: number } | undefined;
  return registerCommand(services, Commands.showSecretDetails, async (node) => {
    const target = await resolveSecret(services, node, 'Show Secret Details');
    const uri = secretInfoUri({ connectionId: target.connection.id, name: target.secret.name });
    const now = Date.now();
    const doubleClick = lastRun?.uri === uri.toString() && now - lastRun.at < doubleClickMs;
    lastRun = { uri: uri.toString(), at: now };
    const keep =
      doubleClick || vscode.workspace.getConfiguration('workbench.list').get<string>('openMode') === 'doubleClick';
    const document = await vscode.languages.setTextDocumentLanguage(
      await vscode.workspace.openTextDocument(uri),
      'markdown',
    );
    await vscode.window.showTextDocument(document, { preview: !keep, preserveFocus: !keep });
    if (keep) await vscode.commands.executeCommand('workbench.action.keepEditor');
    return uri.toString();
  });
}
