// The decrypted vault state cached in memory, organised in the file's buckets, with change tracking so that
// a write re-encrypts only the buckets holding secrets it touched.
import type { SecretRecord, StoreState } from '../store/index';
import { VaultError } from './errors';
import type { FileIdentity } from './file-io';
import {
  bucketCount,
  chunkCiphertexts,
  decryptChunk,
  encryptChunk,
  parseVault,
  verifyHead,
  type ChunkEntry,
  type ContentKeys,
} from './format';
import type { KeySlot } from './keys';

export interface Bucket {
  entry: ChunkEntry;
  ciphertext: Buffer;
  names: Set<string>;
}

export interface Snapshot {
  /** The head of the file version this snapshot matches; equal heads mean an unchanged file. */
  head: Buffer;
  identity: FileIdentity;
  vaultId: string;
  generation: number;
  slots: KeySlot[];
  state: StoreState;
  /** Engine view of `state` that records which secret names were touched. */
  tracked: StoreState;
  /** While true, reading a secret through `tracked` marks it changed (inside writes). */
  tracking: { reads: boolean };
  dirty: Set<string>;
  buckets: Map<number, Bucket>;
  /** Names of secrets scheduled for deletion (computed on first use), so a purge need not scan every secret. */
  scheduled?: Set<string>;
}

/** FNV-1a over UTF-16 code units: stable, fast, and only spreads names over buckets. */
export function bucketOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % bucketCount;
}

/** A map without a prototype, so secret names such as `constructor` or `__proto__` are plain keys. */
export function secretsMap(): Record<string, SecretRecord> {
  return Object.create(null) as Record<string, SecretRecord>;
}

export function emptySnapshot(
  fields: Pick<Snapshot, 'head' | 'identity' | 'vaultId' | 'generation' | 'slots'>,
): Snapshot {
  return withTracking({ ...fields, buckets: new Map() }, { secrets: secretsMap() }, new Set());
}

function withTracking(
  fields: Omit<Snapshot, 'state' | 'tracked' | 'tracking' | 'dirty' | 'scheduled'>,
  state: StoreState,
  dirty: Set<string>,
): Snapshot {
  const tracking = { reads: false };
  const secrets = new Proxy(state.secrets, {
    get(target, key, receiver) {
      if (tracking.reads && typeof key === 'string') dirty.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
    set(target, key, value, receiver) {
      if (typeof key === 'string') dirty.add(key);
      return Reflect.set(target, key, value, receiver);
    },
    defineProperty(target, key, descriptor) {
      if (typeof key === 'string') dirty.add(key);
      return Reflect.defineProperty(target, key, descriptor);
    },
    deleteProperty(target, key) {
      if (typeof key === 'string') dirty.add(key);
      return Reflect.deleteProperty(target, key);
    },
  });
  return { ...fields, state, tracked: Object.freeze({ secrets }), tracking, dirty };
}

/**
 * Authenticates and decrypts a whole file. With `previous`, chunks whose nonce and tag are unchanged are
 * taken from it instead of being decrypted again (another process usually changed one bucket).
 */
export function loadSnapshot(bytes: Buffer, identity: FileIdentity, keys: ContentKeys, previous?: Snapshot): Snapshot {
  const parsed = parseVault(bytes);
  const { header } = parsed;
  if (previous && header.vaultId !== previous.vaultId) {
    throw new VaultError('WrongKey', 'The vault file was replaced by a different vault; open it again.');
  }
  verifyHead(parsed, keys);
  const ciphertexts = chunkCiphertexts(bytes, parsed);
  const secrets = secretsMap();
  const buckets = new Map<number, Bucket>();
  const dirty = new Set<string>();
  header.chunks.forEach((entry, index) => {
    const ciphertext = ciphertexts[index];
    const known = previous?.buckets.get(entry.bucket);
    if (previous && known && known.entry.nonce === entry.nonce && known.entry.tag === entry.tag) {
      for (const name of known.names) {
        secrets[name] = previous.state.secrets[name];
        if (previous.dirty.has(name)) dirty.add(name);
      }
      buckets.set(entry.bucket, { entry, ciphertext, names: known.names });
      return;
    }
    const json = decryptChunk(header.vaultId, entry, ciphertext, keys);
    const names = new Set<string>();
    for (const record of parseRecords(json)) {
      if (bucketOf(record.name) !== entry.bucket || names.has(record.name)) {
        throw new VaultError('Corrupt', 'The vault contents are authentic but inconsistent (misplaced secret).');
      }
      names.add(record.name);
      secrets[record.name] = record;
    }
    json.fill(0);
    buckets.set(entry.bucket, { entry, ciphertext, names });
  });
  const { vaultId, generation, slots } = header;
  return withTracking({ head: parsed.head, identity, vaultId, generation, slots, buckets }, { secrets }, dirty);
}

function parseRecords(json: Buffer): SecretRecord[] {
  let records: unknown;
  try {
    records = JSON.parse(json.toString('utf8'));
  } catch {
    throw new VaultError('Corrupt', 'The vault contents are authentic but not readable (unexpected encoding).');
  }
  if (
    !Array.isArray(records) ||
    !records.every((r) => r !== null && typeof r === 'object' && typeof r.name === 'string')
  ) {
    throw new VaultError('Corrupt', 'The vault contents are authentic but not in the expected shape.');
  }
  return records as SecretRecord[];
}

/** Re-encrypts the buckets that hold changed secrets; returns every bucket in file order. */
export function encryptChangedBuckets(snapshot: Snapshot, keys: ContentKeys): Map<number, Bucket> {
  const secrets = snapshot.state.secrets;
  const buckets = new Map(snapshot.buckets);
  const changed = new Map<number, Set<string>>();
  for (const name of snapshot.dirty) {
    const bucket = bucketOf(name);
    const names = changed.get(bucket) ?? new Set(snapshot.buckets.get(bucket)?.names);
    if (Object.prototype.hasOwnProperty.call(secrets, name)) names.add(name);
    else names.delete(name);
    changed.set(bucket, names);
  }
  for (const [bucket, names] of changed) {
    if (!names.size) {
      buckets.delete(bucket);
      continue;
    }
    const json = Buffer.from(JSON.stringify([...names].map((n) => secrets[n])), 'utf8');
    const { entry, ciphertext } = encryptChunk(snapshot.vaultId, bucket, json, keys);
    json.fill(0);
    buckets.set(bucket, { entry, ciphertext, names });
  }
  return new Map([...buckets].sort(([a], [b]) => a - b));
}
