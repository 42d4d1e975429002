// Value hashes that leave the process are keyed. A finding's own `valueHash` (plain SHA-256 of the value) stays
// in memory: editor allow-lists and verification caches use it. Reports and SARIF carry HMAC-SHA256 of it,
// keyed with the project's salt (`valueHashSalt` in .secrets-workbench.json) or, without one, a random salt
// made for that report and printed in it, so a short password cannot be brute-forced from a report alone.
import { createHmac, randomBytes } from 'node:crypto';
import type { DetectionConfig } from './config';

export interface ValueHashing {
  salt: string;
  /** 'project': from the config (not printed; stable across runs); 'report': made for one report (printed). */
  source: 'project' | 'report';
}

/** The prefix of allowedValues entries that are keyed hashes (a report's valueHash under the project salt). */
export const KEYED_PREFIX = 'hmac-sha256:';

/** A fresh salt, e.g. for `valueHashSalt` (32 random bytes, base64url). */
export function newValueHashSalt(): string {
  return randomBytes(32).toString('base64url');
}

export function valueHashingFor(config: DetectionConfig | undefined): ValueHashing {
  return config?.valueHashSalt
    ? { salt: config.valueHashSalt, source: 'project' }
    : { salt: newValueHashSalt(), source: 'report' };
}

/** HMAC-SHA256 (hex) under the salt of a plain value hash, or of any text derived from one (fingerprints). */
export function keyedHash(salt: string, text: string): string {
  return createHmac('sha256', salt).update(text).digest('hex');
}

/** Whether the config allows a value, by its plain hash (`sha256:` entries) or its keyed one (`hmac-sha256:`). */
export function allowList(config: DetectionConfig | undefined): { has(valueHash: string): boolean } {
  const plain = new Set(config?.allowedValues ?? []);
  const keyed = new Set(config?.allowedKeyedValues ?? []);
  const salt = config?.valueHashSalt;
  return {
    has: (valueHash) => plain.has(valueHash) || (!!salt && keyed.size > 0 && keyed.has(keyedHash(salt, valueHash))),
  };
}
