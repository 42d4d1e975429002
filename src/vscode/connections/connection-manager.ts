// Owns the connections and their stores. Other features obtain stores only through here.
// Stores open lazily (the vault on first use; the AWS SDK only when an AWS connection is used).
import type { SecretStore } from '../../core/store/types';
import { Emitter, type Event } from '../../core/events';
import {
  awsConnectionId,
  localConnection,
  parseConnectionSettings,
  toSetting,
  type AwsConnectionSetting,
  type ConnectionConfig,
} from './config';

export type Connection = ConnectionConfig;
export type AwsConnection = Extract<ConnectionConfig, { kind: 'aws' }>;

export interface ClosableStore extends SecretStore {
  /** The vault zeroes its keys. */
  close?(): void;
  /** The AWS store closes its SDK client's sockets. */
  destroy?(): void;
}

export interface ConnectionManagerDeps {
  readSettings(): unknown;
  writeSettings(value: AwsConnectionSetting[]): Promise<void>;
  openLocalVault(options?: { quiet?: boolean }): Promise<ClosableStore>;
  openAws(connection: AwsConnection): Promise<ClosableStore>;
}

export class ConnectionManager {
  private connections: Connection[] = [];
  private readonly stores = new Map<string, Promise<ClosableStore>>();
  private readonly changed = new Emitter<void>();
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(private readonly deps: ConnectionManagerDeps) {
    this.reload();
  }

  get localVault(): Connection {
    return localConnection;
  }

  list(): Connection[] {
    return [localConnection, ...this.connections];
  }

  get(id: string): Connection {
    const found = this.list().find((c) => c.id === id);
    if (!found) throw new Error(`There is no connection ${id}. Add it with "Secrets: Add AWS Connection…".`);
    return found;
  }

  /** Opens (once) and returns the connection's store. A failed open is forgotten so the next call retries. */
  getStore(id: string): Promise<SecretStore> {
    let store = this.stores.get(id);
    if (!store) {
      const connection = this.get(id);
      store = connection.kind === 'local' ? this.deps.openLocalVault() : this.deps.openAws(connection);
      this.stores.set(id, store);
      store.catch(() => this.stores.get(id) === store && this.stores.delete(id));
    }
    return store;
  }

  /**
   * The store, opened without asking anything: a local vault opens only with the key kept in secret storage
   * (it rejects with LocalVaultNeedsUser otherwise). For background work such as CodeLens, which must never pop
   * up a passphrase prompt. A failed quiet open is not remembered, so the user's own open still asks.
   */
  async getStoreQuietly(id: string): Promise<SecretStore> {
    const open = this.stores.get(id);
    if (open || this.get(id).kind !== 'local') return open ?? this.getStore(id);
    const store = await this.deps.openLocalVault({ quiet: true });
    const raced = this.stores.get(id);
    if (raced) {
      store.close?.(); // the user's open won meanwhile: keep one store per connection
      return raced;
    }
    this.stores.set(id, Promise.resolve(store));
    return store;
  }

  /** Whether the store is already open: the tree avoids opening stores it does not need. */
  isOpen(id: string): boolean {
    return this.stores.has(id);
  }

  async addAws(setting: AwsConnectionSetting): Promise<AwsConnection> {
    const id = awsConnectionId(setting);
    const existing = this.connections.find((c) => c.id === id);
    if (existing?.kind === 'aws') return existing;
    const next = [...this.connections.filter(isAws).map(toSetting), setting];
    await this.deps.writeSettings(next);
    this.reload();
    return this.get(id) as AwsConnection;
  }

  async remove(id: string): Promise<void> {
    if (id === localConnection.id) throw new Error('The local vault is always present and cannot be removed.');
    const next = this.connections.filter(isAws).filter((c) => c.id !== id);
    await this.deps.writeSettings(next.map(toSetting));
    this.reload();
  }

  /** Re-reads settings (call on configuration change) and forgets stores of removed or changed connections. */
  reload(): void {
    this.connections = parseConnectionSettings(this.deps.readSettings());
    const ids = new Set(this.list().map((c) => c.id));
    for (const id of [...this.stores.keys()]) if (!ids.has(id)) this.forget(id);
    this.changed.fire();
  }

  /** Closes and forgets a store (e.g. after the vault path setting changed). */
  forget(id: string): void {
    const store = this.stores.get(id);
    this.stores.delete(id);
    void store
      ?.then((s) => {
        s.close?.();
        s.destroy?.();
      })
      .catch(() => undefined);
  }

  dispose(): void {
    for (const id of [...this.stores.keys()]) this.forget(id);
    this.changed.dispose();
  }
}

const isAws = (c: Connection): c is AwsConnection => c.kind === 'aws';
