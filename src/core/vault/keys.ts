// Key slots: each wraps the vault's random data key under a key-encryption key (KEK) derived from
// a passphrase (scrypt) or from a 32-byte raw key (HKDF). Changing a passphrase rewraps the data key only.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt } from 'node:crypto';
import { VaultError } from './errors';

export type VaultKey = { kind: 'passphrase'; passphrase: string } | { kind: 'raw'; key: Buffer };

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** What new passphrase slots use. */
export const defaultScrypt: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/** Below this a stored slot is a downgrade and is refused. */
export const scryptFloor: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/** Above this a stored slot would stall or exhaust memory (denial of service) and is refused. */
export const scryptCeiling = { N: 2 ** 20, r: 16, p: 4, memoryBytes: 1024 * 1024 * 1024 } as const;

export const dataKeyBytes = 32;
const nonceBytes = 12;
const tagBytes = 16;
const saltBytes = 32;
/**
 * At most this many key slots. A file with more is refused before any key derivation: each passphrase slot can
 * cost a full scrypt, so thousands of them would keep an open busy for days.
 */
export const maxKeySlots = 16;

export interface PassphraseSlot {
  kind: 'passphrase';
  kdf: { name: 'scrypt' } & ScryptParams;
  salt: string;
  nonce: string;
  wrappedKey: string;
}

export interface RawKeySlot {
  kind: 'raw';
  salt: string;
  nonce: string;
  wrappedKey: string;
}

export type KeySlot = PassphraseSlot | RawKeySlot;
type SlotParams = Omit<PassphraseSlot, 'nonce' | 'wrappedKey'> | Omit<RawKeySlot, 'nonce' | 'wrappedKey'>;

export function generateRawVaultKey(): Buffer {
  return randomBytes(dataKeyBytes);
}

export function generateDataKey(): Buffer {
  return randomBytes(dataKeyBytes);
}

/** Refuses scrypt parameters outside [floor, ceiling], before any expensive work is done. */
export function checkScryptParams(params: ScryptParams): void {
  const { N, r, p } = params;
  const integers = [N, r, p].every((n) => Number.isSafeInteger(n) && n > 0);
  const powerOfTwo = integers && (N & (N - 1)) === 0;
  if (!integers || !powerOfTwo) {
    throw new VaultError('UnsafeKdfParameters', 'The vault key slot has malformed scrypt parameters.');
  }
  // Stryker disable next-line ConditionalExpression: equivalent for p, p < 1 was refused as malformed above
  if (N < scryptFloor.N || r < scryptFloor.r || p < scryptFloor.p) {
    throw new VaultError(
      'UnsafeKdfParameters',
      `The vault key slot uses scrypt parameters below the minimum (N=${N}, r=${r}, p=${p}; ` +
        `at least N=${scryptFloor.N}, r=${scryptFloor.r}, p=${scryptFloor.p}). Refusing a possible downgrade.`,
    );
  }
  if (
    // Stryker disable next-line ConditionalExpression: equivalent, N above 2^20 with r >= 8 exceeds the memory ceiling too
    N > scryptCeiling.N ||
    r > scryptCeiling.r ||
    p > scryptCeiling.p ||
    scryptMemory(params) > scryptCeiling.memoryBytes
  ) {
    throw new VaultError(
      'UnsafeKdfParameters',
      `The vault key slot uses scrypt parameters above the maximum this app accepts (N=${N}, r=${r}, p=${p}). ` +
        'Refusing to spend that much memory and time.',
    );
  }
}

const scryptMemory = ({ N, r }: ScryptParams) => 128 * N * r;

function deriveFromPassphrase(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  checkScryptParams(params);
  const maxmem = Math.ceil(scryptMemory(params) * 1.1) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, dataKeyBytes, { ...params, maxmem }, (error, key) =>
      error ? reject(new VaultError('Io', `Key derivation failed: ${error.message}`)) : resolve(key),
    );
  });
}

function deriveFromRawKey(key: Buffer, salt: Buffer): Buffer {
  if (key.length !== dataKeyBytes) {
    throw new VaultError('WrongKey', `A raw vault key must be ${dataKeyBytes} bytes.`);
  }
  return Buffer.from(hkdfSync('sha256', key, salt, 'secrets-workbench vault raw-key slot v1', dataKeyBytes));
}

/** Binds a slot's wrapping to the vault and to the slot's own parameters. */
function slotAad(vaultId: string, slot: SlotParams): Buffer {
  const kdf = slot.kind === 'passphrase' ? `${slot.kdf.name}:${slot.kdf.N}:${slot.kdf.r}:${slot.kdf.p}` : 'hkdf-sha256';
  // Stryker disable next-line StringLiteral: equivalent, UTF-8 is Buffer.from's default
  return Buffer.from(`swvault-slot-v1|${vaultId}|${slot.kind}|${kdf}|${slot.salt}`, 'utf8');
}

