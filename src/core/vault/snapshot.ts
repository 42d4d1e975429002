// The decrypted vault state cached in memory, organised in the file's buckets, decoded lazily: opening
// authenticates every chunk (AES-GCM, cheap) and decodes the index only; a lookup inflates and parses the one
// bucket its name falls in, a listing all of them.
// Change tracking lets a write re-encrypt only the buckets holding secrets it touched.
import type { SecretRecord, StoreState } from '../store/index';
import { VaultError } from './errors';
import type { FileIdentity } from './file-io';
import {
  authenticateChunk,
  chunkCiphertexts,
  decryptChunk,
  encryptChunk,
  formatVersion,
  indexBucket,
  inflateChunk,
  keyedBucketOf,
  parseVault,
  unkeyedBucketOf,
  verifyHead,
  type ChunkEntry,
  type ContentKeys,
} from './format';
import type { KeySlot } from './keys';

export interface Bucket {
  entry: ChunkEntry;
  ciphertext: Buffer;
  /** Authenticated, still compressed plaintext, until the bucket is decrypted. */
  compressed?: Buffer;
  /** The names in the bucket; undefined until the bucket is decrypted. */
  names?: Set<string>;
}

export interface Snapshot {
  /** The head of the file version this snapshot matches; equal heads mean an unchanged file. */
  head: Buffer;
  identity: FileIdentity;
  vaultId: string;
  generation: number;
  /** Format version of the file read; an older one is rewritten whole at the next write. */
  version: number;
  slots: KeySlot[];
  /** The engine's view: a lookup decrypts the bucket it needs. */
  state: StoreState;
  /** The secrets decrypted so far (behind `state`). */
  loaded: Record<string, SecretRecord>;
  /** Engine view of `state` that records which secret names were touched. */
  tracked: StoreState;
  /** While true, reading a secret through `tracked` marks it changed (inside writes). */
  tracking: { reads: boolean };
  dirty: Set<string>;
  buckets: Map<number, Bucket>;
  /** Secrets scheduled for deletion and their deletion dates (the index), so a purge need not decrypt all. */
  scheduled: Map<string, number>;
  /** Decrypts every bucket not yet decrypted. */
  loadAll(): void;
  /**
   * Decrypts every bucket and returns the state over the plain records, without the lazy view's per-key traps
   * (a listing visits every secret). Reads only; writes go through `tracked`.
   */
  complete(): StoreState;
  /** The bucket a name belongs in (keyed by the data key). */
  bucketOf(name: string): number;
}

/** A map without a prototype, so secret names such as `constructor` or `__proto__` are plain keys. */
export function secretsMap(): Record<string, SecretRecord> {
  return Object.create(null) as Record<string, SecretRecord>;
}

type SnapshotFields = Pick<Snapshot, 'head' | 'identity' | 'vaultId' | 'generation' | 'slots' | 'version'>;

export function emptySnapshot(fields: Omit<SnapshotFields, 'version'>, keys: ContentKeys): Snapshot {
  return build({ ...fields, version: formatVersion }, keys, new Map(), secretsMap(), new Map(), new Set(), true);
}

/**
 * Authenticates a file's head and decrypts its index (version 1 files, which have none, are decrypted whole).
 * With `previous`, buckets whose nonce and tag are unchanged keep their decrypted records instead of being
 * decrypted again (another process usually changed one bucket).
 */
