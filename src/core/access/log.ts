// The local server's access log: JSON Lines, append-only, rotated by size into one older file. No values ever:
// a record is built field by field from an AccessEvent, so nothing else in a request can reach the file.
import { promises as fs } from 'node:fs';
import { withoutUndefined } from './cloudtrail';
import { concernsSecret, newestFirst, type AccessEvent, type SecretIdentity } from './event';

/** Default cap of the current file before it is rotated (the older file is as big, so 2× on disk at most). */
export const defaultAccessLogMaxBytes = 4 * 1024 * 1024;

/** The access log beside a vault file: `<vault>.access.jsonl`, rotated to `<vault>.access.jsonl.1`. */
export function accessLogPathFor(vaultPath: string): string {
  return `${vaultPath}.access.jsonl`;
}

export function rotatedAccessLogPath(logPath: string): string {
  return `${logPath}.1`;
}

export interface AccessLogOptions {
  /** Rotate when the current file would pass this many bytes (default 4 MiB). */
  maxBytes?: number;
  /** How long events gather in memory before a write (default 100 ms); `flush()` writes at once. */
  batchMs?: number;
}

/** One line per event. Field names are short and stable: other tools may read the file. */
interface AccessRecord {
  t: string;
  action: string;
  principal: string;
  key?: string;
  ip?: string;
  ua?: string;
  secretId?: string;
  name?: string;
  arn?: string;
  versionId?: string;
  stage?: string;
  error?: string;
}

function toRecord(e: AccessEvent): AccessRecord {
  return {
    t: e.time.toISOString(),
    action: e.action,
    principal: e.principal,
    key: e.accessKeyId,
    ip: e.sourceIp,
    ua: e.userAgent,
    secretId: e.secretId,
    name: e.secretName,
    arn: e.secretArn,
    versionId: e.versionId,
    stage: e.versionStage,
    error: e.errorCode,
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function fromRecord(r: Record<string, unknown>): AccessEvent | undefined {
  const time = new Date(str(r.t) ?? '');
  const action = str(r.action);
  if (Number.isNaN(time.getTime()) || !action) return undefined;
  return withoutUndefined<AccessEvent>({
    time,
    action,
    principal: str(r.principal) ?? '',
    accessKeyId: str(r.key),
    sourceIp: str(r.ip),
    userAgent: str(r.ua),
    secretId: str(r.secretId),
    secretName: str(r.name),
    secretArn: str(r.arn),
    versionId: str(r.versionId),
    versionStage: str(r.stage),
    errorCode: str(r.error),
    source: 'local',
  });
}

/**
 * Appends events in call order. The request path never waits on the disk: lines queue in memory and are written
 * in batches, at most one stat and one append per `batchMs` however many calls arrived meanwhile (a stat, open
 * and close per event loop turn were a third of the server's CPU under load).
 */
export class AccessLogWriter {
  private pending: string[] = [];
  private draining: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly maxBytes: number;
  private readonly batchMs: number;
  private failure: unknown;

  constructor(
    readonly path: string,
    options: AccessLogOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? defaultAccessLogMaxBytes;
    this.batchMs = options.batchMs ?? 100;
  }

  append(event: AccessEvent): void {
    this.pending.push(`${JSON.stringify(toRecord(event))}\n`);
    this.schedule();
  }

  /** Resolves when every appended event is on disk; rejects with the first write failure, if any. */
  async flush(): Promise<void> {
    for (this.startDrain(); this.draining; this.startDrain()) await this.draining;
    if (this.failure !== undefined) throw this.failure;
  }

  private startDrain(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length) this.draining ??= this.drain();
  }

  /** One batch; what arrives meanwhile waits for the next timer (or flush). */
  private async drain(): Promise<void> {
    const lines = this.pending.splice(0);
    await this.write(lines).catch((error: unknown) => void (this.failure ??= error));
    this.draining = undefined;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.draining || !this.pending.length) return;
    this.timer = setTimeout(() => this.startDrain(), this.batchMs);
    this.timer.unref(); // a pending batch does not keep the process alive; close() flushes it
  }

  /** Whole lines only: the file is rotated between lines, never inside one, and each file stays under the cap. */
  private async write(lines: string[]): Promise<void> {
    let size = await fs.stat(this.path).then(
      (s) => s.size,
      () => 0,
    );
    let batch = '';
    for (const line of lines) {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > this.maxBytes) {
        if (batch) await fs.appendFile(this.path, batch, { mode: 0o600 });
        await fs.rename(this.path, rotatedAccessLogPath(this.path));
        batch = '';
        size = 0;
      }
      batch += line;
      size += bytes;
    }
    // mode 0600: the log says who read which secret, which is the user's business only
    if (batch) await fs.appendFile(this.path, batch, { mode: 0o600 });
  }
}

export interface ReadAccessHistoryOptions {
  /** Only events about this secret. */
  secret?: SecretIdentity;
  /** At most this many (the newest). */
  limit?: number;
}

/**
 * The events of a log (current and rotated file), newest first. A line that is not a whole record (a torn last
 * line after a crash, a hand edit) is skipped; a missing file is an empty history.
 */
export async function readAccessHistory(
  logPath: string,
  options: ReadAccessHistoryOptions = {},
): Promise<AccessEvent[]> {
  const events: AccessEvent[] = [];
  for (const path of [rotatedAccessLogPath(logPath), logPath]) {
    for (const line of (await readText(path)).split('\n')) {
      const event = parseLine(line);
      if (event && (!options.secret || concernsSecret(event, options.secret))) events.push(event);
    }
  }
  const sorted = newestFirst(events.reverse());
  return options.limit === undefined ? sorted : sorted.slice(0, options.limit);
}

async function readText(path: string): Promise<string> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

function parseLine(line: string): AccessEvent | undefined {
  if (!line.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return parsed && typeof parsed === 'object' ? fromRecord(parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
