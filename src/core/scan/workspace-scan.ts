// The editor's workspace scan: the CLI's file pipeline (walk, read, scan) run without monopolising the thread
// it runs on (the VS Code extension host): work is cut into time slices with a yield to the event loop after each.
import { isIgnoredByConfig, type DetectionConfig, type Finding } from '../detection/index';
import { scanEntries } from './pipeline';
import { walkFiles, type FileError, type WalkEntry } from './walk';

export interface WorkspaceScanOptions {
  config?: DetectionConfig;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Paths (root-relative, '/'-separated) kept out besides the config's `ignore` globs, e.g. files.exclude. */
  isExcluded?(relative: string, isDirectory: boolean): boolean;
  /** Longest stretch of synchronous work before yielding (default 8 ms). */
  sliceMs?: number;
  maxBytes?: number;
  /** Scan at most this many files (the first found by the walk); the summary then says `truncated`. */
  maxFiles?: number;
  isCancelled?(): boolean;
  onProgress?(done: number, total: number): void;
  onFile?(path: string, findings: Finding[]): void;
  onError?(path: string, error: FileError): void;
}

export interface WorkspaceScanSummary {
  scanned: number;
  skipped: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
  /** The walk found more than `maxFiles` files; the rest were not scanned. */
  truncated: boolean;
  unreadable: number;
  /** Longest synchronous stretch between two yields, in ms (what the host's other work could have waited). */
  longestSliceMs: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A summary with nothing counted yet. */
export function emptyScanSummary(): WorkspaceScanSummary {
  return {
    scanned: 0,
    skipped: 0,
    filesWithFindings: 0,
    findings: 0,
    cancelled: false,
    truncated: false,
    unreadable: 0,
    longestSliceMs: 0,
  };
}

/** Scans the folder `root` (absolute path on disk) as `secrets-workbench scan` would. */
export async function scanFolder(root: string, options: WorkspaceScanOptions = {}): Promise<WorkspaceScanSummary> {
  const sliceMs = options.sliceMs ?? 8;
  const summary = emptyScanSummary();
  const maxFiles = options.maxFiles ?? Infinity;
  let sliceStart = performance.now();
  /** Ends the slice if it has run long enough; true when the scan should stop. */
  const pause = async (): Promise<boolean> => {
    if (performance.now() - sliceStart >= sliceMs) {
      summary.longestSliceMs = Math.max(summary.longestSliceMs, performance.now() - sliceStart);
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
    return (summary.cancelled ||= !!options.isCancelled?.());
  };
  const config = options.config;
  const walk = walkFiles(root, [], {
    gitignore: options.gitignore ?? true,
    prune: (rel, isDirectory) => {
      if (options.isExcluded?.(rel, isDirectory)) return true;
      const ignored = !!config && isIgnoredByConfig(config, rel);
      if (ignored) summary.skipped++; // a folder counts once
      return ignored;
    },
  });
  // the walk comes first (it is fast), so progress can say how many files there are
  const entries: WalkEntry[] = [];
  for (const entry of walk) {
    if (entries.length >= maxFiles) {
      summary.truncated = true; // the walk is lazy: stopping here also stops walking
      break;
    }
    entries.push(entry);
    if ((entries.length & 63) === 0 && (await pause())) break;
  }
  let done = 0;
  if (!summary.cancelled) {
    for (const outcome of scanEntries(entries, { config, maxBytes: options.maxBytes })) {
      const path = outcome.file.relative;
      if (outcome.error) {
        summary.unreadable++;
        options.onError?.(path, outcome.error);
      } else {
        const findings = outcome.result?.findings ?? [];
        if (outcome.skipped) summary.skipped++;
        else summary.scanned++;
        if (findings.length) {
          summary.filesWithFindings++;
          summary.findings += findings.length;
        }
        options.onFile?.(path, findings); // also for a skipped file, so earlier diagnostics of it are cleared
      }
      options.onProgress?.(++done, entries.length);
      if (await pause()) break;
    }
  }
  summary.longestSliceMs = Math.max(summary.longestSliceMs, performance.now() - sliceStart);
  return summary;
}
