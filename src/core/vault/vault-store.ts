// The local vault: a SecretStore with AWS Secrets Manager's rules (SecretsEngine) persisted in one
// encrypted, authenticated file, safe against crashes and against other processes writing the same file.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import {
  EngineStore,
  ListingCache,
  SecretsEngine,
  type EngineOptions,
  type GetSecretValueInput,
  type ListSecretsInput,
  type ListSecretsOutput,
  type SecretValue,
  type StoreState,
} from '../store/index';
import type { EngineStoreOptions } from '../store/engine-store';
import { vaultCapabilities } from '../store/capabilities';
import type { AccessEventsOptions } from '../store/types';
import { accessLogPathFor, readAccessHistory } from '../access/log';
import type { AccessEvent, SecretIdentity } from '../access/event';
import { VaultError } from './errors';
import {
  exists,
  ioError,
  readVaultBytes,
  readVaultIfChanged,
  removeAbandonedTempFiles,
  replaceFileAtomically,
  statIdentity,
  type FileIdentity,
} from './file-io';
import { openGeneration, sealGeneration, type GenerationRecords } from './generations';
import { acquireLock } from './lock';
import { deriveContentKeys, encodeHead, formatVersion, parseVault, zeroContentKeys, type ContentKeys } from './format';
import {
  checkScryptParams,
  defaultScrypt,
  generateDataKey,
  maxKeySlots,
  unlockDataKey,
  unwrapDataKey,
  wrapDataKey,
  type KeySlot,
  type ScryptParams,
  type VaultKey,
} from './keys';
import {
  emptySnapshot,
  encryptChangedBuckets,
  encryptIndex,
  loadSnapshot,
  secretsMap,
  type Snapshot,
} from './snapshot';

export interface VaultOptions extends EngineOptions, EngineStoreOptions {
  /** scrypt parameters for new passphrase slots; must lie between the floor and the ceiling. */
  scrypt?: ScryptParams;
  /** How long a write waits for another process's lock. Default 30 s. */
  lockTimeoutMs?: number;
  /** A lock not refreshed for this long is stale (its holder hung). Default 10 s. A lock whose holder process is gone is taken over at once. */
  lockStaleMs?: number;
  /**
   * Reads trust the file unchanged for this long after they last checked it (a long-running server sets it so
   * that it does not stat the file on every request). A write by another process is seen at most this late.
   * Writes always check the file under the lock. Default 0: every read checks.
   */
  recheckAfterMs?: number;
  /**
   * Where the last generation seen of each vault is kept (outside the file). With it, opening a vault older
   * than the recorded generation is refused with a `Rollback` error, unless `acceptRollback` is set.
   */
  generations?: GenerationRecords;
  /** The user accepted an older vault file (an explicit flag or confirmation): open it and record its generation. */
  acceptRollback?: boolean;
}

interface Keys {
  data: Buffer;
  content: ContentKeys;
}

export class VaultStore extends EngineStore {
  private keys: Keys | undefined;
  private snapshot: Snapshot | undefined;
  /** Serialises this instance's operations; other processes are kept out by the file lock. */
  private queue: Promise<unknown> = Promise.resolve();
  private lockHeld: () => Promise<boolean> = async () => false;
  private closed = false;
  private readonly listings = new ListingCache();
  /** When reads last confirmed the file unchanged (performance.now()). */
  private checkedAt = -Infinity;
  /** The highest generation this instance has seen: a file that goes back below it was replaced by an older copy. */
  private highestGeneration = 0;

  private constructor(
    readonly path: string,
    private readonly vaultOptions: VaultOptions,
    dataKey: Buffer,
    snapshot: Snapshot | undefined,
  ) {
    super(vaultOptions, { accessHistory: vaultCapabilities.accessHistory });
    this.keys = { data: dataKey, content: deriveContentKeys(dataKey) };
    this.snapshot = snapshot;
  }

  /** Creates a new, empty vault at `path` (and its folder, mode 0700); refuses to replace an existing file. */
  static async create(path: string, key: VaultKey, options: VaultOptions = {}): Promise<VaultStore> {
    const scrypt = options.scrypt ?? defaultScrypt;
    checkScryptParams(scrypt);
    if (await exists(path)) throw new VaultError('Io', `A file already exists at ${path}; refusing to overwrite it.`);
    const dataKey = generateDataKey();
    let store: VaultStore | undefined;
    try {
      const vaultId = randomBytes(16).toString('base64');
      const slots = [await wrapDataKey(vaultId, dataKey, key, scrypt)];
      store = new VaultStore(path, options, dataKey, undefined);
      const index = encryptIndex(vaultId, new Map(), store.content());
      const head = encodeHead({ vaultId, generation: 1, slots, chunks: [index.entry] }, store.content());
      await fs.mkdir(dirname(path), { recursive: true, mode: 0o700 }).catch((error: unknown) => {
        throw ioError(`Cannot create the folder for ${path}`, error);
      });
      const identity = await replaceFileAtomically(path, [head, index.ciphertext], true);
      store.snapshot = emptySnapshot({ head, identity, vaultId, generation: 1, slots }, store.content());
      await store.recordGeneration(store.snapshot);
      return store;
    } catch (error) {
      if (store) store.close();
      else dataKey.fill(0);
      throw error;
    }
  }

