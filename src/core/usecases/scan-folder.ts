// Scan workspace as the editor runs it on one folder: `scanWorkspace` (the policy both fronts share) cut into
// time slices with a yield to the event loop after each, so the extension host keeps answering while it runs.
import type { DetectionConfig, Finding } from '../detection/index';
import type { PostureResult } from '../posture/scan-report';
import type { PostureLint } from '../scan/posture-loader';
import type { FileError } from '../scan/walk';
import { scanWorkspace, type ScanWorkspaceSummary } from './scan-workspace';

export interface WorkspaceScanOptions {
  config?: DetectionConfig;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Paths (root-relative, '/'-separated) kept out besides the config's `ignore` globs, e.g. files.exclude. */
  isExcluded?(relative: string, isDirectory: boolean): boolean;
  /** The baseline: false for a finding it records (not reported). */
  isNew?(finding: Finding): boolean;
  /** Longest stretch of synchronous work before yielding (default 8 ms). */
  sliceMs?: number;
  /** Scan at most this many files (the first found by the walk); the summary then says `truncated`. */
  maxFiles?: number;
  isCancelled?(): boolean;
  onProgress?(done: number, total: number): void;
  /** Each file scanned or skipped (so earlier results of a skipped file are cleared), with its reported findings. */
  onFile?(path: string, findings: Finding[]): void;
  onError?(path: string, error: FileError): void;
  /** Also run the IaC least-privilege lint (loadPostureLint); each file's results go to onPosture. */
  posture?: PostureLint;
  /** Each file scanned or skipped with its posture results ([] clears earlier ones), when `posture` is given. */
  onPosture?(path: string, results: PostureResult[]): void;
}

export interface WorkspaceScanSummary extends Omit<ScanWorkspaceSummary, 'ignored'> {
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

/** Scans the folder `root` (absolute path on disk) as `secrets-workbench scan` would, in time slices. */
export async function scanFolder(root: string, options: WorkspaceScanOptions = {}): Promise<WorkspaceScanSummary> {
  const sliceMs = options.sliceMs ?? 8;
  let longestSliceMs = 0;
  let sliceStart = performance.now();
  const { ignored, ...summary } = await scanWorkspace(
    {
      root,
      config: options.config,
      gitignore: options.gitignore,
      isExcluded: options.isExcluded,
      isNew: options.isNew,
      maxFiles: options.maxFiles,
      posture: options.posture,
    },
    {
      pause: async () => {
        if (performance.now() - sliceStart < sliceMs) return;
        longestSliceMs = Math.max(longestSliceMs, performance.now() - sliceStart);
        await yieldToEventLoop();
        sliceStart = performance.now();
      },
      isCancelled: options.isCancelled,
      onProgress: options.onProgress,
      onFile: ({ outcome, findings }) => {
        if (outcome.error) options.onError?.(outcome.file.relative, outcome.error);
        else {
          options.onFile?.(outcome.file.relative, findings);
          if (options.posture) options.onPosture?.(outcome.file.relative, outcome.posture ?? []);
        }
      },
    },
  );
  longestSliceMs = Math.max(longestSliceMs, performance.now() - sliceStart);
  // files the config ignores count as skipped here, as the editor's summary always said
  return { ...summary, skipped: summary.skipped + ignored, longestSliceMs };
}
