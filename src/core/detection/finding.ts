// The contract between the detection engine and its consumers (diagnostics, quick fix, CLI).
// Keep it stable: fields may be added, never removed.

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column within the line. */
  character: number;
  /** 0-based UTF-16 offset within the whole text. */
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type FindingConstruct =
  | 'string-literal'
  | 'config-value'
  | 'url-password'
  | 'connection-string-part'
  | 'private-key-block'
  | 'header-value'
  | 'comment'
  | 'other';

export type QuoteChar = '"' | "'" | '`' | '';

export interface Finding {
  /** Rule id, e.g. 'aws-secret-access-key'; documented at docs/rules.md#<ruleId>. */
  ruleId: string;
  /** Human kind, e.g. 'AWS secret access key'. */
  kind: string;
  /** Message-ready title; never contains the value. */
  title: string;
  /** Exact range of the value, without quotes. */
  range: Range;
  /** The variable / key the value is assigned to, when known. */
  name?: string;
  construct: FindingConstruct;
  /** The quoting around the value in the source when it is a literal ('' = unquoted). */
  quote?: QuoteChar;
  /** Id of a related finding (AWS key id <-> secret access key pair). */
  relatedId?: string;
  /** Stable within one scan result: derived from rule, position and value hash. */
  id: string;
  /** 0..1. */
  confidence: number;
  /** SHA-256 hex of the value, for allow-lists. Never the value. */
  valueHash: string;
  /** Provider rules match a provider-defined shape; context rules rely on the assigned name. */
  source: 'provider' | 'context' | 'custom';
}

export interface SkipInfo {
  reason: 'binary' | 'too-large' | 'minified' | 'ignored-by-config';
  detail?: string;
}

export interface ScanResult {
  findings: Finding[];
  /** Set when the whole text was not scanned. */
  skipped?: SkipInfo;
  /** 0-based lines that were not scanned because they are too long (minified data, blobs). */
  skippedLines?: number[];
}
