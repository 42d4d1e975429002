// The one file pipeline of the CLI and the editor's workspace scan: walk, read (synchronously, one reused
// buffer), decode, scan. Each file comes out on its own, so a file that cannot be read is reported and the
// scan goes on.
import { scanText, type DetectionConfig, type ScanResult, type SkipInfo } from '../detection/index';
import { isKeyStorePath } from '../detection/formats';
import { FileReader } from './read';
import type { FileError, FoundFile, WalkEntry } from './walk';

export interface FileOutcome {
  file: FoundFile;
  /** The decoded text (set when the file was scanned). */
  text?: string;
  result?: ScanResult;
  skipped?: SkipInfo;
  error?: FileError;
}

export interface PipelineOptions {
  config?: DetectionConfig;
  /** The path the config knows a file by (relative to the config's folder); default: the walk's relative path. */
  configPath?(file: FoundFile): string;
  maxBytes?: number;
}

/** Reads and scans each walked file in turn; lazy, so the caller decides when to pause between files. */
export function* scanEntries(entries: Iterable<WalkEntry>, options: PipelineOptions = {}): Generator<FileOutcome> {
  const reader = new FileReader(options.maxBytes);
  for (const entry of entries) {
    const file: FoundFile = { absolute: entry.absolute, relative: entry.relative };
    if (entry.error) {
      yield { file, error: entry.error };
      continue;
    }
    const read = reader.read(entry.absolute, isKeyStorePath(entry.relative));
    if ('error' in read) yield { file, error: read.error };
    else if ('skipped' in read) yield { file, skipped: read.skipped };
    else {
      const path = options.configPath ? options.configPath(file) : entry.relative;
      const result = scanText(read.text, { path, config: options.config });
      yield { file, text: read.text, result, skipped: result.skipped };
    }
  }
}
