// The decrypted vault state cached in memory, with change tracking so a write re-serialises only the
// secrets it touched (one put on a 10,000-secret vault must not re-stringify everything).
import { emptyState, type SecretRecord, type StoreState } from '../store/index';
import { VaultError } from './errors';
import type { FileIdentity } from './file-io';
import type { KeySlot } from './keys';

export interface Snapshot {
  /** The exact file bytes this snapshot was read from or written as. */
  bytes: Buffer;
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
  /** name → JSON of that secret as last serialised; complete once `fragmentsComplete`. */
  fragments: Map<string, string>;
  fragmentsComplete: boolean;
}

export function newSnapshot(
  fields: Pick<Snapshot, 'bytes' | 'identity' | 'vaultId' | 'generation' | 'slots'>,
  state: StoreState,
): Snapshot {
  const dirty = new Set<string>();
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
    deleteProperty(target, key) {
      if (typeof key === 'string') dirty.add(key);
      return Reflect.deleteProperty(target, key);
    },
  });
  return {
    ...fields,
    state,
    tracked: Object.freeze({ secrets }),
    tracking,
    dirty,
    fragments: new Map(),
    fragmentsComplete: false,
  };
}

export function parseState(plaintext: Buffer): StoreState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new VaultError('Corrupt', 'The vault contents are authentic but not readable (unexpected encoding).');
  }
  const secrets = (parsed as { secrets?: unknown } | null)?.secrets;
  if (secrets === null || typeof secrets !== 'object' || Array.isArray(secrets)) {
    throw new VaultError('Corrupt', 'The vault contents are authentic but not in the expected shape.');
  }
  return { ...emptyState(), secrets: secrets as Record<string, SecretRecord> };
}

/** UTF-8 JSON of the whole state, reusing the cached JSON of every secret that did not change. */
export function serializeState(snapshot: Snapshot): Buffer {
  const { state, fragments } = snapshot;
  if (!snapshot.fragmentsComplete) {
    fragments.clear();
    for (const [name, record] of Object.entries(state.secrets)) fragments.set(name, JSON.stringify(record));
    snapshot.fragmentsComplete = true;
  } else {
    for (const name of snapshot.dirty) {
      const record = Object.prototype.hasOwnProperty.call(state.secrets, name) ? state.secrets[name] : undefined;
      if (record) fragments.set(name, JSON.stringify(record));
      else fragments.delete(name);
    }
  }
  const parts: string[] = [];
  for (const [name, json] of fragments) parts.push(`${JSON.stringify(name)}:${json}`);
  return Buffer.from(`{"secrets":{${parts.join(',')}}}`, 'utf8');
}
