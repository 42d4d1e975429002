// Synthetic credentials generated at run time (seeded), so no secret-like literal lives in test sources.
import { base62Encode, crc32 } from '../../src/core/detection/checksums';

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
