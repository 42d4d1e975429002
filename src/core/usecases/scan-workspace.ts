// Scan workspace: the one function behind the CLI's `scan` and the extension's Scan Workspace (and its background
// scan on startup). It holds the policy once: which files are walked (.gitignore, the project config's `ignore`
// globs, a front's own excludes), the size cap (policy.ts) and the baseline. The fronts pass ports: how the files
// are scanned (the CLI may use worker threads), pauses (the editor yields to its event loop), cancellation,
// progress and where each file's result goes.
import { isIgnoredByConfig, type DetectionConfig, type Finding } from '../detection/index';
import { MAX_SCAN_FILE_BYTES } from '../policy';
import { scanEntries, type FileOutcome, type PipelineOptions } from '../scan/pipeline';
import type { PostureLint } from '../scan/posture-loader';
import { walkFiles, type WalkEntry } from '../scan/walk';

export interface ScanWorkspaceRequest {
  /** The folder walked (absolute); result paths are relative to it, '/'-separated. */
  root: string;
  /** Files or folders to scan, relative to `root` or absolute (default: all of `root`). */
  paths?: readonly string[];
  config?: DetectionConfig;
  /** The path the config knows a root-relative path by, when the config sits elsewhere (default: the same). */
  configPath?(relative: string): string;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** The front's own excludes besides the config's `ignore` (the editor's files.exclude and exclude setting). */
  isExcluded?(relative: string, isDirectory: boolean): boolean;
  /** The baseline: false for a finding it records, which is then not reported. */
  isNew?(finding: Finding): boolean;
  /** Scan at most this many files (the first the walk finds); the summary then says `truncated`. */
  maxFiles?: number;
  /** Also run the IaC least-privilege lint on each file (`scan --posture`; loadPostureLint). */
  posture?: PostureLint;
}

/**
 * Reads and scans the walked files, outcomes in walk order: the CLI's worker pool. Without one, the files are
 * walked first, then scanned one after another on this thread (with pauses between, for the editor).
 */
export type FilePipeline = (
  entries: Iterable<WalkEntry>,
  options: PipelineOptions,
) => Iterable<FileOutcome> | AsyncIterable<FileOutcome>;

export interface ScannedFile {
  outcome: FileOutcome;
  /** The findings reported: the scan's, less those the baseline records. */
  findings: Finding[];
}

export interface ScanWorkspacePorts {
  pipeline?: FilePipeline;
  /** Called between pieces of work (every 64 walked files, after each scanned file). */
  pause?(): Promise<void> | void;
  /** Checked after each pause; true stops the scan (the summary says `cancelled`). */
  isCancelled?(): boolean;
  onFile?(file: ScannedFile): void;
  onProgress?(done: number, total: number): void;
}

export interface ScanWorkspaceSummary {
  scanned: number;
  /** Files not scanned: too large, binary, or skipped by the engine. */
  skipped: number;
  /** Files and folders the config's `ignore` globs kept out of the walk (a folder counts once). */
  ignored: number;
  filesWithFindings: number;
  /** Findings reported (after the baseline). */
  findings: number;
  unreadable: number;
  cancelled: boolean;
  /** The walk found more than `maxFiles` files; the rest were not scanned. */
  truncated: boolean;
}

/** A path named in the request does not exist (the caller's mistake, not an unreadable file). */
export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`no such file or directory: ${path}`);
    this.name = 'MissingPathError';
  }
}

export function emptyScanWorkspaceSummary(): ScanWorkspaceSummary {
  return {
    scanned: 0,
    skipped: 0,
    ignored: 0,
    filesWithFindings: 0,
    findings: 0,
    unreadable: 0,
    cancelled: false,
    truncated: false,
  };
}

export async function scanWorkspace(
  request: ScanWorkspaceRequest,
  ports: ScanWorkspacePorts = {},
): Promise<ScanWorkspaceSummary> {
  const summary = emptyScanWorkspaceSummary();
  const stop = async () => {
    await ports.pause?.();
    return (summary.cancelled ||= !!ports.isCancelled?.());
  };
  let walked = 0;
  const walk = (function* () {
    for (const entry of walkWithPolicy(request, summary)) {
      walked++;
      yield entry;
    }
  })();
  const configPath = request.configPath;
  const options: PipelineOptions = {
    config: request.config,
    configPath: configPath && ((file) => configPath(file.relative)),
    maxBytes: MAX_SCAN_FILE_BYTES,
    posture: request.posture,
  };
  let outcomes: Iterable<FileOutcome> | AsyncIterable<FileOutcome>;
  if (ports.pipeline)
    outcomes = ports.pipeline(walk, options); // it walks as it goes (a pool starts meanwhile)
  else {
    // the walk first (it is fast), in pieces, so progress can say how many files there are
    const entries: WalkEntry[] = [];
    for (const entry of walk) if (entries.push(entry) % 64 === 0 && (await stop())) return summary;
    outcomes = scanEntries(entries, options);
  }
  const isNew = request.isNew ?? (() => true);
  let done = 0;
  for await (const outcome of outcomes) {
    const findings = (outcome.result?.findings ?? []).filter(isNew);
    if (outcome.error) summary.unreadable++;
    else if (outcome.skipped) summary.skipped++;
    else summary.scanned++;
    if (findings.length) {
      summary.filesWithFindings++;
      summary.findings += findings.length;
    }
    ports.onFile?.({ outcome, findings });
    ports.onProgress?.(++done, walked);
    if (await stop()) break;
  }
  return summary;
}

/** The files the policy lets through: .gitignore, the config's ignore globs, the front's excludes, `maxFiles`. */
function* walkWithPolicy(request: ScanWorkspaceRequest, summary: ScanWorkspaceSummary): Generator<WalkEntry> {
  const { config, isExcluded } = request;
  const configPath = request.configPath ?? ((relative: string) => relative);
  const walk = walkFiles(request.root, request.paths ?? [], {
    gitignore: request.gitignore ?? true,
    prune: (relative, isDirectory) => {
      if (isExcluded?.(relative, isDirectory)) return true;
      const ignored = !!config && isIgnoredByConfig(config, configPath(relative));
      if (ignored) summary.ignored++;
      return ignored;
    },
  });
  const maxFiles = request.maxFiles ?? Infinity;
  let count = 0;
  try {
    for (const entry of walk) {
      if (count++ >= maxFiles) {
        summary.truncated = true; // the walk is lazy: stopping here also stops walking
        return;
      }
      yield entry;
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') throw new MissingPathError(e.path ?? '');
    throw error;
  }
}
