// Which connection or secret a command acts on: the tree node it was invoked on, else a quick pick.
import type { SecretMetadata } from '../../core/store/types';
import type { Destination } from '../../core/usecases/create-secret';
import type { Connection } from '../connections/connection-manager';
import type { Services } from '../services';
import type { ExplorerNode } from '../tree/nodes';
import { required } from './runner';

export interface SecretTarget {
  connection: Connection;
  secret: SecretMetadata;
  /** Set when invoked on a version node. */
  versionId?: string;
}

/** A connection as the use cases take it: its store (opened on first use) and its label. */
export function destinationOf(services: Services, connection: Connection): Destination {
  return { store: () => services.connections.getStore(connection.id), label: connection.label };
}

export function connectionOf(node: unknown, services: Services): Connection | undefined {
  const n = node as ExplorerNode | undefined;
  if (!n || typeof n !== 'object' || !('kind' in n)) return undefined;
  if (n.kind === 'connection') return n.connection;
  if ('connectionId' in n) return services.connections.get(n.connectionId);
  return undefined;
}

export async function pickConnection(
  services: Services,
  title: string,
  filter: (c: Connection) => boolean = () => true,
): Promise<Connection> {
  const candidates = services.connections.list().filter(filter);
  if (candidates.length === 1) return candidates[0];
  if (!candidates.length)
    throw new Error('There is no matching connection: add one with "Secrets: Add AWS Connection…".');
  return required(
    await services.ui().pick(
      candidates.map((c) => ({
        label: c.label,
        description: c.capabilities.localOnly ? 'local vault' : 'AWS',
        value: c,
      })),
      { title, placeholder: 'Choose a connection' },
    ),
  );
}

export async function resolveSecret(
  services: Services,
  node: unknown,
  title: string,
  filter: (s: SecretMetadata) => boolean = () => true,
): Promise<SecretTarget> {
  const n = node as ExplorerNode | undefined;
  if (n && (n.kind === 'secret' || n.kind === 'version')) {
    return {
      connection: services.connections.get(n.connectionId),
      secret: n.secret,
      versionId: n.kind === 'version' ? n.version.versionId : undefined,
    };
  }
  const connection = connectionOf(node, services) ?? (await pickConnection(services, title));
  return { connection, secret: await pickSecret(services, connection, title, filter) };
}

/**
 * For a palette command: the secret the user is looking at (selected in the tree or open in the editor), if it
 * still exists and passes `filter`; the command then confirms it by name instead of asking to pick one.
 */
export async function contextSecretTarget(
  services: Services,
  filter: (s: SecretMetadata) => boolean = () => true,
): Promise<SecretTarget | undefined> {
  const ref = services.contextSecret();
  if (!ref) return undefined;
  try {
    const connection = services.connections.get(ref.connectionId);
    const secret = await (await services.connections.getStore(connection.id)).describeSecret(ref.name);
    return filter(secret) ? { connection, secret } : undefined;
  } catch {
    return undefined; // removed meanwhile: the command asks as usual
  }
}

export async function pickSecret(
  services: Services,
  connection: Connection,
  title: string,
  filter: (s: SecretMetadata) => boolean = () => true,
): Promise<SecretMetadata> {
  const secrets = (await services.model.loadedSecrets(connection.id)).filter(filter);
  const enterName = Symbol('enter name');
  const choice = required(
    await services.ui().pick<SecretMetadata | typeof enterName>(
      [
        ...secrets.map((s) => ({ label: s.name, description: s.description, value: s })),
        {
          label: 'Enter a secret name…',
          description: services.model.hasMoreSecrets(connection.id) ? 'not all secrets are loaded' : undefined,
          value: enterName,
        },
      ],
      { title, placeholder: `Choose a secret in ${connection.label}` },
    ),
  );
  if (choice !== enterName) return choice as SecretMetadata;
  const name = required(await services.ui().text({ title, prompt: 'Secret name or ARN' }));
  const store = await services.connections.getStore(connection.id);
  return store.describeSecret(name);
}
