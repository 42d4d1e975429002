// Crash-safe file replacement and the cross-process lock around every vault write.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as lockfile from 'proper-lockfile';
import { VaultError } from './errors';

export const vaultFileMode = 0o600;

/** Identifies one on-disk version of the file: a rename always changes the inode or the times. */
export type FileIdentity = string;

export function fileIdentity(
  stat: Stats | { dev: bigint; ino: bigint; size: bigint; mtimeNs: bigint; ctimeNs: bigint },
): FileIdentity {
  const s = stat as { dev: bigint; ino: bigint; size: bigint; mtimeNs: bigint; ctimeNs: bigint };
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

export async function statIdentity(path: string): Promise<FileIdentity> {
  return fileIdentity(await fs.stat(path, { bigint: true }));
}

export async function readVaultBytes(path: string): Promise<{ bytes: Buffer; identity: FileIdentity }> {
  try {
    const handle = await fs.open(path, constants.O_RDONLY);
    try {
      const identity = fileIdentity(await handle.stat({ bigint: true }));
      return { bytes: await handle.readFile(), identity };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw ioError(`Cannot read the vault file ${path}`, error);
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `bytes` to a temp file in the same folder, fsyncs it, then renames it over `path` (or links it to
 * a new `path` when `create`, which fails rather than replace an existing file) and fsyncs the folder.
 * A crash at any point leaves either the old file or the new one, never a mix.
 */
export async function replaceFileAtomically(path: string, bytes: Buffer, create = false): Promise<FileIdentity> {
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let identity: FileIdentity;
  try {
    const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, vaultFileMode);
    try {
      await handle.chmod(vaultFileMode); // the umask could only narrow it, but be explicit
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (create) {
      await fs.link(temp, path); // atomic and never clobbers
      await fs.unlink(temp);
    } else {
      await fs.rename(temp, path);
    }
    identity = await statIdentity(path);
    await syncFolder(folder);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new VaultError('Io', `A file already exists at ${path}; refusing to overwrite it.`);
    }
    throw ioError(`Cannot write the vault file ${path}`, error);
  }
  return identity;
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface LockOptions {
  /** Give up waiting after this long. */
  timeoutMs: number;
  /** A lock whose holder stopped refreshing it for this long is stale (the holder crashed or hung). */
  staleMs: number;
}

export interface HeldLock {
  /** True when the lock was lost (e.g. the process was frozen past the stale limit) and a write must not proceed. */
  readonly compromised: boolean;
  release(): Promise<void>;
}

/** Cross-process lock (a `<vault>.lock` directory via proper-lockfile), retried with jitter until the timeout. */
export async function acquireLock(path: string, options: LockOptions): Promise<HeldLock> {
  const deadline = Date.now() + options.timeoutMs;
  let compromised = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const release = await lockfile.lock(path, {
        realpath: false,
        stale: options.staleMs,
        retries: 0,
        onCompromised: () => {
          compromised = true;
        },
      });
      return {
        get compromised() {
          return compromised;
        },
        release: async () => {
          await release().catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw ioError(`Cannot lock the vault ${path}`, error);
      if (Date.now() >= deadline) {
        throw new VaultError(
          'Locked',
          `The vault ${path} is locked by another process (a lock held more than ${options.timeoutMs} ms).`,
        );
      }
      await sleep(Math.min(2 + attempt * 2, 25) * (0.5 + Math.random()));
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function ioError(what: string, error: unknown): VaultError {
  const code = (error as NodeJS.ErrnoException).code;
  return new VaultError('Io', `${what}${code ? ` (${code})` : ''}.`, { cause: error });
}
