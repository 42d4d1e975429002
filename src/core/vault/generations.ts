// Rollback detection: the last generation this machine saw of each vault, kept outside the vault file (the CLI
// in the per-user state folder, the extension in its global state), so that an older copy of the file (a
// restored backup, a sync tool, someone with file access) is noticed. Each record is authenticated with a key
// derived from the vault's data key, so it cannot be forged lower without the key.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where records live. `write` keeps the higher generation unless `lower` says the user accepted going back. */
export interface GenerationRecords {
  read(vaultId: string): Promise<string | undefined>;
  write(vaultId: string, record: string, lower?: boolean): Promise<void>;
}

const mac = (key: Buffer, vaultId: string, generation: number) =>
  createHmac('sha256', key).update(`swvault-generation-v1|${vaultId}|${generation}`, 'utf8').digest();

/** `<generation>:<base64url HMAC>`: the generation stays readable, so stores can keep the highest. */
export function sealGeneration(key: Buffer, vaultId: string, generation: number): string {
  return `${generation}:${mac(key, vaultId, generation).toString('base64url')}`;
}

/** The generation a record holds, or undefined when it does not authenticate under `key`. */
export function openGeneration(key: Buffer, vaultId: string, record: string): number | undefined {
  const generation = generationOf(record);
  if (generation === undefined) return undefined;
  const given = Buffer.from(record.slice(record.indexOf(':') + 1), 'base64url');
  const expected = mac(key, vaultId, generation);
  return given.length === expected.length && timingSafeEqual(given, expected) ? generation : undefined;
}

function generationOf(record: string): number | undefined {
  const generation = Number(record.slice(0, record.indexOf(':')));
  return record.includes(':') && Number.isSafeInteger(generation) && generation >= 0 ? generation : undefined;
}

/** Keeps records in memory (tests, and a base for other adapters). */
export class MemoryGenerationRecords implements GenerationRecords {
  readonly records = new Map<string, string>();

  async read(vaultId: string): Promise<string | undefined> {
    return this.records.get(vaultId);
  }

  async write(vaultId: string, record: string, lower = false): Promise<void> {
    this.records.set(vaultId, keepHigher(this.records.get(vaultId), record, lower));
  }
}

function keepHigher(current: string | undefined, next: string, lower: boolean): string {
  if (lower || current === undefined) return next;
  return (generationOf(current) ?? -1) > (generationOf(next) ?? -1) ? current : next;
}

/** Records in a key-value store such as VS Code's global state (one entry holding every vault's record). */
export class KeyValueGenerationRecords implements GenerationRecords {
  constructor(
    private readonly store: { get(key: string): unknown; update(key: string, value: unknown): PromiseLike<void> },
    private readonly entry = 'secretsWorkbench.vaultGenerations',
  ) {}

  async read(vaultId: string): Promise<string | undefined> {
    const records = this.all();
    return Object.hasOwn(records, vaultId) ? records[vaultId] : undefined;
  }

  async write(vaultId: string, record: string, lower = false): Promise<void> {
    const records = this.all();
    records[vaultId] = keepHigher(Object.hasOwn(records, vaultId) ? records[vaultId] : undefined, record, lower);
    await this.store.update(this.entry, records);
  }

  private all(): Record<string, string> {
    const stored = this.store.get(this.entry);
    const records: Record<string, string> = {};
    if (stored && typeof stored === 'object') {
      for (const [id, record] of Object.entries(stored)) if (typeof record === 'string') records[id] = record;
    }
    return records;
  }
}

/** The per-user state folder: $XDG_STATE_HOME/secrets-workbench, else ~/.local/state/secrets-workbench. */
export function userStateFolder(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_STATE_HOME || join(env.HOME ?? homedir(), '.local', 'state'), 'secrets-workbench');
}

/** One JSON file of records (vault id → record), replaced atomically, mode 0600 in a 0700 folder. */
export class FileGenerationRecords implements GenerationRecords {
  constructor(readonly path: string) {}

  async read(vaultId: string): Promise<string | undefined> {
    const records = await this.readAll();
    return Object.hasOwn(records, vaultId) ? records[vaultId] : undefined;
  }

  async write(vaultId: string, record: string, lower = false): Promise<void> {
    const records = await this.readAll();
    const next = keepHigher(Object.hasOwn(records, vaultId) ? records[vaultId] : undefined, record, lower);
    if (records[vaultId] === next) return;
    records[vaultId] = next;
    await fs.mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(temp, `${JSON.stringify(records, null, 2)}\n`, { mode: 0o600 });
    await fs.rename(temp, this.path);
  }

  private async readAll(): Promise<Record<string, string>> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.path, 'utf8')) as unknown;
      const records = Object.create(null) as Record<string, string>;
      if (parsed && typeof parsed === 'object') {
        for (const [id, record] of Object.entries(parsed)) if (typeof record === 'string') records[id] = record;
      }
      return records;
    } catch (error) {
      // Missing, or not JSON (damaged): no records; the next write starts the file afresh.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) {
        return Object.create(null) as Record<string, string>;
      }
      throw error;
    }
  }
}
