// Read cache for secret values, as AWS's caching libraries do it: values by VersionId (immutable) with a TTL,
// stage → VersionId from the latest metadata seen. Writes through the store invalidate the secret.
import type { SecretMetadata, SecretValue } from '../store/types';

export interface ValueCacheOptions {
  /** How long a cached value or stage map is trusted (default 5 minutes; 0 disables caching). */
  ttlMs?: number;
  /** Entries kept (least recently used dropped first; default 1,024). */
  maxEntries?: number;
  now?: () => number;
}

interface Entry<T> {
  value: T;
  expires: number;
}

export class ValueCache {
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  /** VersionId → value. */
  private readonly values = new Map<string, Entry<SecretValue>>();
  /** Name or ARN → VersionId → stages. */
  private readonly stages = new Map<string, Entry<{ arn: string; name: string; map: Record<string, string[]> }>>();

  constructor(options: ValueCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 5 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 1024;
    this.now = options.now ?? Date.now;
  }

  /** A cached value for this read, or undefined when the API must be asked. */
  lookup(secretId: string, versionId: string | undefined, versionStage: string | undefined): SecretValue | undefined {
    if (this.ttlMs <= 0) return undefined;
    const stageMap = this.fresh(this.stages, secretId);
    let id = versionId;
    if (id === undefined) {
      const stage = versionStage ?? 'AWSCURRENT';
      id = stageMap && Object.entries(stageMap.map).find(([, stages]) => stages.includes(stage))?.[0];
      if (id === undefined) return undefined;
    }
    const cached = this.fresh(this.values, id);
    if (!cached || (cached.arn !== secretId && cached.name !== secretId)) return undefined;
    const stages = stageMap ? (stageMap.map[id] ?? []) : cached.versionStages;
    if (versionStage !== undefined && !stages.includes(versionStage)) return undefined;
    // LRU: re-insert on use.
    this.values.delete(id);
    this.values.set(id, { value: cached, expires: this.now() + this.ttlMs });
    return { ...cached, versionStages: [...stages] };
  }

  rememberValue(value: SecretValue): void {
    if (this.ttlMs <= 0) return;
    this.values.delete(value.versionId);
    this.values.set(value.versionId, { value, expires: this.now() + this.ttlMs });
    while (this.values.size > this.maxEntries) this.values.delete(this.values.keys().next().value!);
  }

  rememberMetadata(metadata: SecretMetadata): void {
    if (this.ttlMs <= 0) return;
    const entry = {
      value: { arn: metadata.arn, name: metadata.name, map: metadata.versionIdsToStages },
      expires: this.now() + this.ttlMs,
    };
    this.stages.set(metadata.arn, entry);
    this.stages.set(metadata.name, entry);
    while (this.stages.size > 2 * this.maxEntries) this.stages.delete(this.stages.keys().next().value!);
  }

  /** Forgets everything about a secret (any of its ids), or everything. */
  invalidate(...secretIds: string[]): void {
    if (secretIds.length === 0) {
      this.values.clear();
      this.stages.clear();
      return;
    }
    const ids = new Set(secretIds);
    for (const id of secretIds) {
      const entry = this.stages.get(id)?.value;
      if (entry) ids.add(entry.arn).add(entry.name);
    }
    for (const id of ids) this.stages.delete(id);
    for (const [versionId, { value }] of this.values) {
      if (ids.has(value.arn) || ids.has(value.name)) this.values.delete(versionId);
    }
  }

  private fresh<T>(map: Map<string, Entry<T>>, key: string): T | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      map.delete(key);
      return undefined;
    }
    return entry.value;
  }
}