export function loadSnapshot(bytes: Buffer, identity: FileIdentity, keys: ContentKeys, previous?: Snapshot): Snapshot {
  const parsed = parseVault(bytes);
  const { header, version } = parsed;
  if (previous && header.vaultId !== previous.vaultId) {
    throw new VaultError('WrongKey', 'The vault file was replaced by a different vault; open it again.');
  }
  verifyHead(parsed, keys);
  const ciphertexts = chunkCiphertexts(bytes, parsed);
  const fields: SnapshotFields = {
    head: parsed.head,
    identity,
    vaultId: header.vaultId,
    generation: header.generation,
    slots: header.slots,
    version,
  };
  const loaded = secretsMap();
  const buckets = new Map<number, Bucket>();
  const dirty = new Set<string>();
  if (version === 1) {
    header.chunks.forEach((entry, i) => {
      const bucket: Bucket = { entry, ciphertext: ciphertexts[i] };
      decryptBucket(header.vaultId, bucket, loaded, keys, unkeyedBucketOf);
      buckets.set(entry.bucket, bucket);
    });
    const scheduled = new Map<string, number>();
    for (const name in loaded) {
      const date = loaded[name].deletionDate;
      if (date !== undefined) scheduled.set(name, date);
    }
    return build(fields, keys, buckets, loaded, scheduled, dirty, true);
  }
  let scheduled = new Map<string, number>();
  header.chunks.forEach((entry, i) => {
    const ciphertext = ciphertexts[i];
    if (entry.bucket === indexBucket) {
      scheduled = parseIndex(decryptChunk(header.vaultId, entry, ciphertext, keys));
      return;
    }
    const known = previous?.version === version ? previous.buckets.get(entry.bucket) : undefined;
    if (previous && known?.names && known.entry.nonce === entry.nonce && known.entry.tag === entry.tag) {
      for (const name of known.names) {
        loaded[name] = previous.loaded[name];
        if (previous.dirty.has(name)) dirty.add(name);
      }
      buckets.set(entry.bucket, { entry, ciphertext, names: known.names });
      return;
    }
    // Authenticate now, so a damaged file is refused at open; inflating and parsing wait for a read.
    buckets.set(entry.bucket, {
      entry,
      ciphertext,
      compressed: authenticateChunk(header.vaultId, entry, ciphertext, keys),
    });
  });
  return build(fields, keys, buckets, loaded, scheduled, dirty, false);
}

