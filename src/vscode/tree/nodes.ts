// The explorer's node types. Plain data: commands receive these as their argument from the tree.
import type { SecretMetadata, SecretVersionEntry } from '../../core/store/types';
import type { Connection } from '../connections/connection-manager';

export interface ConnectionNode {
  kind: 'connection';
  id: string;
  connection: Connection;
}

export interface FolderNode {
  kind: 'folder';
  id: string;
  connectionId: string;
  /** Ends with '/'. */
  prefix: string;
  name: string;
}

export interface SecretNode {
  kind: 'secret';
  id: string;
  connectionId: string;
  secret: SecretMetadata;
  /** The name below its folder when grouped, else the full name. */
  label: string;
}

export interface VersionNode {
  kind: 'version';
  id: string;
  connectionId: string;
  secret: SecretMetadata;
  version: SecretVersionEntry;
}

export interface LoadMoreNode {
  kind: 'loadMore';
  id: string;
  connectionId: string;
  /** Set when the node pages a secret's versions, else it pages the connection's secrets. */
  secretName?: string;
  loadedCount: number;
}

export interface ErrorNode {
  kind: 'error';
  id: string;
  connectionId: string;
  operation: string;
  message: string;
  /** The node whose children failed to load; retry reloads it. */
  retry: ConnectionNode | SecretNode;
}

export interface MessageNode {
  kind: 'message';
  id: string;
  label: string;
  command?: { command: string; args: unknown[] };
}

export type ExplorerNode =
  ConnectionNode | FolderNode | SecretNode | VersionNode | LoadMoreNode | ErrorNode | MessageNode;

export type SecretLikeNode = SecretNode | VersionNode;

export const isSecretLike = (node: unknown): node is SecretLikeNode =>
  !!node && typeof node === 'object' && ['secret', 'version'].includes((node as ExplorerNode).kind);
