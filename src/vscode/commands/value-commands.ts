// Open Secret Value (an editable document; a version opens read-only) and Copy Value / Name / ARN.
import * as vscode from 'vscode';
import { Commands, Schemes } from '../constants';
import { highlightIfJson } from '../documents/json-language';
import { secretUri, type SecretFileSystem } from '../documents/secret-file-system';
import type { Services } from '../services';
import { attempt, registerCommand } from './runner';
import { resolveSecret } from './targets';

export function registerValueCommands(services: Services, fileSystem: SecretFileSystem): vscode.Disposable[] {
  return [
    // Ctrl+S on a secret document: asks before VS Code saves, so a cancel keeps it dirty and says nothing.
    registerCommand(services, Commands.saveSecretValue, async (uri) => {
      const document =
        uri instanceof vscode.Uri
          ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())
          : vscode.window.activeTextEditor?.document;
      if (!document || document.uri.scheme !== Schemes.value)
        return vscode.commands.executeCommand('workbench.action.files.save');
      if (!document.isDirty || !(await fileSystem.confirmSave(document))) return false;
      return document.save();
    }),
    registerCommand(services, Commands.openSecretValue, async (node) => {
      const target = await resolveSecret(services, node, 'Open Secret Value', (s) => !s.deletedDate);
      const uri = secretUri({
        connectionId: target.connection.id,
        name: target.secret.name,
        versionId: target.versionId,
      });
      const document = await attempt(`Opening the value of "${target.secret.name}"`, async () =>
        vscode.workspace.openTextDocument(uri),
      );
      await vscode.window.showTextDocument(await highlightIfJson(document), { preview: false });
      return uri.toString();
    }),
    registerCommand(services, Commands.copyValue, async (node) => {
      const target = await resolveSecret(services, node, 'Copy Secret Value', (s) => !s.deletedDate);
      const store = await services.connections.getStore(target.connection.id);
      const value = await attempt(`Reading "${target.secret.name}"`, () =>
        store.getSecretValue({ secretId: target.secret.name, versionId: target.versionId }),
      );
      if (value.secretString === undefined)
        throw new Error(`"${target.secret.name}" holds a binary value, which cannot be copied as text.`);
      const seconds = await services.clipboard.copySecret(value.secretString);
      void services
        .ui()
        .notify(
          'info',
          `Copied the value of "${target.secret.name}".` +
            (seconds ? ` The clipboard is cleared in ${seconds} s unless you copy something else.` : ''),
        );
    }),
    registerCommand(services, Commands.copyName, async (node) => {
      const target = await resolveSecret(services, node, 'Copy Secret Name');
      await services.clipboard.copyText(target.secret.name);
      return target.secret.name;
    }),
    registerCommand(services, Commands.copyArn, async (node) => {
      const target = await resolveSecret(services, node, 'Copy Secret ARN');
      await services.clipboard.copyText(target.secret.arn);
      return target.secret.arn;
    }),
  ];
}
