// "Create Secret…": the connection from the tree (or a pick), then the create use case's form, then show it.
import type * as vscode from 'vscode';
import { askNewSecret, createSecret } from '../../core/usecases/create-secret';
import { Commands } from '../constants';
import type { Services } from '../services';
import { registerCommand } from './runner';
import { connectionOf, pickConnection } from './targets';

export function registerCreateSecret(services: Services): vscode.Disposable {
  return registerCommand(services, Commands.createSecret, async (node) => {
    const title = 'Create Secret';
    const connection = connectionOf(node, services) ?? (await pickConnection(services, title));
    const to = { store: () => services.connections.getStore(connection.id), label: connection.label };
    const secret = await askNewSecret(services.ui(), to, {
      title,
      folder: folderOf(node),
      askKmsKey: connection.kind === 'aws',
      passwordRules: services.passwordRules(),
    });
    const created = await createSecret(services.ports(), to, secret);
    services.afterChange(connection.id);
    await services
      .reveal(connection.id, secret.name)
      .catch((error) => services.log.error(`reveal ${secret.name}`, error));
    void services.ui().notify('info', `Created secret "${secret.name}" in ${connection.label}.`);
    return created.arn;
  });
}

/** The prefix of a folder node, to prefill the name. */
function folderOf(node: unknown): string {
  const folder = node as { kind?: string; prefix?: string } | undefined;
  return folder?.kind === 'folder' ? (folder.prefix ?? '') : '';
}
