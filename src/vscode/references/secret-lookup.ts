// Answers "what is this referenced secret?" for the editor features (CodeLens, hover, completion, diagnostics):
// which connection validates the reference's workspace folder, and the cached metadata and JSON key names.
// The choice and the cache are pure core; this adapts them to settings, offline mode and the explorer's changes.
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import {
  SecretMetadataCache,
  type SecretKeys,
  type SecretLookup as Lookup,
} from '../../core/references/secret-metadata';
import type { Clock } from '../../core/references/ttl-cache';
import { validatingConnection, type ValidatingConnection } from '../../core/references/validating-connection';
import { Settings } from '../constants';
import { localConnectionId } from '../connections/config';
import type { Connection, ConnectionManager } from '../connections/connection-manager';
import type { ExplorerModel } from '../tree/explorer-model';

export interface SecretLookupDeps {
  connections: Pick<ConnectionManager, 'list' | 'get' | 'getStoreQuietly' | 'isOpen' | 'onDidChange'>;
  model: Pick<ExplorerModel, 'onDidRefresh'>;
  /** Whether offline mode is on (the local vault validates then), and when that changes. */
  offline(): boolean;
  onDidChangeOffline: vscode.Event<unknown>;
  /** The AWS connection offline mode syncs with in this workspace, if one was chosen. */
  offlineSyncConnection(): string | undefined;
  /** Whether the local vault file exists: without it every secret is missing, and no vault is created to look. */
  localVaultExists(): boolean;
  clock?: Clock;
}

export interface ReferenceConnection extends ValidatingConnection {
  connection: Connection;
}

export class SecretLookup implements vscode.Disposable {
  readonly cache: SecretMetadataCache;
  private readonly changed = new Emitter<void>();
  /** Answers may differ now: the validating connection changed, or the extension changed a secret. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly deps: SecretLookupDeps) {
    this.cache = new SecretMetadataCache({
      store: async (id) =>
        id === localConnectionId && !deps.connections.isOpen(id) && !deps.localVaultExists()
          ? undefined
          : deps.connections.getStoreQuietly(id), // a lens or hover never asks for a passphrase
      clock: deps.clock,
    });
    this.disposables = [
      this.changed,
      deps.connections.onDidChange(() => this.invalidate()),
      deps.model.onDidRefresh(({ connectionId, secretName }) => this.invalidate(connectionId, secretName)),
      deps.onDidChangeOffline(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${Settings.section}.${Settings.referencesConnection}`)) this.changed.fire();
      }),
    ];
  }

  /** The connection that validates references in `resource`'s workspace folder. */
  connectionFor(resource: vscode.Uri | undefined): ReferenceConnection {
    const setting = vscode.workspace
      .getConfiguration(Settings.section, resource)
      .get<string>(Settings.referencesConnection);
    const choice = validatingConnection({
      connections: this.deps.connections.list(),
      setting,
      offline: this.deps.offline(),
      offlineSyncConnection: this.deps.offlineSyncConnection(),
    });
    return { ...choice, connection: this.deps.connections.get(choice.connectionId) };
  }

  /** The secret's metadata in the resource's validating connection (at most one DescribeSecret a minute). */
  async describe(
    resource: vscode.Uri | undefined,
    secretId: string,
  ): Promise<ReferenceConnection & { lookup: Lookup }> {
    const target = this.connectionFor(resource);
    return { ...target, lookup: await this.cache.describe(target.connectionId, secretId) };
  }

  /** The JSON key names of the secret's current version, never its value. */
  async jsonKeys(
    resource: vscode.Uri | undefined,
    secretId: string,
  ): Promise<ReferenceConnection & { keys: SecretKeys }> {
    const target = this.connectionFor(resource);
    return { ...target, keys: await this.cache.jsonKeys(target.connectionId, secretId) };
  }

  invalidate(connectionId?: string, secretName?: string): void {
    this.cache.invalidate(connectionId, secretName);
    this.changed.fire();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
