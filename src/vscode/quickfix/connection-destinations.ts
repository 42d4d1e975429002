// The explorer's connections as "Move to …" destinations: the local vault first (the default connection,
// so its action is the preferred one), then each AWS connection.
import type { ConnectionManager } from '../connections/connection-manager';
import type { SecretStore } from '../../core/store/index';
import type { SecretDestination, SecretDestinationProvider } from './destinations';

export class ConnectionDestinations implements SecretDestinationProvider {
  constructor(
    private readonly connections: ConnectionManager,
    private readonly afterStore: (connectionId: string, secretName: string) => void,
  ) {}

  list(): SecretDestination[] {
    return this.connections.list().map((connection) => ({
      id: connection.id,
      kind: connection.kind,
      label: connection.kind === 'local' ? 'Local Vault' : `AWS Secrets Manager (${connection.label})`,
    }));
  }

  getStore(id: string): Promise<SecretStore> {
    return this.connections.getStore(id);
  }

  didStore(id: string, name: string): void {
    this.afterStore(id, name);
  }
}
