// An in-memory SecretStore: the reference backend for the contract suite and for tests.
import { ListingCache, SecretsEngine, type EngineOptions } from './engine';
import { EngineStore, type EngineStoreOptions } from './engine-store';
import { emptyState } from './state';

export class MemoryStore extends EngineStore {
  private readonly engine: SecretsEngine;
  private readonly listings = new ListingCache();

  constructor(options: EngineOptions & EngineStoreOptions = {}) {
    super(options);
    this.engine = new SecretsEngine(emptyState(), { ...options, listings: this.listings });
  }

  protected async read<T>(fn: (engine: SecretsEngine) => T): Promise<T> {
    this.engine.purgeExpired();
    return fn(this.engine);
  }

  protected async write<T>(fn: (engine: SecretsEngine) => T): Promise<T> {
    this.engine.purgeExpired();
    // Work on a copy so a failing operation leaves the state exactly as it was.
    const draft = new SecretsEngine(structuredClone(this.engine.state), this.engineOptions());
    const result = fn(draft);
    this.engine.state.secrets = draft.state.secrets;
    return result;
  }

  private engineOptions(): EngineOptions {
    return {
      region: this.engine.region,
      accountId: this.engine.accountId,
      ...(this.options as EngineOptions),
      listings: this.listings,
    };
  }
}
