// The CLI's per-user cache of built prefilter tables: one file per keyword set, written once (a temporary file
// renamed into place, so a reader never sees half of one) and read back only when its digest verifies. A missing,
// stale, truncated or altered file is ignored and the tables are built again; no failure here stops a scan.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PrefilterTables, PrefilterTableStore } from '../detection/prefilter';

const MAGIC = 0x46505753; // "SWPF", little-endian
const HEADER_BYTES = 64; // magic, table length, masks length, SHA-256 of the rest, padding (keeps views aligned)

export function fileTableStore(dir: string): PrefilterTableStore {
  const pathOf = (key: string) => join(dir, `prefilter-${key}.bin`);
  return {
    load(key) {
      try {
        return decodeTables(readFileSync(pathOf(key)));
      } catch {
        return undefined;
      }
    },
    save(key, tables) {
      const temporary = `${pathOf(key)}.${process.pid}.tmp`;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writeFileSync(temporary, encodeTables(tables), { mode: 0o600 });
        renameSync(temporary, pathOf(key));
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // the folder itself is unusable: nothing was written
        }
      }
    },
  };
}

export function encodeTables({ table, masks }: PrefilterTables): Buffer {
  const body = Buffer.concat([bytesOf(table), bytesOf(masks)]);
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(table.length, 4);
  header.writeUInt32LE(masks.length, 8);
  createHash('sha256').update(body).digest().copy(header, 12);
  return Buffer.concat([header, body]);
}

export function decodeTables(file: Buffer): PrefilterTables | undefined {
  if (file.length < HEADER_BYTES || file.readUInt32LE(0) !== MAGIC) return undefined;
  const tableLength = file.readUInt32LE(4);
  const masksLength = file.readUInt32LE(8);
  if (file.length !== HEADER_BYTES + 4 * (tableLength + masksLength)) return undefined;
  const body = file.subarray(HEADER_BYTES);
  if (!createHash('sha256').update(body).digest().equals(file.subarray(12, 44))) return undefined;
  let words: Uint32Array;
  if (body.byteOffset % 4 === 0) words = new Uint32Array(body.buffer, body.byteOffset, tableLength + masksLength);
  else {
    // a Buffer's bytes may start anywhere in a shared pool: an aligned copy then
    words = new Uint32Array(tableLength + masksLength);
    new Uint8Array(words.buffer).set(body);
  }
  return {
    table: new Int32Array(words.buffer, words.byteOffset, tableLength),
    masks: words.subarray(tableLength),
  };
}

function bytesOf(array: Int32Array | Uint32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * Where the CLI keeps them: SECRETS_WORKBENCH_SCAN_CACHE (`off` for nowhere), else the platform's per-user cache
 * folder (XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%).
 */
export function prefilterCacheDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  home = homedir,
): string | undefined {
  const chosen = env.SECRETS_WORKBENCH_SCAN_CACHE;
  if (chosen !== undefined) return chosen && chosen !== 'off' ? chosen : undefined;
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'secrets-workbench', 'Cache');
  if (platform !== 'win32' && env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'secrets-workbench');
  try {
    const base = env.HOME || home(); // HOME first, as the vault's default path does (store-options.ts)
    if (!base) return undefined;
    return platform === 'darwin'
      ? join(base, 'Library', 'Caches', 'secrets-workbench')
      : join(base, '.cache', 'secrets-workbench');
  } catch {
    return undefined;
  }
}
