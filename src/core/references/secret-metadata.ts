// What the editor shows and checks about a referenced secret, fetched through a per-connection cache: at most
// one DescribeSecret per secret per connection per TTL (a minute), shared by CodeLens, hover, completion and
// diagnostics. "Not found" is an answer and is cached too. JSON key names of the current version are cached the
// same way; the value they come from is parsed and dropped at once, never stored or returned.
import { ErrorCode, isSecretsError } from '../store/errors';
import { parseJsonObject } from '../store/rotate-value';
import { Stage, type SecretMetadata, type SecretStore } from '../store/types';
import { systemClock, TtlCache, type Clock } from './ttl-cache';

export const metadataTtlMs = 60_000;

export type SecretLookup = { status: 'found'; metadata: SecretMetadata } | { status: 'missing' };

export type SecretKeys =
  /** The current version is a JSON object: its top-level key names, sorted. */
  | { status: 'keys'; keys: string[]; versionId: string }
  /** The current version is text that is not a JSON object, or binary. */
  | { status: 'not-json' }
  /** No such secret, or scheduled for deletion (its value cannot be read). */
  | { status: 'missing' | 'deleted' };

export interface SecretMetadataCacheOptions {
  /**
   * The store of a connection (opened by whoever owns connections), or undefined when it has none yet (no local
   * vault file): every secret is missing then, and nothing is created or asked for just to look.
   */
  store(connectionId: string): Promise<SecretStore | undefined>;
  ttlMs?: number;
  clock?: Clock;
}

export class SecretMetadataCache {
  private readonly described: TtlCache<SecretLookup>;
  private readonly keyNames: TtlCache<SecretKeys>;

  constructor(private readonly options: SecretMetadataCacheOptions) {
    const ttl = options.ttlMs ?? metadataTtlMs;
    this.described = new TtlCache(ttl, options.clock ?? systemClock);
    this.keyNames = new TtlCache(ttl, options.clock ?? systemClock);
  }

  /** The secret's metadata (by name or ARN), or missing. Other failures (network, access) reject, uncached. */
  describe(connectionId: string, secretId: string): Promise<SecretLookup> {
    return this.described.get(cacheKey(connectionId, secretId), async () => {
      const store = await this.options.store(connectionId);
      if (!store) return { status: 'missing' };
      try {
        return { status: 'found', metadata: await store.describeSecret(secretId) };
      } catch (error) {
        if (isSecretsError(error, ErrorCode.resourceNotFound)) return { status: 'missing' };
        throw error;
      }
    });
  }

  /** The key names of the current (AWSCURRENT) version, when it is a JSON object. Never a value. */
  jsonKeys(connectionId: string, secretId: string): Promise<SecretKeys> {
    return this.keyNames.get(cacheKey(connectionId, secretId), async () => {
      const described = await this.describe(connectionId, secretId);
      if (described.status === 'missing') return { status: 'missing' };
      if (described.metadata.deletedDate) return { status: 'deleted' };
      const store = await this.options.store(connectionId);
      if (!store) return { status: 'missing' };
      const current = await store.getSecretValue({ secretId, versionStage: Stage.current });
      const parsed = parseJsonObject(current.secretString);
      return parsed
        ? { status: 'keys', keys: Object.keys(parsed).sort(), versionId: current.versionId }
        : { status: 'not-json' };
    });
  }

  /**
   * Forgets what is cached about a secret the extension just changed (or every secret of a connection, or
   * everything), so the next lookup asks the store. Entries keyed by ARN match through the name they resolved to.
   */
  invalidate(connectionId?: string, secretName?: string): void {
    const byKey = (key: string): boolean => {
      if (connectionId === undefined) return true;
      const { connection, secretId } = splitKey(key);
      if (connection !== connectionId) return false;
      return secretName === undefined || secretId === secretName || isArnOf(secretId, secretName);
    };
    const dropped = new Set<string>();
    this.described.invalidate((key, value) => {
      const match =
        byKey(key) ||
        (splitKey(key).connection === connectionId && value?.status === 'found' && value.metadata.name === secretName);
      if (match) dropped.add(key);
      return match;
    });
    // Key names follow their describe (an ARN key is dropped with the name it resolved to).
    this.keyNames.invalidate((key) => dropped.has(key) || byKey(key));
  }
}

const cacheKey = (connectionId: string, secretId: string) => `${connectionId}\n${secretId}`;

function splitKey(key: string): { connection: string; secretId: string } {
  const at = key.indexOf('\n');
  return { connection: key.slice(0, at), secretId: key.slice(at + 1) };
}

/** `arn:…:secret:<name>` or `…:secret:<name>-AbCdEf` (AWS appends six characters). */
function isArnOf(secretId: string, name: string): boolean {
  const marker = secretId.indexOf(':secret:');
  if (!secretId.startsWith('arn:') || marker < 0) return false;
  const tail = secretId.slice(marker + ':secret:'.length);
  return tail === name || (tail.startsWith(`${name}-`) && tail.length === name.length + 7);
}
