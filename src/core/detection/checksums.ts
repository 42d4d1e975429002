// Provider checksums. GitHub and npm tokens end in a 6-char base62 CRC32 of the 30 random chars
// (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/).
import { createHash } from 'node:crypto';

const crcTable = (() => {
  const table = new Uint32Array(256);
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
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
