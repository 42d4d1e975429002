// Provider checksums. GitHub and npm tokens end in a 6-char base62 CRC32 of the 30 random chars
// (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/).
import { createHash } from 'node:crypto';

const crcTable = (() => {
  const table = new Uint32Array(256);
  // Stryker disable next-line EqualityOperator: equivalent, a typed array ignores a write at index 256
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC32 (IEEE) of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62Encode(value: number, width: number): string {
  let out = '';
  let n = value;
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, '0');
}

/** True when `token` (prefix + 30 random + 6 checksum chars) carries a valid GitHub-style checksum. */
export function hasValidGithubStyleChecksum(token: string, prefixLength: number): boolean {
  const body = token.slice(prefixLength, token.length - 6);
  return base62Encode(crc32(body), 6) === token.slice(-6);
}

export function sha256Hex(value: string): string {
  // Stryker disable next-line StringLiteral: equivalent, UTF-8 is also update()'s default encoding
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** CRC32-base62 tokens (GitHub classic family, npm): the last 36 characters are 30 random + 6 checksum. */
export function hasValidCrc32Base62Checksum(token: string): boolean {
  if (token.length < 36) return false;
  return base62Encode(crc32(token.slice(-36, -6)), 6) === token.slice(-6);
}

// Bech32 (BIP-173), as used by age secret keys (AGE-SECRET-KEY-1…): a 6-character BCH checksum over the
// human-readable part and the data.
export const BECH32_ALPHABET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function bech32Polymod(values: number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    // Stryker disable next-line EqualityOperator: equivalent, top has 5 bits so bit 5 is never set
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ BECH32_GENERATORS[i]) >>> 0;
  }
  return chk;
}

function bech32HrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >> 5);
  out.push(0);
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
  return out;
}

/** True when a bech32 string (any case, not mixed) carries a valid checksum. */
export function hasValidBech32Checksum(text: string): boolean {
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) return false;
  const lower = text.toLowerCase();
  const separator = lower.lastIndexOf('1');
  if (separator < 1 || lower.length - separator < 7) return false;
  const data: number[] = [];
  for (const c of lower.slice(separator + 1)) {
    const v = BECH32_ALPHABET.indexOf(c);
    if (v < 0) return false;
    data.push(v);
  }
  return bech32Polymod([...bech32HrpExpand(lower.slice(0, separator)), ...data]) === 1;
}

/** The 6 checksum characters for a bech32 human-readable part and 5-bit data characters (for synthetic data). */
export function bech32Checksum(hrp: string, dataChars: string): string {
  const values = [
    ...bech32HrpExpand(hrp.toLowerCase()),
    ...[...dataChars.toLowerCase()].map((c) => BECH32_ALPHABET.indexOf(c)),
  ];
  const mod = bech32Polymod([...values, 0, 0, 0, 0, 0, 0]) ^ 1;
  let out = '';
  for (let i = 0; i < 6; i++) out += BECH32_ALPHABET[(mod >>> (5 * (5 - i))) & 31];
  return out;
}

export type ChecksumId = 'crc32-base62' | 'bech32';

export const CHECKSUMS: Record<ChecksumId, { label: string; verify(token: string): boolean }> = {
  'crc32-base62': {
    label: 'CRC32 of the random part, base62, in the last 6 characters',
    verify: hasValidCrc32Base62Checksum,
  },
  bech32: { label: 'bech32 BCH checksum in the last 6 characters', verify: hasValidBech32Checksum },
};
