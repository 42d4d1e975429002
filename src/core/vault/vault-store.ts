// The local vault: a SecretStore with AWS Secrets Manager's rules (SecretsEngine) persisted in one
// encrypted, authenticated file, safe against crashes and against other processes writing the same file.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import {
  EngineStore,
  SecretsEngine,
  emptyState,
  type EngineOptions,
  type GetSecretValueInput,
  type SecretValue,
} from '../store/index';
import type { EngineStoreOptions } from '../store/engine-store';
import { VaultError } from './errors';
import {
  acquireLock,
  exists,
  ioError,
  readVaultBytes,
  replaceFileAtomically,
  statIdentity,
  type FileIdentity,
} from './file-io';
import { decryptBody, encodeVault, parseVault } from './format';
import {
  checkScryptParams,
  defaultScrypt,
  generateDataKey,
  unlockDataKey,
  unwrapDataKey,
  wrapDataKey,
  type KeySlot,
  type ScryptParams,
  type VaultKey,
} from './keys';
import { newSnapshot, parseState, serializeState, type Snapshot } from './snapshot';

export interface VaultOptions extends EngineOptions, EngineStoreOptions {
  /** scrypt parameters for new passphrase slots; must lie between the floor and the ceiling. */
  scrypt?: ScryptParams;
  /** How long a write waits for another process's lock. Default 30 s. */
  lockTimeoutMs?: number;
  /** A lock not refreshed for this long is stale (its holder crashed). Default 10 s, minimum 2 s. */
  lockStaleMs?: number;
}

