// The pipeline over a worker-thread pool, for trees big enough to pay for a thread: the walk runs on this
// thread while the workers load, then every thread (this one too) claims files from one shared counter.
// Outcomes come back in walk order, exactly as `scanEntries` gives them (texts only where a finding needs it).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { scanEntries, scanOneFile, type FileOutcome, type PipelineOptions } from './pipeline';
import { FileReader } from './read';
import { ReadAhead } from './read-ahead';
import { claimNext, compactOutcome, type ShardTask, type WorkerOutcome, type WorkerSetup } from './shard';
import type { WalkEntry } from './walk';

export interface PoolOptions extends PipelineOptions {
  /** The worker's script (dist/scan-worker.js); without it the scan runs on this thread alone. */
  workerScript?: string;
  /** Worker threads besides this one (default: see `defaultWorkers`). */
  workers?: number;
  /** Workers start once the walk has found this many files (default 2: one file needs no pool). */
  minFiles?: number;
  /** False leaves the scanning to the workers (a thread that must stay responsive); default true. */
  scanOnThisThread?: boolean;
  /** The read-ahead thread's script (dist/read-ahead-worker.js), used when the scan runs on this thread alone. */
  readAheadScript?: string;
  /** The read-ahead thread starts once the walk has found this many files (default 200). */
  readAheadMinFiles?: number;
  /** Where workers find (and keep) built prefilter tables (see prefilter-cache.ts). */
  prefilterCacheDir?: string;
}

export interface PoolScan {
  outcomes: FileOutcome[];
  /** Files scanned by each thread, this one first (a worker that failed shows 0: this thread redid its files). */
  filesPerThread: number[];
}

/** Scans every walked file, on worker threads when the tree is big enough; in walk order. */
export async function scanInParallel(walk: Iterable<WalkEntry>, options: PoolOptions = {}): Promise<PoolScan> {
  const threads = options.workers ?? defaultWorkers();
  if (!options.workerScript || threads < 1) {
    if (options.readAheadScript) return scanWithReadAhead(walk, options.readAheadScript, options);
    const outcomes = [...scanEntries(walk, options)].map((o) => ({ file: o.file, ...compactOutcome(o) }));
    return { outcomes, filesPerThread: [outcomes.length] };
  }
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const setup: WorkerSetup = {
    config: options.config,
    maxBytes: options.maxBytes,
    posture: !!options.posture,
    counter,
    prefilterCacheDir: options.prefilterCacheDir,
  };
  const workers: Worker[] = [];
  const entries: WalkEntry[] = [];
  try {
    for (const entry of walk) {
      entries.push(entry);
      if (entries.length === (options.minFiles ?? 2))
        for (let i = 0; i < threads; i++) workers.push(new Worker(options.workerScript, { workerData: setup }));
    }
    const configPaths = entries.map((e) => (options.configPath ? options.configPath(e) : e.relative));
    const replies = workers.map((worker) => reply(worker, { entries, configPaths }));
    const outcomes: (WorkerOutcome | undefined)[] = new Array(entries.length);
    const reader = new FileReader(options.maxBytes);
    const scanHere = (i: number) =>
      (outcomes[i] = compactOutcome(scanOneFile(reader, entries[i], configPaths[i], options.config, options.posture)));
    let mine = 0;
    if (options.scanOnThisThread !== false || !workers.length)
      for (let i = claimNext(counter); i < entries.length; i = claimNext(counter), mine++) scanHere(i);
    const filesPerThread = [mine, ...workers.map(() => 0)];
    // every file done here: a worker still loading has claimed nothing, so it need not be waited for
    if (mine < entries.length)
      for (const [w, settled] of (await Promise.allSettled(replies)).entries()) {
        if (settled.status === 'rejected') continue;
        for (const [i, outcome] of settled.value) outcomes[i] = outcome;
        filesPerThread[w + 1] = settled.value.length;
      }
    // a worker that died took its claimed files with it: scan them here rather than lose them
    for (let i = 0; i < entries.length; i++)
      if (!outcomes[i]) {
        scanHere(i);
        filesPerThread[0]++;
      }
    const files = entries.map((e) => ({ absolute: e.absolute, relative: e.relative }));
    return { outcomes: files.map((file, i) => ({ file, ...outcomes[i] })), filesPerThread };
  } finally {
    for (const worker of workers) void worker.terminate();
  }
}

/** This thread scans every file; a second thread reads them ahead once the walk has found enough. */
function scanWithReadAhead(walk: Iterable<WalkEntry>, script: string, options: PoolOptions): PoolScan {
  const entries: WalkEntry[] = [];
  let ahead: ReadAhead | undefined;
  for (const entry of walk) {
    entries.push(entry);
    if (entries.length === (options.readAheadMinFiles ?? 200))
      ahead = new ReadAhead(script, { maxBytes: options.maxBytes });
  }
  try {
    ahead?.start(entries.filter((e) => !e.error).map((e) => e.absolute));
    const outcomes = [...scanEntries(entries, options, ahead)].map((o) => ({ file: o.file, ...compactOutcome(o) }));
    return { outcomes, filesPerThread: [outcomes.length] };
  } finally {
    ahead?.close();
  }
}

/**
 * One worker per further CPU (at most 3), from 4 CPUs up. On 2 CPUs `npm run bench pipeline` measured the pool
 * slower than one thread (12,000 small files 3.27x the floor against 3.09x; 15 MB of big files 240 ms against
 * 215 ms): a worker needs ~100 ms to start and load the engine, and two busy threads slowed each other.
 */
export function defaultWorkers(cpus = availableParallelism()): number {
  return cpus >= 4 ? Math.min(cpus - 1, 3) : 0;
}

function reply(worker: Worker, task: ShardTask): Promise<[number, WorkerOutcome][]> {
  const answer = new Promise<[number, WorkerOutcome][]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`scan worker exited (${code}) before answering`)));
  });
  worker.postMessage(task);
  answer.catch(() => undefined); // not awaited when this thread did every file
  return answer;
}
