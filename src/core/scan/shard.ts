// What the scan pool's threads share: the claim counter (one file per claim, so big files balance too) and the
// shape of the messages between them.
import type { DetectionConfig } from '../detection/index';
import type { FileOutcome } from './pipeline';
import type { WalkEntry } from './walk';

export interface WorkerSetup {
  config?: DetectionConfig;
  maxBytes?: number;
  /** Also run the IaC least-privilege lint. */
  posture?: boolean;
  /** One Int32: the index of the next unclaimed file. */
  counter: Int32Array;
  /** Where built prefilter tables are kept (see prefilter-cache.ts). */
  prefilterCacheDir?: string;
}

export interface ShardTask {
  entries: WalkEntry[];
  configPaths: string[];
}

export type WorkerOutcome = Omit<FileOutcome, 'file'>;

/** The next file index for this thread (past the end when all are claimed). */
export function claimNext(counter: Int32Array): number {
  return Atomics.add(counter, 0, 1);
}

/** The text crosses threads only when a finding needs it (reports quote or verify it). */
export function compactOutcome(outcome: WorkerOutcome): WorkerOutcome {
  return outcome.result?.findings.length ? outcome : { ...outcome, text: undefined };
}
