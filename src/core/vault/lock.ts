// Cross-process lock around vault writes: a `<vault>.lock` directory holding an owner record.
//
// Why not a bare mkdir lock (proper-lockfile): its owner cannot be recorded atomically with the lock, so a
// writer killed at the wrong moment leaves a lock nobody can attribute, and every other writer waits for the
// stale timeout. Here the directory is prepared with its owner record under a private name and then renamed
// into place, which is atomic: every lock names its holder. A lock whose holder process no longer exists on
// this host is taken over at once; any other lock becomes stale when its holder stops refreshing it.
import { randomBytes } from 'node:crypto';
import { promises as fs, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { VaultError } from './errors';

export interface LockOptions {
  /** Give up waiting after this long. */
  timeoutMs: number;
  /** A lock whose holder stopped refreshing it for this long is stale (the holder hung or its host died). */
  staleMs: number;
}

export interface HeldLock {
  /** True once the lock was found taken away (e.g. this process was frozen past `staleMs`): do not write. */
  readonly compromised: boolean;
  /** Re-reads the owner record: false if another process has taken the lock over. */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

const ownerFile = 'owner.json';
const heldLocks = new Set<string>();
let exitHookInstalled = false;

export async function acquireLock(path: string, options: LockOptions): Promise<HeldLock> {
  const lockDir = `${path}.lock`;
  const deadline = Date.now() + options.timeoutMs;
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(12).toString('hex') };
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(lockDir, owner)) return hold(lockDir, owner, options.staleMs);
    if (await removeIfAbandoned(lockDir, options.staleMs)) continue;
    if (Date.now() >= deadline) {
      throw new VaultError(
        'Locked',
        `The vault ${path} is locked by another process (waited ${options.timeoutMs} ms).`,
      );
    }
    await sleep(Math.min(2 + attempt * 2, 25) * (0.5 + Math.random()));
  }
}

async function tryCreate(lockDir: string, owner: LockOwner): Promise<boolean> {
  const pending = `${lockDir}.${owner.pid}.${randomBytes(6).toString('hex')}.pending`;
  try {
    await fs.mkdir(pending, { mode: 0o700 });
    await fs.writeFile(join(pending, ownerFile), JSON.stringify(owner), { mode: 0o600 });
    // Fails while `lockDir` exists with an owner record; replaces only an empty directory (a holder
    // killed halfway through releasing).
    await fs.rename(pending, lockDir);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    await fs.rm(pending, { recursive: true, force: true }).catch(() => undefined);
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw new VaultError('Io', `Cannot lock the vault (${code ?? 'unknown error'}).`, { cause: error });
  }
}

function hold(lockDir: string, owner: LockOwner, staleMs: number): HeldLock {
  let compromised = false;
  let released = false;
  const refresh = setInterval(
    () => {
      void (async () => {
        const current = await readOwner(lockDir);
        if (released) return;
        if (current?.token !== owner.token) {
          compromised = true;
          return;
        }
        const now = new Date();
        await fs.utimes(join(lockDir, ownerFile), now, now).catch(() => undefined);
      })();
    },
    Math.max(250, staleMs / 3),
  );
  refresh.unref();
  heldLocks.add(lockDir);
  installExitHook();
  return {
    get compromised() {
      return compromised;
    },
    stillHeld: async () => {
      compromised ||= (await readOwner(lockDir))?.token !== owner.token;
      return !compromised;
    },
    release: async () => {
      released = true;
      clearInterval(refresh);
      heldLocks.delete(lockDir);
      if (compromised) return; // it is someone else's lock now
      await fs.rm(lockDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/** Removes the lock when its holder process is gone (same host) or it has not been refreshed for `staleMs`. */
async function removeIfAbandoned(lockDir: string, staleMs: number): Promise<boolean> {
  const owner = await readOwner(lockDir);
  if (!owner) return false; // released meanwhile, or unreadable: retry
  const sameHost = owner.host === hostname();
  const holderGone = sameHost && owner.pid !== process.pid && !processExists(owner.pid);
  if (!holderGone && !(await isStale(lockDir, staleMs))) return false;
  // Move it aside atomically, then check it is the lock we judged before deleting it.
  const aside = `${lockDir}.${randomBytes(6).toString('hex')}.abandoned`;
  try {
    await fs.rename(lockDir, aside);
  } catch {
    return false; // someone else got there first
  }
  const moved = await readOwner(aside);
  if (moved?.token !== owner.token) {
    await fs.rename(aside, lockDir).catch(() => undefined); // a fresh lock: put it back
    return false;
  }
  await fs.rm(aside, { recursive: true, force: true }).catch(() => undefined);
  return true;
}

async function isStale(lockDir: string, staleMs: number): Promise<boolean> {
  try {
    const { mtimeMs } = await fs.stat(join(lockDir, ownerFile));
    return Date.now() - mtimeMs > staleMs;
  } catch {
    return false;
  }
}

async function readOwner(lockDir: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await fs.readFile(join(lockDir, ownerFile), 'utf8')) as LockOwner;
    const valid = Number.isInteger(owner.pid) && typeof owner.host === 'string' && typeof owner.token === 'string';
    return valid ? owner : undefined;
  } catch {
    return undefined;
  }
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process that exits while holding a lock (an uncaught error mid-write) releases it on the way out. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const lockDir of heldLocks) rmSync(lockDir, { recursive: true, force: true });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
