// Shared helpers for the vault tests: temp folders and fast (raw-key) vaults.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function withTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sw-vault-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

import { createHash } from 'node:crypto';
import { vaultMagic } from '../../../src/core/vault/index';

const prelude = vaultMagic.length + 2 + 4;

/** Rewrites the cleartext header as an attacker could (recomputing its checksum, not its MAC), keeping the rest. */
export function rewriteHeader(bytes: Buffer, change: (header: Record<string, unknown>) => void): Buffer {
  const headerLength = bytes.readUInt32BE(vaultMagic.length + 2);
  const header = JSON.parse(bytes.subarray(prelude, prelude + headerLength).toString('utf8'));
  change(header);
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.from(bytes.subarray(0, prelude));
  head.writeUInt32BE(headerBytes.length, vaultMagic.length + 2);
  const checksum = createHash('sha256').update(head).update(headerBytes).digest();
  return Buffer.concat([head, headerBytes, checksum, bytes.subarray(prelude + headerLength + 32)]); // old MAC + body
}
