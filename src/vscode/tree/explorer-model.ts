// The explorer's data layer: children of every node, paging, filters, toggles and error nodes.
// Free of `vscode` so it runs in unit tests and benchmarks; tree-provider.ts adapts it to a TreeDataProvider.
import type { StoreCapabilities } from '../../core/store/capabilities';
import { folderChain, groupByFolder } from '../../core/explorer/folders';
import { PagedList } from '../../core/explorer/paging';
import { sortVersions } from '../../core/explorer/present';
import { asDescribed } from '../../core/posture/kms-replicas';
import { estimateCost, type CostEstimate } from '../../core/posture/cost';
import type { Prices } from '../../core/posture/prices';
import type { SecretFilter, SecretMetadata, SecretVersionEntry } from '../../core/store/types';
import { Commands } from '../constants';
import type { Connection, ConnectionManager } from '../connections/connection-manager';
import { Emitter } from '../../core/events';
import type { ConnectionNode, ExplorerNode, SecretNode } from './nodes';

export interface ExplorerOptions {
  pageSize: number;
  groupByFolder: boolean;
  showDeprecated: boolean;
  /** The cost lens on connections and folders; absent: not shown. */
  cost?: { prices: Prices };
}

export interface ExplorerModelDeps {
  connections: Pick<ConnectionManager, 'list' | 'getStore' | 'onDidChange'>;
  /** Whether the local vault file exists: an absent vault with no AWS connection shows the welcome view. */
  localVaultExists(): Promise<boolean>;
  /** Failures are logged (never with values) so the error node can point at the log. */
  logError(operation: string, error: unknown): void;
}

export class ExplorerModel {
  private readonly secretLists = new Map<string, PagedList<SecretMetadata>>();
  private readonly versionLists = new Map<string, PagedList<SecretVersionEntry>>();
  private readonly filters = new Map<string, SecretFilter[]>();
  private readonly changed = new Emitter<ExplorerNode | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly refreshed = new Emitter<{ connectionId?: string; secretName?: string }>();
  /** After every refresh, i.e. after every change the extension made: what changed (undefined: everything). */
  readonly onDidRefresh = this.refreshed.event;

  constructor(
    private readonly deps: ExplorerModelDeps,
    private options: ExplorerOptions,
  ) {
    deps.connections.onDidChange(() => this.refresh());
  }

  get settings(): Readonly<ExplorerOptions> {
    return this.options;
  }

  setOptions(options: Partial<ExplorerOptions>): void {
    const pagingChanged = options.pageSize !== undefined && options.pageSize !== this.options.pageSize;
    const versionsChanged =
      options.showDeprecated !== undefined && options.showDeprecated !== this.options.showDeprecated;
    this.options = { ...this.options, ...options };
    if (pagingChanged) this.secretLists.clear();
    if (pagingChanged || versionsChanged) this.versionLists.clear();
    this.changed.fire(undefined);
  }

  getFilter(connectionId: string): SecretFilter[] | undefined {
    return this.filters.get(connectionId);
  }

  /** What the connection's store can do (menus show only what it allows); none for a connection now gone. */
  capabilitiesOf(connectionId: string): StoreCapabilities | undefined {
    return this.deps.connections.list().find((c) => c.id === connectionId)?.capabilities;
  }

  /**
   * The secret as DescribeSecret sees it, replicas included, where the store has replicas (ListSecrets does not
   * report them); undefined where it has none or the call fails (the listing's tooltip stays).
   */
  async describeReplicated(node: SecretNode): Promise<SecretMetadata | undefined> {
    if (!this.capabilitiesOf(node.connectionId)?.replicas) return undefined;
    try {
      const store = await this.deps.connections.getStore(node.connectionId);
      return asDescribed(await store.describeSecret(node.secret.arn));
    } catch (error) {
      this.deps.logError(`Describing ${node.secret.name}`, error);
      return undefined;
    }
  }

  setFilter(connectionId: string, filters: SecretFilter[] | undefined): void {
    if (filters?.length) this.filters.set(connectionId, filters);
    else this.filters.delete(connectionId);
    this.refresh(connectionId);
  }

  /** Redraws without reloading (e.g. the vault file now exists, so the root shows it instead of the welcome). */
  redraw(): void {
    this.changed.fire(undefined);
  }

