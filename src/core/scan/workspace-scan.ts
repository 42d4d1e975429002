// Scans many files without monopolising the thread it runs on (the VS Code extension host): files are read
// asynchronously a few at a time and scanning yields back to the event loop after each time slice.
import { isIgnoredByConfig, scanText, type DetectionConfig, type Finding } from '../detection/index';

export interface ScanSource {
  /** Workspace-relative path, '/'-separated. */
  path: string;
  read(): Promise<string>;
}

export interface WorkspaceScanOptions {
  config?: DetectionConfig;
  /** Longest stretch of synchronous scanning before yielding (default 8 ms). */
  sliceMs?: number;
  /** Files read ahead concurrently (default 8). */
  readAhead?: number;
  isCancelled?(): boolean;
  onProgress?(done: number, total: number): void;
  onFile?(path: string, findings: Finding[]): void;
}

export interface WorkspaceScanSummary {
  scanned: number;
  skipped: number;
  filesWithFindings: number;
  findings: number;
  cancelled: boolean;
  unreadable: number;
  /** Longest synchronous stretch between two yields, in ms (what the host's other work could have waited). */
  longestSliceMs: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function scanFiles(
  files: readonly ScanSource[],
  options: WorkspaceScanOptions = {},
): Promise<WorkspaceScanSummary> {
  const sliceMs = options.sliceMs ?? 8;
  const readAhead = Math.max(1, options.readAhead ?? 8);
  const summary: WorkspaceScanSummary = {
    scanned: 0,
    skipped: 0,
    filesWithFindings: 0,
    findings: 0,
    cancelled: false,
    unreadable: 0,
    longestSliceMs: 0,
  };
  const wanted = files.filter((file) => !(options.config && isIgnoredByConfig(options.config, file.path)));
  summary.skipped = files.length - wanted.length;
  const pending: Array<Promise<string | undefined>> = [];
  const settled = new Set<number>();
  const start = (index: number) => {
    if (index < wanted.length) {
      pending[index] = wanted[index].read().then(
        (text) => (settled.add(index), text),
        () => (settled.add(index), undefined),
      );
    }
  };
  for (let i = 0; i < readAhead; i++) start(i);
  let sliceStart = performance.now();
  for (let i = 0; i < wanted.length; i++) {
    if (options.isCancelled?.()) {
      summary.cancelled = true;
      break;
    }
    // Waiting for a read yields to the event loop: a slice ends there.
    if (!settled.has(i)) summary.longestSliceMs = Math.max(summary.longestSliceMs, performance.now() - sliceStart);
    const text = await pending[i];
    if (!settled.has(i)) sliceStart = performance.now();
    settled.delete(i);
    delete pending[i];
    start(i + readAhead);
    if (text === undefined) summary.unreadable++;
    else {
      const result = scanText(text, { path: wanted[i].path, config: options.config });
      summary.scanned++;
      if (result.findings.length) {
        summary.filesWithFindings++;
        summary.findings += result.findings.length;
      }
      options.onFile?.(wanted[i].path, result.findings);
    }
    options.onProgress?.(i + 1, wanted.length);
    if (performance.now() - sliceStart >= sliceMs) {
      summary.longestSliceMs = Math.max(summary.longestSliceMs, performance.now() - sliceStart);
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return summary;
}