function build(
  fields: SnapshotFields,
  keys: ContentKeys,
  buckets: Map<number, Bucket>,
  loaded: Record<string, SecretRecord>,
  scheduled: Map<string, number>,
  dirty: Set<string>,
  allLoaded: boolean,
): Snapshot {
  const bucketIds = new Map<string, number>();
  const bucketOf = (name: string) => {
    let bucket = bucketIds.get(name);
    if (bucket === undefined) bucketIds.set(name, (bucket = keyedBucketOf(name, keys)));
    return bucket;
  };
  // Checking where a decrypted record belongs does not cache its bucket: a listing would keep one entry per secret.
  const placement = (name: string) => keyedBucketOf(name, keys);
  const ensure = (name: string) => {
    if (allLoaded) return;
    const bucket = buckets.get(bucketOf(name));
    if (bucket && !bucket.names) decryptBucket(fields.vaultId, bucket, loaded, keys, placement);
  };
  const loadAll = () => {
    if (allLoaded) return;
    for (const bucket of buckets.values()) {
      if (!bucket.names) decryptBucket(fields.vaultId, bucket, loaded, keys, placement);
    }
    allLoaded = true;
  };
  const plain: StoreState = Object.freeze({ secrets: loaded });
  const complete = () => {
    loadAll();
    return plain;
  };
  const secrets = new Proxy(loaded, {
    get(target, key, receiver) {
      if (typeof key === 'string') ensure(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      if (typeof key === 'string') ensure(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string') ensure(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      loadAll();
      return Reflect.ownKeys(target);
    },
    set(target, key, value, receiver) {
      if (typeof key === 'string') ensure(key);
      return Reflect.set(target, key, value, receiver);
    },
    defineProperty(target, key, descriptor) {
      if (typeof key === 'string') ensure(key);
      return Reflect.defineProperty(target, key, descriptor);
    },
    deleteProperty(target, key) {
      if (typeof key === 'string') ensure(key);
      return Reflect.deleteProperty(target, key);
    },
  });
  return withTracking({ ...fields, buckets, loaded, scheduled, loadAll, complete, bucketOf }, { secrets }, dirty);
}

function decryptBucket(
  vaultId: string,
  bucket: Bucket,
  loaded: Record<string, SecretRecord>,
  keys: ContentKeys,
  expectedBucket?: (name: string) => number,
): void {
  const json = bucket.compressed
    ? inflateChunk(bucket.compressed)
    : decryptChunk(vaultId, bucket.entry, bucket.ciphertext, keys);
  bucket.compressed = undefined;
  const names = new Set<string>();
  for (const record of parseRecords(json)) {
    const misplaced = expectedBucket && expectedBucket(record.name) !== bucket.entry.bucket;
    if (misplaced || names.has(record.name) || Object.prototype.hasOwnProperty.call(loaded, record.name)) {
      throw new VaultError('Corrupt', 'The vault contents are authentic but inconsistent (misplaced secret).');
    }
    names.add(record.name);
    loaded[record.name] = record;
  }
  json.fill(0);
  bucket.names = names;
}

function withTracking(
  fields: Omit<Snapshot, 'state' | 'tracked' | 'tracking' | 'dirty'>,
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

function parseIndex(json: Buffer): Map<string, number> {
  let index: unknown;
  try {
    index = JSON.parse(json.toString('utf8'));
  } catch {
    throw new VaultError('Corrupt', 'The vault index is authentic but not readable.');
  }
  const scheduled = (index as { scheduled?: unknown } | null)?.scheduled;
  if (
    !Array.isArray(scheduled) ||
    !scheduled.every((e) => Array.isArray(e) && typeof e[0] === 'string' && Number.isFinite(e[1]))
  ) {
    throw new VaultError('Corrupt', 'The vault index is authentic but not in the expected shape.');
  }
  return new Map(scheduled as Array<[string, number]>);
}

export interface EncryptedState {
  /** Every data bucket, in file order. */
  buckets: Map<number, Bucket>;
  index: { entry: ChunkEntry; ciphertext: Buffer };
  scheduled: Map<string, number>;
}

/**
 * Re-encrypts the buckets that hold changed secrets, and the index. A file of an older format is rewritten
 * whole (its bucket ids were unkeyed). Returns every chunk, data buckets in file order then the index.
 */
export function encryptChangedBuckets(snapshot: Snapshot, keys: ContentKeys): EncryptedState {
  const { loaded } = snapshot;
  const migrate = snapshot.version !== formatVersion;
  const buckets = migrate ? new Map<number, Bucket>() : new Map(snapshot.buckets);
  const dirty = migrate ? Object.keys(loaded) : snapshot.dirty;
  const changed = new Map<number, Set<string>>();
  const scheduled = new Map(snapshot.scheduled);
  for (const name of dirty) {
    const id = snapshot.bucketOf(name);
    let names = changed.get(id);
    if (!names) {
      const current = buckets.get(id);
      if (current && !current.names) decryptBucket(snapshot.vaultId, current, loaded, keys, snapshot.bucketOf);
      names = new Set(current?.names);
      changed.set(id, names);
    }
    const record = Object.prototype.hasOwnProperty.call(loaded, name) ? loaded[name] : undefined;
    if (record) names.add(name);
    else names.delete(name);
    if (record?.deletionDate !== undefined) scheduled.set(name, record.deletionDate);
    else scheduled.delete(name);
  }
  for (const [id, names] of changed) {
    if (!names.size) {
      buckets.delete(id);
      continue;
    }
    const json = Buffer.from(JSON.stringify([...names].map((n) => loaded[n])), 'utf8');
    const { entry, ciphertext } = encryptChunk(snapshot.vaultId, id, json, keys);
    json.fill(0);
    buckets.set(id, { entry, ciphertext, names });
  }
  const index = encryptIndex(snapshot.vaultId, scheduled, keys);
  return { buckets: new Map([...buckets].sort(([a], [b]) => a - b)), index, scheduled };
}

/** The index chunk: the names scheduled for deletion, with their dates. */
export function encryptIndex(
  vaultId: string,
  scheduled: Map<string, number>,
  keys: ContentKeys,
): { entry: ChunkEntry; ciphertext: Buffer } {
  const json = Buffer.from(JSON.stringify({ scheduled: [...scheduled] }), 'utf8');
  const index = encryptChunk(vaultId, indexBucket, json, keys);
  json.fill(0);
  return index;
}
