// Synthetic credentials generated at run time (seeded), so no secret-like literal lives in test sources.
import {
  base62Encode,
  BECH32_ALPHABET,
  bech32Checksum,
  crc32,
  type ChecksumId,
} from '../../src/core/detection/checksums';
import type { SamplePart } from '../../src/core/detection/providers/types';

export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export class Synthetic {
  private readonly rand: () => number;
  constructor(seed = 7) {
    this.rand = seeded(seed);
  }
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.rand() * alphabet.length)];
    return s;
  }
  /** Mixed-case alphanumeric with every class present. */
  mixed(n: number, extra = ''): string {
    for (;;) {
      const s = this.chars(ALNUM + extra, n);
      if (/[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s)) return s;
    }
  }
  githubToken(prefix = 'ghp_'): string {
    const body = this.mixed(30);
    return prefix + body + base62Encode(crc32(body), 6);
  }
  awsKeyId(): string {
    return ['A', 'K', 'I', 'A'].join('') + this.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16);
  }
  awsSecret(): string {
    return this.mixed(40, '+/');
  }
  password(): string {
    return `Q${this.mixed(13, '!%*-_')}9`;
  }
  apiKey(): string {
    return this.mixed(40);
  }
  privateKey(): string[] {
    const lines = ['-----BEGIN RSA PRIVATE KEY-----', `MIIEpAIBAAKCAQEA${this.chars(ALNUM + '+/', 48)}`];
    for (let i = 0; i < 8; i++) lines.push(this.chars(ALNUM + '+/', 64));
    lines.push(`${this.chars(ALNUM + '+/', 30)}==`, '-----END RSA PRIVATE KEY-----');
    return lines;
  }
}

const SAMPLE_ALPHABETS: Record<string, string> = {
  alnum: ALNUM,
  alpha: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  lowernum: 'abcdefghijklmnopqrstuvwxyz0123456789',
  uppernum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  base32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  b64: `${ALNUM}+/`,
  b64url: `${ALNUM}-_`,
  bech32: BECH32_ALPHABET.toUpperCase(),
};

/**
 * A synthetic value of a rule's documented shape (`sample` in the rule data), with a valid checksum where the
 * format has one; `cut` halves the longest random part, which makes the format's near-miss twin.
 */
export function sampleValue(
  sample: readonly SamplePart[],
  rand: Synthetic,
  options: { checksum?: ChecksumId; cut?: boolean; placeholder?: boolean } = {},
): string {
  const randomParts = sample.map((p, i) => (typeof p === 'string' ? -1 : i)).filter((i) => i >= 0);
  const longest = randomParts.reduce(
    (a, i) => ((sample[i] as [string, number])[1] > (sample[a] as [string, number])[1] ? i : a),
    randomParts[0],
  );
  let out = sample
    .map((part, i) => {
      if (typeof part === 'string') return part;
      const [alphabet, n] = part;
      const length = options.cut && i === longest ? Math.max(1, Math.floor(n / 2)) : n;
      if (options.placeholder && i === longest) return 'x'.repeat(length);
      if (alphabet === 'uuid') {
        const uuid = [8, 4, 4, 4, 12].map((k) => rand.chars('0123456789abcdef', k)).join('-');
        return options.cut && i === longest ? uuid.slice(0, 30) : uuid;
      }
      if (alphabet === 'basic-auth') return Buffer.from(`deploy:${rand.mixed(length)}`).toString('base64');
      if (alphabet === 'alnum' || alphabet === 'b64' || alphabet === 'b64url')
        return length >= 3 ? rand.mixed(length, SAMPLE_ALPHABETS[alphabet].slice(62)) : rand.chars(ALNUM, length);
      return rand.chars(SAMPLE_ALPHABETS[alphabet], length);
    })
    .join('');
  if (!options.cut && !options.placeholder && options.checksum === 'crc32-base62')
    out = out.slice(0, -6) + base62Encode(crc32(out.slice(-36, -6)), 6);
  if (!options.cut && !options.placeholder && options.checksum === 'bech32') {
    const separator = out.lastIndexOf('1');
    out = out.slice(0, -6) + bech32Checksum(out.slice(0, separator), out.slice(separator + 1, -6)).toUpperCase();
  }
  return out;
}
