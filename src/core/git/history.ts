// Git-aware scanning (#22): the lines each commit added, streamed from `git log -p` (git's own diff machinery,
// no object reading here), scanned by the detection engine. A removed line is not a leak; an added one is.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { Finding } from '../detection/finding';
import { scanText } from '../detection/scanner';

export interface HistoryOptions {
  /** Every ref (`git log --all`) instead of HEAD. */
  all?: boolean;
  /** Only commits after REV (`REV..HEAD`). */
  since?: string;
  /** Only `A..B`. */
  range?: string;
  /** Stops the scan: git is killed and the scan rejects with HistoryScanCancelled. */
  signal?: AbortSignal;
  /** Called as commits are read (the count so far), for progress. */
  onCommit?: (commits: number) => void;
}

export interface HistoryFinding {
  commit: string;
  author: string;
  /** ISO 8601 author date. */
  date: string;
  /** Path in that commit, relative to the repository root. */
  path: string;
  finding: Finding;
}

export interface HistoryScan {
  findings: HistoryFinding[];
  commits: number;
  /** File versions whose added lines were scanned (a blob seen before is not scanned again). */
  blobsScanned: number;
}

/** Not a repository, a shallow clone, a bad revision, a failing git: said plainly, nothing changed. */
export class GitHistoryError extends Error {}

/** The scan was stopped through its AbortSignal; git was killed, no partial result is returned. */
export class HistoryScanCancelled extends Error {
  constructor() {
    super('history scan cancelled');
    this.name = 'HistoryScanCancelled';
  }
}

function git(repo: string, args: string[]): { ok: boolean; out: string; err: string } {
  const result = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
  if (result.error) throw new GitHistoryError(`cannot run git: ${result.error.message}`);
  return { ok: result.status === 0, out: result.stdout.trim(), err: result.stderr.trim() };
}

/** The revision arguments for `git log`, after checking that the repository and revisions are usable. */
export function historyRevisions(repo: string, options: HistoryOptions = {}): string[] {
  if (!git(repo, ['rev-parse', '--git-dir']).ok) throw new GitHistoryError(`not a git repository: ${repo}`);
  if (git(repo, ['rev-parse', '--is-shallow-repository']).out === 'true') {
    throw new GitHistoryError(
      `${repo} is a shallow clone: commits before its shallow boundary are missing, so their changes cannot be ` +
        'scanned. Fetch the whole history first: git fetch --unshallow',
    );
  }
  const revisions = options.range ? options.range.split('..') : options.since ? [options.since] : [];
  for (const rev of revisions.filter(Boolean)) {
    if (rev.startsWith('-') || !git(repo, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).ok) {
      throw new GitHistoryError(`bad revision: ${rev} is not a commit in ${repo}`);
    }
  }
  if (options.range) return [options.range];
  if (options.since) return [`${options.since}..HEAD`];
  if (options.all) return ['--all'];
  if (!git(repo, ['rev-parse', '--verify', '--quiet', 'HEAD']).ok) return []; // no commits yet
  return ['HEAD'];
}

const commitMark = '\u0001';
const fieldMark = '\u0002';

/** Streams `git log -p` and scans each file version's added lines once. */
export async function scanHistory(repo: string, options: HistoryOptions = {}): Promise<HistoryScan> {
  if (options.signal?.aborted) throw new HistoryScanCancelled();
  const revisions = historyRevisions(repo, options);
  if (!revisions.length) return { findings: [], commits: 0, blobsScanned: 0 };
  return scanPatches(
    repo,
    ['log', '-p', ...patchOptions, `--format=${commitMark}%H${fieldMark}%an${fieldMark}%aI`, ...revisions, '--'],
    options,
  );
}

/**
 * What `git commit` would record: the lines the index adds to HEAD (the work tree is not read). Findings carry
 * commit `staged`.
 */
export async function scanStaged(repo: string, options: Pick<HistoryOptions, 'signal'> = {}): Promise<HistoryScan> {
  if (!git(repo, ['rev-parse', '--git-dir']).ok) throw new GitHistoryError(`not a git repository: ${repo}`);
  return scanPatches(repo, ['diff', '--cached', ...patchOptions], options, { id: 'staged', author: '', date: '' });
}

/** Added lines only, every file version whole (blob ids), as git stores them (no external diff or textconv). */
const patchOptions = [
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--unified=0',
  '--full-index',
  '--diff-filter=AMCR',
];