export class VaultStore extends EngineStore {
  private dataKey: Buffer | undefined;
  private snapshot: Snapshot | undefined;
  /** Serialises this instance's operations; other processes are kept out by the file lock. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly vaultOptions: VaultOptions,
    dataKey: Buffer,
    snapshot: Snapshot,
  ) {
    super(vaultOptions);
    this.dataKey = dataKey;
    this.snapshot = snapshot;
  }

  /** Creates a new, empty vault at `path`; refuses to replace an existing file. */
  static async create(path: string, key: VaultKey, options: VaultOptions = {}): Promise<VaultStore> {
    const scrypt = options.scrypt ?? defaultScrypt;
    checkScryptParams(scrypt);
    if (await exists(path)) throw new VaultError('Io', `A file already exists at ${path}; refusing to overwrite it.`);
    const dataKey = generateDataKey();
    try {
      const vaultId = randomBytes(16).toString('base64');
      const slots = [await wrapDataKey(vaultId, dataKey, key, scrypt)];
      const state = emptyState();
      const bytes = encodeVault({ vaultId, generation: 1, slots }, Buffer.from(JSON.stringify(state)), dataKey);
      await fs.mkdir(dirname(path), { recursive: true, mode: 0o700 }).catch((error: unknown) => {
        throw ioError(`Cannot create the folder for ${path}`, error);
      });
      const identity = await replaceFileAtomically(path, bytes, true);
      const snapshot = newSnapshot({ bytes, identity, vaultId, generation: 1, slots }, state);
      return new VaultStore(path, options, dataKey, snapshot);
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
  }

  /** Opens an existing vault. Nothing is ever written by a failed open. */
  static async open(path: string, key: VaultKey, options: VaultOptions = {}): Promise<VaultStore> {
    const { bytes, identity } = await readVaultBytes(path);
    const parsed = parseVault(bytes);
    const dataKey = await unlockDataKey(parsed.header.vaultId, parsed.header.slots, key);
    try {
      return new VaultStore(path, options, dataKey, decodeSnapshot(bytes, identity, dataKey));
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
  }

  static exists(path: string): Promise<boolean> {
    return exists(path);
  }

  /** Adds a slot that opens the vault with `newKey` (e.g. a passphrase for a vault opened with a raw key). */
  async addKeySlot(newKey: VaultKey): Promise<void> {
    const { vaultId } = this.current();
    // Derive before locking: scrypt takes a while and other writers should not wait for it.
    const slot = await wrapDataKey(vaultId, this.key(), newKey, this.newSlotScrypt());
    await this.writeHeader((slots) => [...slots, slot]);
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
      this.key(),
      { kind: 'passphrase', passphrase: newPassphrase },
      this.newSlotScrypt(),
    );
    await this.writeHeader((current) => {
      const index = current.findIndex((s) => s.wrappedKey === opened.wrappedKey && s.salt === opened.salt);
      if (index < 0) throw new VaultError('Locked', 'The key slots were changed by another process; try again.');
      return current.map((s, i) => (i === index ? replacement : s));
    });
  }

  async listKeySlots(): Promise<Array<{ kind: 'passphrase' | 'raw' }>> {
    const snapshot = await this.run(() => this.fresh());
    return snapshot.slots.map((s) => ({ kind: s.kind }));
  }

  /** Zeroes the data key and drops the decrypted state; the store is unusable afterwards. */
  close(): void {
    this.dataKey?.fill(0);
    this.dataKey = undefined;
    this.snapshot = undefined;
  }

  override getSecretValue(input: GetSecretValueInput): Promise<SecretValue> {
    // A read that records LastAccessedDate: mark the secret so the next write persists the date.
    return this.read((engine) => {
      const value = engine.getSecretValue(input);
      this.snapshot?.dirty.add(value.name);
      return value;
    });
  }

  protected read<T>(fn: (engine: SecretsEngine) => T): Promise<T> {
    return this.run(async () => {
      const snapshot = await this.fresh();
      const engine = this.engine(snapshot);
      engine.purgeExpired();
      return fn(engine);
    });
  }

  protected write<T>(fn: (engine: SecretsEngine) => T): Promise<T> {
    return this.run(() =>
      this.locked(async () => {
        const snapshot = await this.fresh(true);
        let result: T;
        try {
          const engine = this.engine(snapshot);
          engine.purgeExpired();
          snapshot.tracking.reads = true;
          result = fn(engine);
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

  private async writeHeader(change: (slots: KeySlot[]) => KeySlot[]): Promise<void> {
    await this.run(() =>
      this.locked(async () => {
        const snapshot = await this.fresh(true);
        await this.persist(snapshot, change(snapshot.slots));
      }),
    );
  }

  private async persist(snapshot: Snapshot, slots: KeySlot[]): Promise<void> {
    try {
      const plaintext = serializeState(snapshot);
      const generation = snapshot.generation + 1;
      const bytes = encodeVault({ vaultId: snapshot.vaultId, generation, slots }, plaintext, this.key());
      plaintext.fill(0);
      if (this.holdingLostCheck())
        throw new VaultError('Locked', 'Lost the vault lock before writing; nothing was written.');
      const identity = await replaceFileAtomically(this.path, bytes);
      Object.assign(snapshot, { bytes, identity, generation, slots });
      snapshot.dirty.clear();
    } catch (error) {
      this.snapshot = undefined;
      throw error;
    }
  }

  private holdingLostCheck: () => boolean = () => false;

  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    const lock = await acquireLock(this.path, {
      timeoutMs: this.vaultOptions.lockTimeoutMs ?? 30_000,
      staleMs: this.vaultOptions.lockStaleMs ?? 10_000,
    });
    this.holdingLostCheck = () => lock.compromised;
    try {
      return await fn();
    } finally {
      this.holdingLostCheck = () => false;
      await lock.release();
    }
  }

  /**
   * The current state of the file. Reads trust an unchanged inode/size/times; writes (under the lock)
   * always re-read the bytes, and re-decrypt only if they differ from the cached ones.
   */
  private async fresh(underLock = false): Promise<Snapshot> {
    const dataKey = this.key();
    const cached = this.snapshot;
    if (cached && !underLock) {
      let identity: FileIdentity;
      try {
        identity = await statIdentity(this.path);
      } catch (error) {
        throw ioError(`Cannot read the vault file ${this.path}`, error);
      }
      if (identity === cached.identity) return cached;
    }
    const { bytes, identity } = await readVaultBytes(this.path);
    if (cached && bytes.equals(cached.bytes)) {
      cached.identity = identity;
      return cached;
    }
    const snapshot = decodeSnapshot(bytes, identity, dataKey, cached?.vaultId);
    this.snapshot = snapshot;
    return snapshot;
  }

  private current(): Snapshot {
    this.key();
    if (!this.snapshot) throw new VaultError('Io', 'The vault state is not loaded.');
    return this.snapshot;
  }

  private engine(snapshot: Snapshot): SecretsEngine {
    const { region, accountId, now, newVersionId } = this.vaultOptions;
    return new SecretsEngine(snapshot.tracked, { region, accountId, now, newVersionId });
  }

  private newSlotScrypt(): ScryptParams {
    const params = this.vaultOptions.scrypt ?? defaultScrypt;
    checkScryptParams(params);
    return params;
  }

  private key(): Buffer {
    if (!this.dataKey) throw new VaultError('Io', 'The vault is closed.');
    return this.dataKey;
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function decodeSnapshot(bytes: Buffer, identity: FileIdentity, dataKey: Buffer, expectedVaultId?: string): Snapshot {
  const parsed = parseVault(bytes);
  if (expectedVaultId !== undefined && parsed.header.vaultId !== expectedVaultId) {
    throw new VaultError('WrongKey', 'The vault file was replaced by a different vault; open it again.');
  }
  const plaintext = decryptBody(parsed, dataKey);
  try {
    const state = parseState(plaintext);
    const { vaultId, generation, slots } = parsed.header;
    return newSnapshot({ bytes, identity, vaultId, generation, slots }, state);
  } finally {
    plaintext.fill(0);
  }
}
