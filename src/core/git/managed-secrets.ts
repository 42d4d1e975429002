// Which managed secret an exposed value is (#22): "Rotate…" is offered for a history finding only when its value
// is the current value of a secret in a connected store. Values are hashed as they are read and dropped: the index
// holds HMAC-SHA256 under a key made for this index alone, of each value's SHA-256 (what a Finding carries as
// `valueHash`), so it can neither be reversed nor matched against any other hash list.
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../detection/checksums';
import { keyedHash } from '../detection/value-hash';
import type { SecretStore } from '../store/types';

export interface ManagedSecretRef {
  connectionId: string;
  connectionLabel: string;
  secretName: string;
  /** The JSON key whose value matched, when the secret is a JSON object. */
  jsonKey?: string;
}

export interface ManagedSource {
  connectionId: string;
  connectionLabel: string;
  store: Pick<SecretStore, 'listSecrets' | 'getSecretValue'>;
}

/** Values shorter than this are not indexed: too many unrelated strings would match ("true", a port). */
const MIN_LENGTH = 8;
/** Per store: indexing reads every current value, so it stops somewhere on a very large account. */
const MAX_SECRETS = 1000;

export class ManagedSecretIndex {
  private readonly key = randomBytes(32).toString('base64url');
  private readonly refs = new Map<string, ManagedSecretRef>();
  /** Stores that could not be read completely (named so the user knows a match may be missing). */
  readonly incomplete: string[] = [];

  /** Indexes one secret's current value: the whole text, and each string value of a JSON object. */
  add(ref: Omit<ManagedSecretRef, 'jsonKey'>, secretString: string): void {
    this.put(secretString, ref);
    let parsed: unknown;
    try {
      parsed = JSON.parse(secretString);
    } catch {
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return;
    for (const [jsonKey, value] of Object.entries(parsed)) {
      if (typeof value === 'string') this.put(value, { ...ref, jsonKey });
    }
  }

  /** The managed secret whose current value has this SHA-256 (a Finding's `valueHash`), if any. */
  match(valueHash: string): ManagedSecretRef | undefined {
    return this.refs.get(keyedHash(this.key, valueHash));
  }

  get size(): number {
    return this.refs.size;
  }

  private put(value: string, ref: ManagedSecretRef): void {
    if (value.length < MIN_LENGTH) return;
    const id = keyedHash(this.key, sha256Hex(value));
    if (!this.refs.has(id)) this.refs.set(id, ref);
  }
}

/** Reads the current value of every secret in the sources (one store failing does not stop the others). */
export async function indexManagedSecrets(
  sources: readonly ManagedSource[],
  signal?: AbortSignal,
): Promise<ManagedSecretIndex> {
  const index = new ManagedSecretIndex();
  for (const source of sources) {
    if (signal?.aborted) break;
    const ref = { connectionId: source.connectionId, connectionLabel: source.connectionLabel };
    let complete = true;
    try {
      let nextToken: string | undefined;
      let read = 0;
      pages: do {
        const page = await source.store.listSecrets({ maxResults: 100, nextToken });
        for (const secret of page.secrets) {
          if (signal?.aborted || read >= MAX_SECRETS) {
            complete = false;
            break pages;
          }
          if (secret.deletedDate) continue;
          read++;
          try {
            const value = await source.store.getSecretValue({ secretId: secret.name });
            if (value.secretString !== undefined) index.add({ ...ref, secretName: secret.name }, value.secretString);
          } catch {
            complete = false; // one secret unreadable (permissions): the others still count
          }
        }
        nextToken = page.nextToken;
      } while (nextToken);
    } catch {
      complete = false;
    }
    if (!complete) index.incomplete.push(source.connectionLabel);
  }
  return index;
}
