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

/** Why a finding was made (shown in the hover and in SARIF `properties.signals`); never the value. */
export interface FindingSignals {
  /** The provider prefix the value starts with (`ghp_`). */
  prefix?: string;
  /** A format checksum that verifies, or does not (then the finding is a warning). */
  checksum?: 'valid' | 'invalid';
  /** Shannon entropy of the value's random part, bits per character. */
  entropy?: number;
  /** The credential-like name the value is assigned to. */
  name?: string;
  /** The vendor named just before the value (or, with `nearby`, elsewhere on its line or on the line before). */
  vendor?: string;
  /** A value under a bare `key`/`token` in free text: where its service (or an API) was named. */
  nearby?: 'same-line' | 'previous-line';
  /** The syntax family the file was read as (from its language, extension, shebang or content). */
  fileKind?: string;
}

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
  /** This finding's level: the rule's default, or lower when a check says why (e.g. a checksum that fails). */
  level: 'error' | 'warning' | 'note';
  /** The evidence behind `confidence`. */
  signals: FindingSignals;
  /** Set by opt-in verification (`scan --verify`, the editor's "Check whether this credential is live…"). */
  verification?: {
    status: 'live' | 'revoked' | 'unknown';
    identity?: string;
    scopes?: string[];
    reason?: string;
    host: string;
  };
}

/** A match the engine dropped on purpose, with the reason (documented example values); for verbose output. */
export interface DroppedMatch {
  ruleId: string;
  line: number;
  reason: string;
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
  /** Matches dropped on purpose, with the reason (scanText only). */
  dropped?: DroppedMatch[];
}