  /** Opens an existing vault. A failed open never writes anything. */
  static async open(path: string, key: VaultKey, options: VaultOptions = {}): Promise<VaultStore> {
    const reading = performance.now();
    const { bytes, identity } = await readVaultBytes(path);
    const { header } = parseVault(bytes);
    const dataKey = await unlockDataKey(header.vaultId, header.slots, key);
    const store = new VaultStore(path, options, dataKey, undefined);
    try {
      store.snapshot = loadSnapshot(bytes, identity, store.content());
      store.checkedAt = reading; // the file was just read: within recheckAfterMs, the first read need not stat it
      await store.checkRecordedGeneration(store.snapshot);
      await removeAbandonedTempFiles(path);
      return store;
    } catch (error) {
      store.close();
      throw error;
    }
  }

  static exists(path: string): Promise<boolean> {
    return exists(path);
  }

  /** The id in a vault file's header, readable without a key: it tells which stored key belongs to the file. */
  static async readVaultId(path: string): Promise<string> {
    const { bytes } = await readVaultBytes(path);
    return parseVault(bytes).header.vaultId;
  }

  get vaultId(): string {
    if (!this.snapshot) throw new VaultError('Io', 'The vault is not open.');
    return this.snapshot.vaultId;
  }

  /** Adds a slot that opens the vault with `newKey` (e.g. a passphrase for a vault opened with a raw key). */
  async addKeySlot(newKey: VaultKey): Promise<void> {
    const { vaultId } = await this.run(() => this.fresh());
    // Derive before locking: scrypt takes a while and other writers should not wait for it.
    const slot = await wrapDataKey(vaultId, this.dataKey(), newKey, this.newSlotScrypt());
    await this.writeSlots((slots) => {
      if (slots.length >= maxKeySlots) {
        throw new VaultError(
          'UnsafeKdfParameters',
          `A vault holds at most ${maxKeySlots} key slots; remove one first.`,
        );
      }
      return [...slots, slot];
    });
  }

