// The vault file format (version 1). Pure encode/decode; no I/O.
//
//   magic "\x89SWVAULT" (8) | format version u16 BE | header length u32 BE | header JSON (UTF-8)
//   | SHA-256 of everything before (32) | body: AES-256-GCM ciphertext of the state JSON + 16-byte tag
//
// The header is cleartext (format data only: cipher, vault id, generation, body nonce and length, key slots).
// All bytes before the body are the body's AES-GCM additional data, so the key holder detects any header change;
// the SHA-256 lets anyone tell accidental corruption or tampering of the header from a wrong key.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { VaultError } from './errors';
import type { KeySlot } from './keys';

export const vaultMagic = Buffer.from([0x89, 0x53, 0x57, 0x56, 0x41, 0x55, 0x4c, 0x54]);
export const formatVersion = 1;
const preludeBytes = vaultMagic.length + 2 + 4;
const checksumBytes = 32;
const nonceBytes = 12;
const tagBytes = 16;
const maxHeaderBytes = 1024 * 1024;

export interface VaultHeader {
  cipher: 'AES-256-GCM';
  /** Random, fixed for the vault's life; binds key slots to this vault. */
  vaultId: string;
  /** Increases by one with every write; lets writers detect changes made by other processes. */
  generation: number;
  bodyNonce: string;
  bodyLength: number;
  slots: KeySlot[];
}

export interface ParsedVault {
  header: VaultHeader;
  /** Prelude + header + checksum: the body's additional authenticated data. */
  aad: Buffer;
  body: Buffer;
}

/** Reads the cleartext structure. Throws Corrupt / UnsupportedVersion / Tampered; needs no key. */
export function parseVault(bytes: Buffer): ParsedVault {
  if (bytes.length === 0) throw new VaultError('Corrupt', 'The vault file is empty (truncated).');
  const magicPart = bytes.subarray(0, vaultMagic.length);
  if (!vaultMagic.subarray(0, magicPart.length).equals(magicPart)) {
    throw new VaultError('Corrupt', 'This file is not a Secrets Workbench vault (unrecognised content).');
  }
  if (bytes.length < preludeBytes) throw new VaultError('Corrupt', 'The vault file is truncated.');
  const version = bytes.readUInt16BE(vaultMagic.length);
  if (version !== formatVersion) {
    throw new VaultError(
      'UnsupportedVersion',
      `The vault file has format version ${version}; this app reads version ${formatVersion}. ` +
        'Use a newer Secrets Workbench to open it.',
    );
  }
  const headerLength = bytes.readUInt32BE(vaultMagic.length + 2);
  if (headerLength > maxHeaderBytes) throw new VaultError('Tampered', 'The vault header is damaged or was modified.');
  const aadEnd = preludeBytes + headerLength + checksumBytes;
  if (bytes.length < aadEnd) throw new VaultError('Corrupt', 'The vault file is truncated.');
  const expected = createHash('sha256')
    .update(bytes.subarray(0, preludeBytes + headerLength))
    .digest();
  if (!expected.equals(bytes.subarray(preludeBytes + headerLength, aadEnd))) {
    throw new VaultError('Tampered', 'The vault header is damaged or was modified.');
  }
  const header = readHeader(bytes.subarray(preludeBytes, preludeBytes + headerLength));
  const body = bytes.subarray(aadEnd);
  if (body.length < header.bodyLength) throw new VaultError('Corrupt', 'The vault file is truncated.');
  if (body.length > header.bodyLength) throw new VaultError('Tampered', 'The vault file has unexpected trailing data.');
  return { header, aad: bytes.subarray(0, aadEnd), body };
}

function readHeader(raw: Buffer): VaultHeader {
  let header: VaultHeader;
  try {
    header = JSON.parse(raw.toString('utf8')) as VaultHeader;
  } catch {
    throw new VaultError('Corrupt', 'The vault header is not readable.');
  }
  const wellFormed =
    header !== null &&
    typeof header === 'object' &&
    header.cipher === 'AES-256-GCM' &&
    typeof header.vaultId === 'string' &&
    Number.isSafeInteger(header.generation) &&
    typeof header.bodyNonce === 'string' &&
    Number.isSafeInteger(header.bodyLength) &&
    header.bodyLength >= tagBytes &&
    Array.isArray(header.slots) &&
    header.slots.every(isSlot);
  if (!wellFormed) throw new VaultError('Corrupt', 'The vault header is not in the expected shape.');
  return header;
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

/** Decrypts and authenticates the body. A failure here means the file was modified (or the data key is wrong). */
export function decryptBody(parsed: ParsedVault, dataKey: Buffer): Buffer {
  const { body, header, aad } = parsed;
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(header.bodyNonce, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(body.subarray(body.length - tagBytes));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - tagBytes)), decipher.final()]);
  } catch (error) {
    throw new VaultError('Tampered', 'The vault contents failed authentication: the file was damaged or modified.', {
      cause: error,
    });
  }
}

/** Encodes a complete vault file; every call uses a fresh random body nonce. */
export function encodeVault(
  fields: Omit<VaultHeader, 'bodyNonce' | 'bodyLength' | 'cipher'>,
  plaintext: Buffer,
  dataKey: Buffer,
): Buffer {
  const nonce = randomBytes(nonceBytes);
  const header: VaultHeader = {
    cipher: 'AES-256-GCM',
    vaultId: fields.vaultId,
    generation: fields.generation,
    bodyNonce: nonce.toString('base64'),
    bodyLength: plaintext.length + tagBytes,
    slots: fields.slots,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prelude = Buffer.alloc(preludeBytes);
  vaultMagic.copy(prelude);
  prelude.writeUInt16BE(formatVersion, vaultMagic.length);
  prelude.writeUInt32BE(headerBytes.length, vaultMagic.length + 2);
  const checksum = createHash('sha256').update(prelude).update(headerBytes).digest();
  const aad = Buffer.concat([prelude, headerBytes, checksum]);
  const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
  cipher.setAAD(aad);
  const out = Buffer.allocUnsafe(aad.length + header.bodyLength);
  aad.copy(out);
  let offset = aad.length;
  offset += cipher.update(plaintext).copy(out, offset);
  offset += cipher.final().copy(out, offset);
  cipher.getAuthTag().copy(out, offset);
  return out;
}

export const vaultFormatInfo = { preludeBytes, checksumBytes, tagBytes } as const;
