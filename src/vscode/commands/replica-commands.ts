// Replicate to Regions… and Remove Replica Regions… (#23): offered where the store has replicas (the tree's
// `+replicas` flag; in the palette, while some connection has them), then the replica use cases.
import * as vscode from 'vscode';
import { removeReplicaRegions, replicateToRegions } from '../../core/usecases/replicas';
import type { ReplicationOutput } from '../../core/store/types';
import { Commands, ContextKeys } from '../constants';
import type { Services } from '../services';
import { isSecretLike } from '../tree/nodes';
import { registerCommand } from './runner';
import { destinationOf, pickConnection, pickSecret, resolveSecret, type SecretTarget } from './targets';

export function registerReplicaCommands(services: Services): vscode.Disposable[] {
  const syncContext = () =>
    void vscode.commands.executeCommand(
      'setContext',
      ContextKeys.replicasAvailable,
      services.connections.list().some((c) => c.capabilities.replicas),
    );
  syncContext();
  return [
    services.connections.onDidChange(syncContext),
    registerCommand(services, Commands.replicateToRegions, async (node) => {
      const { connection, secret } = await replicaTarget(services, node, 'Replicate to Regions');
      const result = await replicateToRegions(services.ports(), destinationOf(services, connection), secret.name);
      return finish(services, connection.id, secret.name, `Replicating "${secret.name}" to`, result);
    }),
    registerCommand(services, Commands.removeReplicaRegions, async (node) => {
      const { connection, secret } = await replicaTarget(services, node, 'Remove Replica Regions');
      const result = await removeReplicaRegions(services.ports(), destinationOf(services, connection), secret.name);
      return result && finish(services, connection.id, secret.name, `"${secret.name}" is now replicated to`, result);
    }),
  ];
}

/** The secret from the tree, else a pick among connections whose store has replicas. */
async function replicaTarget(services: Services, node: unknown, title: string): Promise<SecretTarget> {
  const live = (s: { deletedDate?: Date }) => !s.deletedDate;
  const target = isSecretLike(node)
    ? await resolveSecret(services, node, title, live)
    : await (async () => {
        const connection = await pickConnection(services, title, (c) => c.capabilities.replicas);
        return { connection, secret: await pickSecret(services, connection, title, live) };
      })();
  if (!target.connection.capabilities.replicas)
    throw new Error(
      `${target.connection.label} keeps secrets on this machine only: there are no regions to replicate to.`,
    );
  return target;
}

/** Refreshes the secret (its tooltip re-reads the replicas), says where it is replicated now, returns the regions. */
function finish(services: Services, connectionId: string, name: string, what: string, result: ReplicationOutput) {
  services.afterChange(connectionId, name);
  const regions = result.replicationStatus.map((r) => `${r.region} (${r.status})`);
  void services
    .ui()
    .notify('info', regions.length ? `${what} ${regions.join(', ')}.` : `"${name}" has no replicas now.`);
  return result.replicationStatus.map((r) => r.region);
}