  /** Replaces the passphrase slot that `oldPassphrase` opens; the data key and the contents stay as they are. */
  async changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
    const { vaultId, slots } = await this.run(() => this.fresh());
    let opened: KeySlot | undefined;
    for (const slot of slots.filter((s) => s.kind === 'passphrase')) {
      const key = await unwrapDataKey(vaultId, slot, { kind: 'passphrase', passphrase: oldPassphrase });
      if (key) {
        key.fill(0);
        opened = slot;
        break;
      }
    }
    if (!opened) throw new VaultError('WrongKey', 'The current passphrase is wrong.');
    const replacement = await wrapDataKey(
      vaultId,
      this.dataKey(),
      { kind: 'passphrase', passphrase: newPassphrase },
      this.newSlotScrypt(),
    );
    await this.writeSlots((current) => {
      const index = current.findIndex((s) => s.wrappedKey === opened.wrappedKey && s.salt === opened.salt);
      if (index < 0) throw new VaultError('Locked', 'The key slots were changed by another process; try again.');
      return current.map((s, i) => (i === index ? replacement : s));
    });
  }

  /** The access log its server keeps beside the file (`serve`, offline mode); the vault itself is not opened. */
  accessEvents(secret: SecretIdentity, options: AccessEventsOptions = {}): Promise<AccessEvent[]> {
    return readAccessHistory(accessLogPathFor(this.path), { secret, limit: options.limit });
  }

  async listKeySlots(): Promise<Array<{ kind: 'passphrase' | 'raw' }>> {
    const snapshot = await this.run(() => this.fresh());
    return snapshot.slots.map((s) => ({ kind: s.kind }));
  }

  /**
   * Refuses new operations at once; zeroes the keys and drops the decrypted state as soon as operations
   * already running have finished (zeroing a key under a running write would corrupt what it writes).
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const keys = this.keys;
    void this.queue.then(() => {
      if (keys) {
        keys.data.fill(0);
        zeroContentKeys(keys.content);
      }
      this.keys = undefined;
      this.snapshot = undefined;
    });
  }

  override getSecretValue(input: GetSecretValueInput): Promise<SecretValue> {
    // GetSecretValue records LastAccessedDate: mark the secret so the next write persists the date.
    return this.read((engine) => {
      const value = engine.getSecretValue(input);
      this.snapshot?.dirty.add(value.name);
      return value;
    });
  }

  override listSecrets(input?: ListSecretsInput): Promise<ListSecretsOutput> {
    return this.read((engine) => engine.listSecrets(input), true);
  }

  /** `everything`: the read visits every secret, so every bucket is decrypted up front and read without traps. */
  protected read<T>(fn: (engine: SecretsEngine) => T, everything = false): Promise<T> {
    return this.run(async () => {
      const snapshot = await this.fresh();
      this.purgeExpired(snapshot);
      // Reads need no change tracking.
      return fn(this.engine(everything ? snapshot.complete() : snapshot.state));
    });
  }

  protected write<T>(fn: (engine: SecretsEngine) => T): Promise<T> {
    return this.run(() =>
      this.locked(async () => {
        const snapshot = await this.fresh(true);
        let result: T;
        try {
          this.purgeExpired(snapshot);
          snapshot.tracking.reads = true;
          result = fn(this.engine(snapshot.tracked));
        } catch (error) {
          this.snapshot = undefined; // the state may be half-changed: reload it from the file next time
          throw error;
        } finally {
          snapshot.tracking.reads = false;
        }
        await this.persist(snapshot, snapshot.slots);
        return result;
      }),
    );
  }

  private writeSlots(change: (slots: KeySlot[]) => KeySlot[]): Promise<void> {
    return this.run(() =>
      this.locked(async () => {
        const snapshot = await this.fresh(true);
        await this.persist(snapshot, change(snapshot.slots));
      }),
    );
  }

  /** Writes the next generation: changed buckets and the index re-encrypted, the others copied as they are. */
  private async persist(snapshot: Snapshot, slots: KeySlot[]): Promise<void> {
    try {
      const keys = this.content();
      const { buckets, index, scheduled } = encryptChangedBuckets(snapshot, keys);
      const generation = snapshot.generation + 1;
      const chunks = [...buckets.values(), index];
      const head = encodeHead(
        { vaultId: snapshot.vaultId, generation, slots, chunks: chunks.map((b) => b.entry) },
        keys,
      );
      if (!(await this.lockHeld())) {
        throw new VaultError('Locked', 'Lost the vault lock before writing; nothing was written.');
      }
      const identity = await replaceFileAtomically(this.path, [head, ...chunks.map((b) => b.ciphertext)]);
      Object.assign(snapshot, { head, identity, generation, slots, buckets, scheduled, version: formatVersion });
      snapshot.dirty.clear();
      this.checkedAt = performance.now();
      await this.recordGeneration(snapshot);
    } catch (error) {
      this.snapshot = undefined;
      throw error;
    }
  }

  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    const lock = await acquireLock(this.path, {
      timeoutMs: this.vaultOptions.lockTimeoutMs ?? 30_000,
      staleMs: this.vaultOptions.lockStaleMs ?? 10_000,
    });
    this.lockHeld = () => lock.stillHeld();
    try {
      return await fn();
    } finally {
      this.lockHeld = async () => false;
      await lock.release();
    }
  }

  /**
   * The file's current state. Unlocked reads trust an unchanged inode, size and times; writers (under the
   * lock) always compare the file's head, which holds the generation and every chunk's nonce and tag.
   * Only chunks that changed are decrypted again.
   */
  private async fresh(underLock = false): Promise<Snapshot> {
    const keys = this.content();
    const cached = this.snapshot;
    const recheckAfterMs = this.vaultOptions.recheckAfterMs ?? 0;
    if (cached && !underLock && performance.now() - this.checkedAt < recheckAfterMs) return cached;
    const checking = performance.now();
    try {
      if (cached && !underLock) {
        let identity: FileIdentity;
        try {
          identity = await statIdentity(this.path);
        } catch (error) {
          throw ioError(`Cannot read the vault file ${this.path}`, error);
        }
        if (identity === cached.identity) {
          this.checkedAt = checking;
          return cached;
        }
      }
      if (cached) {
        const { identity, bytes } = await readVaultIfChanged(this.path, cached.head);
        if (!bytes) {
          cached.identity = identity;
          this.checkedAt = checking;
          return cached;
        }
        this.snapshot = this.notOlder(loadSnapshot(bytes, identity, keys, cached));
      } else {
        const { identity, bytes } = await readVaultBytes(this.path);
        this.snapshot = this.notOlder(loadSnapshot(bytes, identity, keys));
      }
      this.checkedAt = checking;
      await this.recordGeneration(this.snapshot);
      return this.snapshot;
    } catch (error) {
      this.snapshot = undefined;
      throw error;
    }
  }

  /**
   * Refuses to open a file older than the generation recorded for this vault on this machine (the record must
   * authenticate under this vault's key), unless the user accepted it; records the file's generation.
   */
  private async checkRecordedGeneration(snapshot: Snapshot): Promise<void> {
    this.highestGeneration = snapshot.generation;
    const records = this.vaultOptions.generations;
    if (!records) return;
    const accept = this.vaultOptions.acceptRollback === true;
    const stored = await records.read(snapshot.vaultId);
    const key = this.content().generations;
    const seen = stored === undefined ? undefined : openGeneration(key, snapshot.vaultId, stored);
    if (!accept && stored !== undefined && seen === undefined) {
      throw new VaultError(
        'Rollback',
        'The record of the last generation of this vault seen on this machine failed authentication, so an ' +
          `older copy cannot be ruled out (the vault file is at generation ${snapshot.generation}). Refusing to ` +
          'open it; accept the file explicitly if you trust it.',
      );
    }
    if (!accept && seen !== undefined && snapshot.generation < seen) throw rollbackError(snapshot.generation, seen);
    if (accept || seen === undefined || snapshot.generation > seen) await this.writeRecord(snapshot, accept);
  }

  /** Keeps a vault that went back to an older generation while open from being used (or written over). */
  private notOlder(snapshot: Snapshot): Snapshot {
    if (snapshot.generation < this.highestGeneration) throw rollbackError(snapshot.generation, this.highestGeneration);
    return snapshot;
  }

  /** Remembers a higher generation, here and in the records. */
  private async recordGeneration(snapshot: Snapshot): Promise<void> {
    if (snapshot.generation <= this.highestGeneration) return;
    this.highestGeneration = snapshot.generation;
    await this.writeRecord(snapshot);
  }

  /** Best effort: a vault write already stands when its record cannot be kept (e.g. a read-only home). */
  private async writeRecord(snapshot: Snapshot, lower = false): Promise<void> {
    const records = this.vaultOptions.generations;
    if (!records) return;
    const record = sealGeneration(this.content().generations, snapshot.vaultId, snapshot.generation);
    await records.write(snapshot.vaultId, record, lower).catch(() => undefined);
  }

  private engine(state: StoreState): SecretsEngine {
    const { region, accountId, now, newVersionId } = this.vaultOptions;
    return new SecretsEngine(state, { region, accountId, now, newVersionId, listings: this.listings });
  }

  /**
   * Drops secrets past their recovery window by the engine's rule, looking only at the secrets the index lists
   * as scheduled for deletion (decrypting every bucket on every call would cost more than the rest).
   */
  private purgeExpired(snapshot: Snapshot): void {
    if (!snapshot.scheduled.size) return;
    const now = (this.vaultOptions.now ?? Date.now)();
    const due = [...snapshot.scheduled].filter(([, date]) => date <= now).map(([name]) => name);
    if (!due.length) return;
    const secrets = snapshot.state.secrets;
    const candidates = secretsMap();
    for (const name of due) if (secrets[name]) candidates[name] = secrets[name];
    if (!this.engine({ secrets: candidates }).purgeExpired()) return;
    for (const name of due) {
      if (candidates[name]) continue;
      delete secrets[name];
      snapshot.dirty.add(name);
    }
    this.listings.clear();
  }

  private newSlotScrypt(): ScryptParams {
    const params = this.vaultOptions.scrypt ?? defaultScrypt;
    checkScryptParams(params);
    return params;
  }

  private dataKey(): Buffer {
    if (!this.keys) throw new VaultError('Io', 'The vault is closed.');
    return this.keys.data;
  }

  private content(): ContentKeys {
    if (!this.keys) throw new VaultError('Io', 'The vault is closed.');
    return this.keys.content;
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new VaultError('Io', 'The vault is closed.'));
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function rollbackError(fileGeneration: number, seenGeneration: number): VaultError {
  return new VaultError(
    'Rollback',
    `The vault file is at generation ${fileGeneration}, older than generation ${seenGeneration} already seen on ` +
      'this machine: it was replaced by an older copy (a restored backup, a sync tool, or someone with access ' +
      'to the file). Refusing to use it, so that no older value is read or written over newer ones. If you ' +
      'meant to go back to this copy, accept it explicitly.',
  );
}