async function scanPatches(
  repo: string,
  args: string[],
  options: Pick<HistoryOptions, 'signal' | 'onCommit'>,
  fixedCommit?: { id: string; author: string; date: string },
): Promise<HistoryScan> {
  const { signal } = options;
  if (signal?.aborted) throw new HistoryScanCancelled();
  const result: HistoryScan = { findings: [], commits: fixedCommit ? 1 : 0, blobsScanned: 0 };
  const child = spawn('git', ['-C', repo, '-c', 'core.quotePath=false', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // kill git at once: reading stops at the next line, and a killed git's exit code is not reported as a failure
  const cancel = () => child.kill('SIGKILL');
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await readPatches(child, repo, args, result, signal, options.onCommit, fixedCommit);
  } finally {
    signal?.removeEventListener('abort', cancel);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

async function readPatches(
  child: ChildProcessByStdio<null, Readable, Readable>,
  repo: string,
  args: string[],
  result: HistoryScan,
  signal: AbortSignal | undefined,
  onCommit: ((commits: number) => void) | undefined,
  fixedCommit?: { id: string; author: string; date: string },
): Promise<HistoryScan> {
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk.slice(0, 4096)));
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });

  const seenBlobs = new Set<string>();
  let commit = fixedCommit ?? { id: '', author: '', date: '' };
  let path: string | undefined;
  let blob: string | undefined;
  let skip = false;
  let nextLine = 0;
  let added: { text: string; line: number }[] = [];

  const flush = () => {
    if (path !== undefined && !skip && added.length) {
      result.blobsScanned++;
      const scanned = scanText(added.map((a) => a.text).join('\n'), { path });
      for (const finding of scanned.findings) {
        const line = added[finding.range.start.line]?.line ?? finding.range.start.line;
        result.findings.push({
          commit: commit.id,
          author: commit.author,
          date: commit.date,
          path,
          finding: withLine(finding, line),
        });
      }
    }
    added = [];
    path = undefined;
    blob = undefined;
    skip = false;
  };

  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    if (signal?.aborted) break;
    if (line.startsWith(commitMark)) {
      flush();
      const [id, author, date] = line.slice(1).split(fieldMark);
      commit = { id, author, date };
      result.commits++;
      onCommit?.(result.commits);
    } else if (line.startsWith('diff --git ')) {
      flush();
    } else if (line.startsWith('index ') && path === undefined) {
      blob = /\.\.([0-9a-f]+)/.exec(line)?.[1];
      if (blob && seenBlobs.has(blob)) skip = true;
      else if (blob) seenBlobs.add(blob);
    } else if (line.startsWith('+++ ')) {
      path = line === '+++ /dev/null' ? undefined : line.slice(6); // '+++ b/…'
    } else if (line.startsWith('Binary files ')) {
      skip = true;
    } else if (line.startsWith('@@ ')) {
      nextLine = Number(/\+(\d+)/.exec(line)?.[1] ?? 1) - 1;
    } else if (line.startsWith('+') && path !== undefined) {
      added.push({ text: line.slice(1), line: nextLine++ });
    }
  }
  if (signal?.aborted) {
    await exited.catch(() => undefined);
    throw new HistoryScanCancelled();
  }
  flush();
  const code = await exited;
  if (code !== 0) throw new GitHistoryError(gitFailure(repo, args[0], code, stderr));
  return result;
}

/** The finding placed on its line in the file at that commit (0-based, like every Finding). */
function withLine(finding: Finding, line: number): Finding {
  const delta = line - finding.range.start.line;
  return {
    ...finding,
    range: {
      start: { ...finding.range.start, line: finding.range.start.line + delta },
      end: { ...finding.range.end, line: finding.range.end.line + delta },
    },
  };
}

/** A failing git said plainly; a damaged repository gets named as such, with the command that shows the damage. */
function gitFailure(repo: string, command: string, code: number, stderr: string): string {
  const lines = stderr.trim().split('\n');
  const damage = lines.find((l) => /corrupt|inflate|unable to read|bad object|loose object|hash mismatch/i.test(l));
  if (damage) {
    return (
      `${repo} has a corrupt or unreadable git object (git ${command}: ${damage.trim()}); nothing was scanned. ` +
      'Check it with git fsck, and repair it from another clone.'
    );
  }
  return `git ${command} failed (exit ${code}): ${lines[0] ?? ''}`;
}
