// The vault file format, version 2 (version 1 is still read, and rewritten as version 2 on the first write).
// Pure encode/decode; no I/O.
//
//   prelude:  magic "\x89SWVAULT" (8) | format version u16 BE | header length u32 BE
//   header:   JSON (UTF-8): cipher, compression, vault id, generation, key slots, chunk table
//   checksum: SHA-256(prelude + header)                 (32)  tells damage from a wrong key, with no key
//   mac:      HMAC-SHA256(macKey, prelude + header)     (32)  authenticates the header for the key holder
//   body:     the chunks' ciphertexts, in table order
//
// The secrets are spread over up to 256 buckets by a keyed hash of their name (HMAC with a key derived from the
// data key, so the file does not tell which bucket a guessed name would be in; version 1 used an unkeyed
// hash); each non-empty bucket is one chunk:
// the bucket's records as JSON, deflated, then AES-256-GCM with a fresh random nonce. The chunk table in the
// header lists each chunk's bucket, nonce, length and GCM tag, and the header MAC covers the table, so no chunk
// can be altered, swapped, dropped or replayed from an older file. A write re-encrypts only the buckets it
// changed and copies the other chunks' ciphertext as they are: one put on a large vault stays cheap.
// Version 2 adds an index chunk (table entry with bucket 256): the names scheduled for deletion with their
// dates, so opening decrypts only the index and reads decrypt only the buckets they need.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { VaultError } from './errors';
import type { KeySlot } from './keys';

export const vaultMagic = Buffer.from([0x89, 0x53, 0x57, 0x56, 0x41, 0x55, 0x4c, 0x54]);
export const formatVersion = 2;
/** Versions this app opens; older ones are migrated on the next write. */
const readableVersions = new Set([1, 2]);
export const preludeBytes = vaultMagic.length + 2 + 4;
const digestBytes = 32;
const nonceBytes = 12;
const tagBytes = 16;
const maxHeaderBytes = 4 * 1024 * 1024;
export const bucketCount = 256;
/** The table entry of the index chunk (version 2). */
export const indexBucket = bucketCount;
/** A bucket's inflated JSON may not exceed this (guards against a decompression bomb from a damaged file). */
const maxBucketBytes = 256 * 1024 * 1024;

export interface ChunkEntry {
  bucket: number;
  nonce: string;
  tag: string;
  /** Ciphertext bytes in the body. */
  length: number;
}

export interface VaultHeader {
  cipher: 'AES-256-GCM';
  compression: 'deflate-raw';
  /** Random, fixed for the vault's life; binds key slots and chunks to this vault. */
  vaultId: string;
  /** One more with every write; writers use it to see that another process changed the file. */
  generation: number;
  slots: KeySlot[];
  chunks: ChunkEntry[];
}

/** The keys derived from the data key: chunk encryption, header authentication, bucket ids, generation records. */
export interface ContentKeys {
  encryption: Buffer;
  mac: Buffer;
  buckets: Buffer;
  generations: Buffer;
}

export function deriveContentKeys(dataKey: Buffer): ContentKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
  return {
    encryption: derive('secrets-workbench vault chunks v1'),
    mac: derive('secrets-workbench vault header v1'),
    buckets: derive('secrets-workbench vault bucket ids v2'),
    generations: derive('secrets-workbench vault generation record v1'),
  };
}

// Stryker disable next-line BlockStatement: equivalent, zeroing keys is memory hygiene no behaviour shows
export function zeroContentKeys(keys: ContentKeys): void {
  // Stryker disable next-line all: equivalent, memory hygiene
  keys.encryption.fill(0);
  // Stryker disable next-line all: equivalent, memory hygiene
  keys.mac.fill(0);
  keys.buckets.fill(0);
  keys.generations.fill(0);
}

/** Version 2 bucket of a name: HMAC-SHA256 under the bucket key (65536 is a multiple of 256: uniform). */
export function keyedBucketOf(name: string, keys: ContentKeys): number {
  return createHmac('sha256', keys.buckets).update(name, 'utf8').digest().readUInt16BE(0) % bucketCount;
}

/** Version 1 bucket of a name: FNV-1a over UTF-16 code units (unkeyed; read only to check version 1 files). */
export function unkeyedBucketOf(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % bucketCount;
}

export interface ParsedHead {
  /** The file's format version (1 or 2). */
  version: number;
  header: VaultHeader;
  /** prelude + header + checksum + mac: compared byte for byte to tell whether the file changed. */
  head: Buffer;
  /** Total file length the head declares. */
  fileLength: number;
}

/** Length of the head, from the prelude alone (for reading just the head of a large file). */
export function headLength(prelude: Buffer): number {
  checkPrelude(prelude);
  return preludeBytes + prelude.readUInt32BE(vaultMagic.length + 2) + 2 * digestBytes;
}