async function deriveKek(key: VaultKey, slot: SlotParams): Promise<Buffer> {
  const salt = Buffer.from(slot.salt, 'base64');
  if (key.kind === 'raw') return deriveFromRawKey(key.key, salt);
  // Stryker disable next-line all: equivalent, unreachable: callers pair keys and slots of one kind
  if (slot.kind !== 'passphrase') throw new Error('slot kind mismatch');
  return deriveFromPassphrase(key.passphrase, salt, slot.kdf);
}

export async function wrapDataKey(
  vaultId: string,
  dataKey: Buffer,
  key: VaultKey,
  scryptParams: ScryptParams = defaultScrypt,
): Promise<KeySlot> {
  const salt = randomBytes(saltBytes).toString('base64');
  const base: SlotParams =
    key.kind === 'raw' ? { kind: 'raw', salt } : { kind: 'passphrase', kdf: { name: 'scrypt', ...scryptParams }, salt };
  const kek = await deriveKek(key, base);
  try {
    const nonce = randomBytes(nonceBytes);
    const cipher = createCipheriv('aes-256-gcm', kek, nonce);
    cipher.setAAD(slotAad(vaultId, base));
    const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
    return { ...base, nonce: nonce.toString('base64'), wrappedKey: wrapped.toString('base64') } as KeySlot;
    // Stryker disable next-line all: equivalent, memory hygiene
  } finally {
    // Stryker disable next-line all: equivalent, memory hygiene
    kek.fill(0);
  }
}

/** Whether a slot's stored fields have the lengths a real wrapping has (checked before any KDF work). */
function wellFormedSlot(slot: KeySlot): boolean {
  const bytes = (text: string) => Buffer.from(text, 'base64').length;
  return (
    bytes(slot.wrappedKey) === dataKeyBytes + tagBytes &&
    bytes(slot.nonce) === nonceBytes &&
    bytes(slot.salt) === saltBytes
  );
}

/** Returns the data key (a fresh Buffer the caller must zero), or undefined when `key` does not open `slot`. */
export async function unwrapDataKey(vaultId: string, slot: KeySlot, key: VaultKey): Promise<Buffer | undefined> {
  if (slot.kind !== key.kind || !wellFormedSlot(slot)) return undefined; // a malformed slot costs no KDF
  const kek = await deriveKek(key, slot);
  const wrapped = Buffer.from(slot.wrappedKey, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.nonce, 'base64'));
    decipher.setAAD(slotAad(vaultId, slot));
    decipher.setAuthTag(wrapped.subarray(dataKeyBytes));
    const out = Buffer.alloc(dataKeyBytes);
    const a = decipher.update(wrapped.subarray(0, dataKeyBytes));
    const b = decipher.final();
    Buffer.concat([a, b]).copy(out);
    a.fill(0);
    b.fill(0);
    return out;
    // Stryker disable next-line BlockStatement: equivalent, an empty catch returns undefined too
  } catch {
    return undefined; // authentication failed: not this key
    // Stryker disable next-line all: equivalent, memory hygiene
  } finally {
    // Stryker disable next-line all: equivalent, memory hygiene
    kek.fill(0);
  }
}

/** The slot count is checked before any KDF runs, so thousands of slots cannot stall an open. */
export function checkSlots(slots: KeySlot[]): void {
  if (slots.length > maxKeySlots) {
    throw new VaultError(
      'UnsafeKdfParameters',
      `The vault has ${slots.length} key slots; at most ${maxKeySlots} are allowed. ` +
        'Refusing to try them (the file was damaged or crafted).',
    );
  }
}

export async function unlockDataKey(vaultId: string, slots: KeySlot[], key: VaultKey): Promise<Buffer> {
  checkSlots(slots);
  const candidates = slots.filter((s) => s.kind === key.kind);
  if (!candidates.length) {
    throw new VaultError('WrongKey', `This vault has no ${key.kind === 'raw' ? 'raw-key' : 'passphrase'} slot.`);
  }
  // Every candidate's scrypt parameters before any KDF runs, so one hostile slot cannot stall the open.
  for (const slot of candidates) if (slot.kind === 'passphrase') checkScryptParams(slot.kdf);
  for (const slot of candidates) {
    const dataKey = await unwrapDataKey(vaultId, slot, key);
    if (dataKey) return dataKey;
  }
  throw new VaultError(
    'WrongKey',
    key.kind === 'raw' ? 'The vault key does not open this vault.' : 'Wrong passphrase for this vault.',
  );
}
