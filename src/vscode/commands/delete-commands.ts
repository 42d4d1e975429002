// Delete Secret… and Restore Secret: the target from the tree (or a pick), then the delete use cases.
import type * as vscode from 'vscode';
import { formatDate } from '../../core/explorer/present';
import { askDeletion, deleteSecret, restoreSecret } from '../../core/usecases/delete';
import { Commands } from '../constants';
import type { Services } from '../services';
import { registerCommand } from './runner';
import { destinationOf, resolveSecret } from './targets';

export function registerDeleteCommands(services: Services): vscode.Disposable[] {
  return [
    registerCommand(services, Commands.deleteSecret, async (node) => {
      const { connection, secret } = await resolveSecret(services, node, 'Delete Secret', (s) => !s.deletedDate);
      const deletion = await askDeletion(services.ui(), secret.name, connection.label);
      if (!deletion) return undefined;
      const result = await deleteSecret(services.ports(), destinationOf(services, connection), secret.name, deletion);
      services.afterChange(connection.id, secret.name);
      void services
        .ui()
        .notify(
          'info',
          deletion.force
            ? `Deleted "${secret.name}" permanently.`
            : `"${secret.name}" is scheduled for deletion on ${formatDate(result.deletionDate)}. Restore it before then with "Restore Secret".`,
        );
      return result.deletionDate.toISOString();
    }),
    registerCommand(services, Commands.restoreSecret, async (node) => {
      const { connection, secret } = await resolveSecret(services, node, 'Restore Secret', (s) => !!s.deletedDate);
      await restoreSecret(services.ports(), destinationOf(services, connection), secret.name);
      services.afterChange(connection.id, secret.name);
      void services.ui().notify('info', `Restored "${secret.name}"; it is no longer scheduled for deletion.`);
    }),
  ];
}