function checkPrelude(bytes: Buffer): void {
  if (bytes.length === 0) throw new VaultError('Corrupt', 'The vault file is empty (truncated).');
  const magicPart = bytes.subarray(0, vaultMagic.length);
  if (!vaultMagic.subarray(0, magicPart.length).equals(magicPart)) {
    throw new VaultError('Corrupt', 'This file is not a Secrets Workbench vault (unrecognised content).');
  }
  // Stryker disable next-line EqualityOperator: equivalent, a file of just a prelude is refused as truncated below
  if (bytes.length < preludeBytes) throw new VaultError('Corrupt', 'The vault file is truncated.');
  const version = bytes.readUInt16BE(vaultMagic.length);
  if (!readableVersions.has(version)) {
    throw new VaultError(
      'UnsupportedVersion',
      `The vault file has format version ${version}; this app reads versions 1 to ${formatVersion}. ` +
        'Use a newer Secrets Workbench to open it.',
    );
  }
  if (bytes.readUInt32BE(vaultMagic.length + 2) > maxHeaderBytes) {
    throw new VaultError('Tampered', 'The vault header is damaged or was modified.');
  }
}

/** Reads the cleartext head. Throws Corrupt / UnsupportedVersion / Tampered; needs no key. */
export function parseHead(bytes: Buffer): ParsedHead {
  const length = headLength(bytes);
  if (bytes.length < length) throw new VaultError('Corrupt', 'The vault file is truncated.');
  const headerEnd = length - 2 * digestBytes;
  const checksum = createHash('sha256').update(bytes.subarray(0, headerEnd)).digest();
  if (!checksum.equals(bytes.subarray(headerEnd, headerEnd + digestBytes))) {
    throw new VaultError('Tampered', 'The vault header is damaged or was modified.');
  }
  const version = bytes.readUInt16BE(vaultMagic.length);
  const header = readHeader(bytes.subarray(preludeBytes, headerEnd), version);
  const fileLength = length + header.chunks.reduce((sum, c) => sum + c.length, 0);
  return { version, header, head: bytes.subarray(0, length), fileLength };
}

/** Parses a whole file's structure and checks its length. */
export function parseVault(bytes: Buffer): ParsedHead {
  const parsed = parseHead(bytes);
  if (bytes.length < parsed.fileLength) throw new VaultError('Corrupt', 'The vault file is truncated.');
  if (bytes.length > parsed.fileLength) {
    throw new VaultError('Tampered', 'The vault file has unexpected trailing data.');
  }
  return parsed;
}

/** Checks the header MAC: after this, the header (slots, generation, chunk table) is the key holder's. */
export function verifyHead(parsed: ParsedHead, keys: ContentKeys): void {
  const headerEnd = parsed.head.length - 2 * digestBytes;
  const expected = createHmac('sha256', keys.mac).update(parsed.head.subarray(0, headerEnd)).digest();
  if (!timingSafeEqual(expected, parsed.head.subarray(headerEnd + digestBytes))) {
    throw new VaultError('Tampered', 'The vault header failed authentication: the file was damaged or modified.');
  }
}

/** The body ciphertext of each chunk, in table order. */
export function chunkCiphertexts(bytes: Buffer, parsed: ParsedHead): Buffer[] {
  let offset = parsed.head.length;
  return parsed.header.chunks.map((c) => {
    const slice = bytes.subarray(offset, offset + c.length);
    offset += c.length;
    return slice;
  });
}

function readHeader(raw: Buffer, version: number): VaultHeader {
  let header: VaultHeader;
  try {
    header = JSON.parse(raw.toString('utf8')) as VaultHeader;
  } catch {
    throw new VaultError('Corrupt', 'The vault header is not readable.');
  }
  const buckets = new Set<number>();
  const wellFormed =
    header !== null &&
    typeof header === 'object' &&
    header.cipher === 'AES-256-GCM' &&
    header.compression === 'deflate-raw' &&
    typeof header.vaultId === 'string' &&
    Number.isSafeInteger(header.generation) &&
    Array.isArray(header.slots) &&
    header.slots.every(isSlot) &&
    Array.isArray(header.chunks) &&
    header.chunks.every((c) => isChunk(c, version) && !buckets.has(c.bucket) && buckets.add(c.bucket)) &&
    (version === 1 || buckets.has(indexBucket));
  if (!wellFormed) throw new VaultError('Corrupt', 'The vault header is not in the expected shape.');
  return header;
}

