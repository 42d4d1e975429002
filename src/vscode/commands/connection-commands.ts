// Add/Remove AWS Connection and Add Passphrase to Local Vault.
import type * as vscode from 'vscode';
import type { VaultStore } from '../../core/vault/index';
import { askAwsConnection } from '../../core/usecases/aws-connection';
import { addVaultPassphrase } from '../../core/usecases/local-vault';
import { Commands } from '../constants';
import type { Services } from '../services';
import { connectionOf, pickConnection } from './targets';
import { registerCommand } from './runner';

export function registerConnectionCommands(services: Services): vscode.Disposable[] {
  return [
    registerCommand(services, Commands.addAwsConnection, async () => {
      const aws = await services.aws();
      const config = await askAwsConnection(services.ui(), {
        listProfiles: aws.listAwsProfiles,
        regions: aws.awsRegions,
      });
      const connection = await services.connections.addAws(config);
      services.log.info(`Added connection ${connection.label}.`);
      return connection.id;
    }),
    registerCommand(services, Commands.removeConnection, async (node) => {
      const connection =
        connectionOf(node, services) ??
        (await pickConnection(services, 'Remove AWS Connection', (c) => c.kind === 'aws'));
      if (connection.kind !== 'aws') throw new Error('The local vault is always present and cannot be removed.');
      const yes = await services.ui().confirm({
        message: `Remove the connection "${connection.label}"?`,
        detail: 'Only the connection is removed from settings; no secret is deleted.',
        confirmLabel: 'Remove Connection',
      });
      if (!yes) return;
      services.connections.forget(connection.id);
      await services.connections.remove(connection.id);
      services.log.info(`Removed connection ${connection.label}.`);
    }),
    registerCommand(services, Commands.addVaultPassphrase, async () => {
      const vault = await services.connections.getStore(services.connections.localVault.id);
      await addVaultPassphrase(services.ports(), vault as VaultStore);
      const where = `The local vault ${(vault as VaultStore).path}`;
      await services
        .ui()
        .notify('info', `${where} now also opens with your passphrase (e.g. from the CLI with --vault).`);
    }),
  ];
}
