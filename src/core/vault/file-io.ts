// Crash-safe file replacement and the cross-process lock around every vault write.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { VaultError } from './errors';
import { processExists } from './lock';
import { headLength, preludeBytes } from './format';

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

/**
 * Reads the file, or only its head when the head equals `knownHead` (the file did not change, so the
 * cached contents stay valid and the large body need not be read).
 */
export async function readVaultIfChanged(
  path: string,
  knownHead: Buffer,
): Promise<{ identity: FileIdentity; bytes?: Buffer }> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(path, constants.O_RDONLY);
    const stat = await handle.stat({ bigint: true });
    const identity = fileIdentity(stat);
    const size = Number(stat.size);
    if (size >= knownHead.length) {
      const head = Buffer.allocUnsafe(knownHead.length);
      await readFully(handle, head, 0);
      if (head.length >= preludeBytes && headLength(head) === knownHead.length && head.equals(knownHead)) {
        return { identity };
      }
    }
    const bytes = Buffer.allocUnsafe(size);
    await readFully(handle, bytes, 0);
    return { identity, bytes };
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw ioError(`Cannot read the vault file ${path}`, error);
  } finally {
    await handle?.close();
  }
}

async function readFully(handle: fs.FileHandle, into: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < into.length) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  if (done < into.length) throw new VaultError('Io', 'The vault file changed size while being read.');
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
export async function replaceFileAtomically(
  path: string,
  bytes: Buffer | Buffer[],
  create = false,
): Promise<FileIdentity> {
  const folder = dirname(path);
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let identity: FileIdentity;
  try {
    const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, vaultFileMode);
    try {
      await handle.chmod(vaultFileMode); // the umask could only narrow it, but be explicit
      await handle.writeFile(Array.isArray(bytes) ? Buffer.concat(bytes) : bytes);
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

/** Removes temp files left in the vault's folder by writers of this host that were killed mid-write. */
export async function removeAbandonedTempFiles(path: string): Promise<void> {
  const folder = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !processExists(pid)) {
      await fs.unlink(join(folder, name)).catch(() => undefined);
    }
  }
}

export function ioError(what: string, error: unknown): VaultError {
  const code = (error as NodeJS.ErrnoException).code;
  return new VaultError('Io', `${what}${code ? ` (${code})` : ''}.`, { cause: error });
}