function isChunk(c: unknown, version: number): c is ChunkEntry {
  // Stryker disable next-line ConditionalExpression: equivalent, a primitive has no integer bucket either
  if (c === null || typeof c !== 'object') return false;
  const e = c as Record<string, unknown>;
  return (
    Number.isInteger(e.bucket) &&
    (e.bucket as number) >= 0 &&
    (e.bucket as number) <= (version === 1 ? bucketCount - 1 : indexBucket) &&
    typeof e.nonce === 'string' &&
    typeof e.tag === 'string' &&
    Number.isSafeInteger(e.length) &&
    (e.length as number) >= 0
  );
}

function isSlot(slot: unknown): slot is KeySlot {
  if (slot === null || typeof slot !== 'object') return false;
  const s = slot as Record<string, unknown>;
  const common = typeof s.salt === 'string' && typeof s.nonce === 'string' && typeof s.wrappedKey === 'string';
  if (s.kind === 'raw') return common;
  if (s.kind !== 'passphrase' || !common) return false;
  const kdf = s.kdf as Record<string, unknown> | null;
  return (
    kdf !== null &&
    typeof kdf === 'object' &&
    kdf.name === 'scrypt' &&
    ['N', 'r', 'p'].every((k) => typeof kdf[k] === 'number')
  );
}

// Stryker disable next-line StringLiteral: equivalent, UTF-8 is Buffer.from's default
const chunkAad = (vaultId: string, bucket: number) => Buffer.from(`swvault-chunk-v1|${vaultId}|${bucket}`, 'utf8');

/** Encrypts one bucket's JSON with a fresh nonce. */
export function encryptChunk(
  vaultId: string,
  bucket: number,
  json: Buffer,
  keys: ContentKeys,
): { entry: ChunkEntry; ciphertext: Buffer } {
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, nonce);
  cipher.setAAD(chunkAad(vaultId, bucket));
  const compressed = deflateRawSync(json);
  const ciphertext = Buffer.concat([cipher.update(compressed), cipher.final()]);
  // Stryker disable next-line all: equivalent, memory hygiene
  compressed.fill(0);
  const entry = {
    bucket,
    nonce: nonce.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    length: ciphertext.length,
  };
  return { entry, ciphertext };
}

/** Decrypts and inflates one chunk. A failure means the file was modified. */
export function decryptChunk(vaultId: string, entry: ChunkEntry, ciphertext: Buffer, keys: ContentKeys): Buffer {
  return inflateChunk(authenticateChunk(vaultId, entry, ciphertext, keys));
}

/** Decrypts one chunk, checking its tag (cheap: AES only); returns the compressed plaintext. */
export function authenticateChunk(vaultId: string, entry: ChunkEntry, ciphertext: Buffer, keys: ContentKeys): Buffer {
  try {
    const tag = Buffer.from(entry.tag, 'base64');
    // Stryker disable next-line StringLiteral: equivalent, the message of a cause is never shown
    if (tag.length !== tagBytes) throw new Error('bad tag length');
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, Buffer.from(entry.nonce, 'base64'));
    decipher.setAAD(chunkAad(vaultId, entry.bucket));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch (error) {
    throw new VaultError('Tampered', 'The vault contents failed authentication: the file was damaged or modified.', {
      cause: error,
    });
  }
}

/** Inflates an authenticated chunk (the costly part, done only for the buckets a read needs), then zeroes it. */
export function inflateChunk(compressed: Buffer): Buffer {
  try {
    return inflateRawSync(compressed, { maxOutputLength: maxBucketBytes });
  } catch (error) {
    throw new VaultError('Corrupt', 'The vault contents are authentic but could not be decompressed.', {
      cause: error,
    });
    // Stryker disable next-line all: equivalent, memory hygiene
  } finally {
    // Stryker disable next-line all: equivalent, memory hygiene
    compressed.fill(0);
  }
}

/** Encodes the head (prelude, header, checksum, MAC) for a new file version. */
export function encodeHead(header: Omit<VaultHeader, 'cipher' | 'compression'>, keys: ContentKeys): Buffer {
  const full: VaultHeader = {
    cipher: 'AES-256-GCM',
    compression: 'deflate-raw',
    vaultId: header.vaultId,
    generation: header.generation,
    slots: header.slots,
    chunks: header.chunks,
  };
  // Stryker disable next-line StringLiteral: equivalent, UTF-8 is Buffer.from's default
  const headerBytes = Buffer.from(JSON.stringify(full), 'utf8');
  const prelude = Buffer.alloc(preludeBytes);
  vaultMagic.copy(prelude);
  prelude.writeUInt16BE(formatVersion, vaultMagic.length);
  prelude.writeUInt32BE(headerBytes.length, vaultMagic.length + 2);
  const checksum = createHash('sha256').update(prelude).update(headerBytes).digest();
  const mac = createHmac('sha256', keys.mac).update(prelude).update(headerBytes).digest();
  return Buffer.concat([prelude, headerBytes, checksum, mac]);
}
