// A time-to-live cache of asynchronous lookups: each key is loaded at most once per TTL, concurrent gets of
// a key share one load, and an invalidation drops both the stored result and any load still in flight (so a
// stale answer that arrives late is not stored). Pure: the clock is injected, so tests control time.

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

interface Entry<V> {
  value: V;
  storedAt: number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * The cached value of `key`, else the result of `load` (stored for the TTL). A rejected load is not stored:
   * the next get tries again (callers turn answers worth remembering, such as "not found", into values).
   */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && this.clock.now() - entry.storedAt < this.ttlMs) return Promise.resolve(entry.value);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const started = load().then(
      (value) => {
        if (this.loading.get(key) === started) {
          this.loading.delete(key);
          this.entries.set(key, { value, storedAt: this.clock.now() });
        }
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === started) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, started);
    this.pruneExpired();
    return started;
  }

  /** The stored, unexpired value of `key`, without loading. */
  peek(key: string): V | undefined {
    const entry = this.entries.get(key);
    return entry && this.clock.now() - entry.storedAt < this.ttlMs ? entry.value : undefined;
  }

  /** Drops every key (stored or loading) for which `matches` holds; `value` is absent while it loads. */
  invalidate(matches: (key: string, value: V | undefined) => boolean): number {
    let dropped = 0;
    for (const [key, entry] of [...this.entries]) if (matches(key, entry.value) && this.entries.delete(key)) dropped++;
    for (const key of [...this.loading.keys()]) if (matches(key, undefined) && this.loading.delete(key)) dropped++;
    return dropped;
  }

  clear(): void {
    this.entries.clear();
    this.loading.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Keeps the map from growing without bound over a long session: expired entries go when a load starts. */
  private pruneExpired(): void {
    if (this.entries.size < 256) return;
    const now = this.clock.now();
    for (const [key, entry] of [...this.entries]) if (now - entry.storedAt >= this.ttlMs) this.entries.delete(key);
  }
}