  /** Forgets loaded data (of one connection, or of one secret's versions too) and redraws. */
  refresh(connectionId?: string, secretName?: string): void {
    if (connectionId === undefined) {
      this.secretLists.clear();
      this.versionLists.clear();
    } else {
      this.secretLists.delete(connectionId);
      for (const key of [...this.versionLists.keys()]) {
        if (
          key.startsWith(`${connectionId}\n`) &&
          (secretName === undefined || key === versionKey(connectionId, secretName))
        ) {
          this.versionLists.delete(key);
        }
      }
    }
    this.refreshed.fire({ connectionId, secretName });
    this.changed.fire(undefined);
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'connection':
        return this.secretChildren(node, '');
      case 'folder':
        return this.secretChildren(this.connectionNode(node.connectionId), node.prefix);
      case 'secret':
        return this.versionChildren(node);
      case 'version':
      case 'loadMore':
      case 'error':
      case 'message':
        return [];
    }
  }

  /** The node `node` is shown under (VS Code needs it to reveal a node). */
  getParent(node: ExplorerNode): ExplorerNode | undefined {
    switch (node.kind) {
      case 'connection':
      case 'message':
        return undefined;
      case 'folder':
        return this.folderOrConnection(node.connectionId, node.prefix.slice(0, -1));
      case 'secret':
        return this.folderOrConnection(node.connectionId, node.secret.name);
      case 'version':
        return this.secretNodeFor(node.connectionId, node.secret);
      case 'loadMore':
        return node.secretName === undefined
          ? this.connectionNode(node.connectionId)
          : this.folderOrConnection(node.connectionId, node.secretName);
      case 'error':
        return node.retry;
    }
  }

  /** The tree node of a secret, as the tree shows it (loading the connection's first page if needed). */
  async secretNode(connectionId: string, name: string): Promise<SecretNode | undefined> {
    const secret = (await this.loadedSecrets(connectionId)).find((s) => s.name === name);
    return secret && this.secretNodeFor(connectionId, secret);
  }

  private secretNodeFor(connectionId: string, secret: SecretMetadata): SecretNode {
    const prefix = this.options.groupByFolder ? (folderChain(secret.name).at(-1) ?? '') : '';
    return secretNodeOf(connectionId, secret, secret.name.slice(prefix.length));
  }

  /** The folder that holds `name` (a secret's name, or a folder's prefix without its '/'), else the connection. */
  private folderOrConnection(connectionId: string, name: string): ExplorerNode {
    const prefix = this.options.groupByFolder ? folderChain(name).at(-1) : undefined;
    if (!prefix) return this.connectionNode(connectionId);
    return {
      kind: 'folder',
      id: `${connectionId}\nfolder\n${prefix}`,
      connectionId,
      prefix,
      name: prefix.slice(0, -1).slice((folderChain(prefix.slice(0, -1)).at(-1) ?? '').length),
    };
  }

  /** Loads the next page of a connection's secrets or a secret's versions, then redraws. */
  async loadMore(connectionId: string, secretName?: string): Promise<void> {
    const list = secretName === undefined ? this.secretList(connectionId) : this.versionList(connectionId, secretName);
    try {
      await list.loadMore();
    } finally {
      this.changed.fire(undefined);
    }
  }

  /** The secrets loaded so far for a connection (first page loaded on demand). */
  async loadedSecrets(connectionId: string): Promise<readonly SecretMetadata[]> {
    const list = this.secretList(connectionId);
    await list.ensureFirstPage();
    return list.items;
  }

  /** The cost of a connection (prefix '') or folder from the secrets loaded so far; none before a page is, or when off. */
  costOf(connectionId: string, prefix: string): { estimate: CostEstimate; complete: boolean } | undefined {
    const list = this.secretLists.get(connectionId);
    if (!this.options.cost || !list?.isLoaded) return undefined;
    const secrets = list.items.filter((s) => s.name.startsWith(prefix));
    return { estimate: estimateCost(secrets, this.options.cost.prices, new Date()), complete: !list.hasMore };
  }

  hasMoreSecrets(connectionId: string): boolean {
    return this.secretList(connectionId).hasMore;
  }

  connectionNode(connectionId: string): ConnectionNode {
    const connection = this.deps.connections.list().find((c) => c.id === connectionId);
    if (!connection) throw new Error(`There is no connection ${connectionId}.`);
    return connectionNodeOf(connection);
  }

  private async roots(): Promise<ExplorerNode[]> {
    const connections = this.deps.connections.list();
    if (connections.length === 1 && connections[0].capabilities.localOnly && !(await this.deps.localVaultExists())) {
      return []; // nothing to show yet: the view's welcome content offers Create Secret / Add AWS Connection
    }
    return connections.map(connectionNodeOf);
  }

  private async secretChildren(connection: ConnectionNode, prefix: string): Promise<ExplorerNode[]> {
    const connectionId = connection.connection.id;
    const list = this.secretList(connectionId);
    const firstLoad = !list.isLoaded;
    try {
      await list.ensureFirstPage();
    } catch (error) {
      this.deps.logError(`list secrets of ${connection.connection.label}`, error);
      return [errorNode(connection, 'Listing secrets', error)];
    }
    // the connection was drawn before its secrets were known: redraw it with its cost
    if (firstLoad && this.options.cost) this.changed.fire(connection);
    const secrets = list.items;
    const nodes: ExplorerNode[] = [];
    if (this.options.groupByFolder) {
      const group = groupByFolder(secrets, (s) => s.name, prefix);
      for (const name of group.folders) {
        nodes.push({
          kind: 'folder',
          id: `${connectionId}\nfolder\n${prefix}${name}/`,
          connectionId,
          prefix: `${prefix}${name}/`,
          name,
        });
      }
      nodes.push(...group.items.map((secret) => secretNodeOf(connectionId, secret, secret.name.slice(prefix.length))));
    } else {
      nodes.push(...secrets.map((secret) => secretNodeOf(connectionId, secret, secret.name)));
    }
    // a folder may hold secrets on pages not loaded yet, so it offers the next page too
    if (list.hasMore) {
      nodes.push({
        kind: 'loadMore',
        id: `${connectionId}\nmore\n${prefix}\n${secrets.length}`,
        connectionId,
        loadedCount: secrets.length,
      });
    } else if (prefix === '' && !secrets.length) {
      nodes.push(
        this.filters.has(connectionId)
          ? { kind: 'message', id: `${connectionId}\nempty`, label: 'No secrets match the filter' }
          : {
              kind: 'message',
              id: `${connectionId}\nempty`,
              label: 'No secrets yet: create one…',
              command: { command: Commands.createSecret, args: [connection] },
            },
      );
    }
    return nodes;
  }

  private async versionChildren(node: SecretNode): Promise<ExplorerNode[]> {
    const list = this.versionList(node.connectionId, node.secret.name);
    try {
      await list.ensureFirstPage();
    } catch (error) {
      this.deps.logError(`list versions of ${node.secret.name}`, error);
      return [errorNode(node, `Listing versions of ${node.secret.name}`, error)];
    }
    const nodes: ExplorerNode[] = sortVersions(list.items).map((version) => ({
      kind: 'version' as const,
      id: `${node.id}\nversion\n${version.versionId}`,
      connectionId: node.connectionId,
      secret: node.secret,
      version,
    }));
    if (list.hasMore) {
      nodes.push({
        kind: 'loadMore',
        id: `${node.id}\nmore\n${list.items.length}`,
        connectionId: node.connectionId,
        secretName: node.secret.name,
        loadedCount: list.items.length,
      });
    }
    return nodes;
  }

  private secretList(connectionId: string): PagedList<SecretMetadata> {
    let list = this.secretLists.get(connectionId);
    if (!list) {
      list = new PagedList(async (nextToken) => {
        const store = await this.deps.connections.getStore(connectionId);
        const page = await store.listSecrets({
          maxResults: this.options.pageSize,
          nextToken,
          includePlannedDeletion: true,
          filters: this.filters.get(connectionId),
        });
        return { items: page.secrets, nextToken: page.nextToken };
      });
      this.secretLists.set(connectionId, list);
    }
    return list;
  }

  private versionList(connectionId: string, secretName: string): PagedList<SecretVersionEntry> {
    const key = versionKey(connectionId, secretName);
    let list = this.versionLists.get(key);
    if (!list) {
      list = new PagedList(async (nextToken) => {
        const store = await this.deps.connections.getStore(connectionId);
        const page = await store.listSecretVersionIds({
          secretId: secretName,
          includeDeprecated: this.options.showDeprecated,
          maxResults: 100,
          nextToken,
        });
        return { items: page.versions, nextToken: page.nextToken };
      });
      this.versionLists.set(key, list);
    }
    return list;
  }
}

const versionKey = (connectionId: string, secretName: string) => `${connectionId}\n${secretName}`;

export const connectionNodeOf = (connection: Connection): ConnectionNode => ({
  kind: 'connection',
  id: connection.id,
  connection,
});

export const secretNodeOf = (connectionId: string, secret: SecretMetadata, label: string): SecretNode => ({
  kind: 'secret',
  id: `${connectionId}\nsecret\n${secret.name}`,
  connectionId,
  secret,
  label,
});

function errorNode(retry: ConnectionNode | SecretNode, operation: string, error: unknown): ExplorerNode {
  const connectionId = retry.kind === 'connection' ? retry.connection.id : retry.connectionId;
  return {
    kind: 'error',
    id: `${retry.id}\nerror`,
    connectionId,
    operation,
    message: error instanceof Error ? error.message : String(error),
    retry,
  };
}
