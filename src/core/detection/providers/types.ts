// The shape of one provider rule as data. Adding a provider = one entry in tokens.ts or vendors.ts, whose
// `sample` gives the synthetic positive (and, cut short, the negative twin) that the rule tests generate.
import type { ChecksumId } from '../checksums';
import type { FindingConstruct } from '../finding';

export type Level = 'error' | 'warning' | 'note';

/** Character sets of synthetic samples (and of the shape column in docs/rules.md). */
export type SampleAlphabet =
  | 'alnum'
  | 'alpha'
  | 'lower'
  | 'upper'
  | 'digit'
  | 'hex'
  | 'HEX'
  | 'lowernum'
  | 'uppernum'
  | 'base32'
  | 'b64'
  | 'b64url'
  | 'bech32'
  | 'uuid'
  /** base64 of `user:<n random characters>` (Docker `auth`, HTTP Basic). */
  | 'basic-auth';

/** A literal, or [alphabet, length] random characters. */
export type SamplePart = string | readonly [SampleAlphabet, number];

export interface ProviderRuleData {
  id: string;
  kind: string;
  description: string;
  /** Default 'error'. */
  level?: Level;
  /** Literal fragments for the prefilter: a line runs the rule only if it holds one (case-insensitively with flags 'i'). */
  keywords: readonly string[];
  /** Regex source; group `v` (else the whole match) is the value. Vendor rules give only the value's shape. */
  pattern: string;
  flags?: 'i';
  /** false: the pattern has its own boundaries (URLs); otherwise it is wrapped in token boundaries. */
  boundaries?: false;
  /** Vendor rules: one of these words must come at most 40 characters before the value (`DATADOG_API_KEY=…`). */
  vendors?: readonly string[];
  /**
   * Regex source of a run the format itself fixes (Dropbox's ten A's, the X bearer token's 22 A's): removed before
   * the placeholder check, which otherwise takes a run of one character for a placeholder.
   */
  formatRun?: string;
  /** Minimum Shannon entropy (bits per character) of the value after its literal prefix. */
  entropy?: number;
  checksum?: ChecksumId;
  /** Confidence of a match that passes every check (default 0.95, vendor rules 0.8). */
  confidence?: number;
  /** The issuer's documentation of the credential (format, rotation). */
  docs: string;
  /** What the quick fix suggests: the secret's name in the manager and the key in its JSON. */
  secret: { name: string; key: string };
  /** A synthetic value of the right shape, for tests and the docs. */
  sample: readonly SamplePart[];
  /** The negative twin, where halving the sample's longest random part still fits the format. */
  nearMiss?: readonly SamplePart[];
  /** Higher wins when findings overlap (default 9, vendor rules 7). */
  priority?: number;
  construct?: FindingConstruct;
  /** Extra judgement beyond shape, entropy and checksum: a confidence, 0 to drop. */
  check?(value: string, match: RegExpExecArray, line: string): number;
}
