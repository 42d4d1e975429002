// The one file pipeline of the CLI and the editor's workspace scan: walk, read (synchronously, one reused
// buffer), decode, scan. Each file comes out on its own, so a file that cannot be read is reported and the
// scan goes on. `parallel.ts` runs the same per-file step on worker threads for big trees.
import { scanText, type DetectionConfig, type ScanResult, type SkipInfo } from '../detection/index';
import { isKeyStorePath } from '../detection/formats';
import type { PostureResult } from '../posture/scan-report';
import type { PostureLint } from './posture-loader';
import { FileReader } from './read';
import type { TextReader } from './read-ahead';
import type { FileError, FoundFile, WalkEntry } from './walk';

export interface FileOutcome {
  file: FoundFile;
  /** The decoded text (set when the file was scanned). */
  text?: string;
  result?: ScanResult;
  skipped?: SkipInfo;
  error?: FileError;
  /** The least-privilege lint's findings (with `posture`). */
  posture?: PostureResult[];
}

export interface PipelineOptions {
  config?: DetectionConfig;
  /** The path the config knows a file by (relative to the config's folder); default: the walk's relative path. */
  configPath?(file: FoundFile): string;
  maxBytes?: number;
  /** Also run the IaC least-privilege lint on each file read (CloudFormation, Terraform, policy JSON). */
  posture?: PostureLint;
}

/** Reads and scans each walked file in turn; lazy, so the caller decides when to pause between files. */
export function* scanEntries(
  entries: Iterable<WalkEntry>,
  options: PipelineOptions = {},
  reader: TextReader = new FileReader(options.maxBytes),
): Generator<FileOutcome> {
  for (const entry of entries) {
    const file: FoundFile = { absolute: entry.absolute, relative: entry.relative };
    const path = options.configPath ? options.configPath(file) : entry.relative;
    yield { file, ...scanOneFile(reader, entry, path, options.config, options.posture) };
  }
}

/** One file's read and scan: the step every thread of the pipeline runs. */
export function scanOneFile(
  reader: TextReader,
  entry: WalkEntry,
  configPath: string,
  config?: DetectionConfig,
  posture?: PostureLint,
): Omit<FileOutcome, 'file'> {
  if (entry.error) return { error: entry.error };
  const read = reader.read(entry.absolute, isKeyStorePath(entry.relative));
  if ('error' in read) return { error: read.error };
  if ('skipped' in read) return { skipped: read.skipped };
  const result = scanText(read.text, { path: configPath, config });
  const disabled = config?.disabledRules ?? [];
  const lint = posture ? posture(entry.relative, read.text).filter((r) => !disabled.includes(r.ruleId)) : [];
  return { text: read.text, result, skipped: result.skipped, ...(lint.length ? { posture: lint } : {}) };
}
