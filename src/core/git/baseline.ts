// Baselines (#22): the findings a repository already has, so a scan reports only new ones. An entry is keyed by
// HMAC-SHA256(key, ruleId + the value's SHA-256), never by path or line, so it survives line moves and renames,
// and the file holds no value and no plain hash of one. The key is random per baseline and stored in the file:
// it stops precomputed tables and cross-file matching, but whoever holds the baseline can still test guesses of
// a short value offline (as with any report hash) — keep baselines where the code is.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Finding } from '../detection/finding';
import { keyedHash } from '../detection/value-hash';

export const BASELINE_FORMAT = 'secrets-workbench-baseline';
export const BASELINE_VERSION = 1;

export interface BaselineReview {
  /** Looked at by a person and judged not to be a secret (a test value, a public id…). */
  notASecret: true;
  reason: string;
}

export interface BaselineEntry {
  /** hex HMAC-SHA256 under the baseline's key of `ruleId` NUL `valueHash`. */
  fingerprint: string;
  ruleId: string;
  /** Where it was first seen when written (a hint for reviewers; not part of the identity). */
  path?: string;
  commit?: string;
  reviewed?: BaselineReview;
}

export interface Baseline {
  format: typeof BASELINE_FORMAT;
  version: typeof BASELINE_VERSION;
  /** base64url HMAC key, random per baseline (see the header comment). */
  key: string;
  entries: BaselineEntry[];
}

/** A finding with where it was seen (a history finding fits). */
export interface LocatedFinding {
  finding: Finding;
  path?: string;
  commit?: string;
}

/** The baseline file cannot be used; the message never quotes its content (it may be the wrong file). */
export class BaselineError extends Error {}

export function newBaseline(): Baseline {
  return {
    format: BASELINE_FORMAT,
    version: BASELINE_VERSION,
    key: randomBytes(32).toString('base64url'),
    entries: [],
  };
}

export function baselineFingerprint(baseline: Pick<Baseline, 'key'>, finding: Finding): string {
  return keyedHash(baseline.key, `${finding.ruleId}\u0000${finding.valueHash}`);
}

/** Reads and checks a baseline file; throws BaselineError on anything unusable. Writes nothing. */
export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(`cannot read baseline ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'error')}`);
  }
  return parseBaseline(text, path);
}

/** Checks a baseline's text (`name` only labels errors); throws BaselineError on anything unusable. */
export function parseBaseline(text: string, name: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text: not repeated here
    throw new BaselineError(`baseline ${name} is not valid JSON (write one with scan --write-baseline)`);
  }
  return checked(data, name);
}

function checked(data: unknown, path: string): Baseline {
  const bad = (why: string) => new BaselineError(`baseline ${path} is not a secrets-workbench baseline: ${why}`);
  if (!isObject(data) || data.format !== BASELINE_FORMAT) throw bad(`"format" is not "${BASELINE_FORMAT}"`);
  if (data.version !== BASELINE_VERSION) {
    throw new BaselineError(
      `baseline ${path} has version ${typeof data.version === 'number' ? data.version : '(none)'}; ` +
        `this secrets-workbench reads version ${BASELINE_VERSION}`,
    );
  }
  if (typeof data.key !== 'string' || data.key.length < 16) throw bad('"key" is missing or too short');
  if (!Array.isArray(data.entries)) throw bad('"entries" is not a list');
  const entries = data.entries.map((entry: unknown, i: number): BaselineEntry => {
    if (!isObject(entry) || typeof entry.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(entry.fingerprint)) {
      throw bad(`entry ${i + 1} has no valid "fingerprint"`);
    }
    if (typeof entry.ruleId !== 'string') throw bad(`entry ${i + 1} has no "ruleId"`);
    const reviewed = entry.reviewed;
    if (reviewed !== undefined && (!isObject(reviewed) || typeof reviewed.reason !== 'string')) {
      throw bad(`entry ${i + 1}: "reviewed" needs a "reason"`);
    }
    return {
      fingerprint: entry.fingerprint,
      ruleId: entry.ruleId,
      ...(typeof entry.path === 'string' ? { path: entry.path } : {}),
      ...(typeof entry.commit === 'string' ? { commit: entry.commit } : {}),
      ...(reviewed ? { reviewed: { notASecret: true as const, reason: reviewed.reason as string } } : {}),
    };
  });
  return { format: BASELINE_FORMAT, version: BASELINE_VERSION, key: data.key, entries };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The baseline for these findings: one entry per credential (rule + value), the previous baseline's key and the
 * reviewed marks of entries still found; entries no longer found are dropped.
 */
export function baselineFor(findings: readonly (Finding | LocatedFinding)[], previous?: Baseline): Baseline {
  const baseline = previous ? { ...previous, entries: [] as BaselineEntry[] } : newBaseline();
  const reviewed = new Map(previous?.entries.filter((e) => e.reviewed).map((e) => [e.fingerprint, e.reviewed]));
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const item of findings) {
    const located: LocatedFinding = 'finding' in item ? item : { finding: item };
    const fingerprint = baselineFingerprint(baseline, located.finding);
    if (byFingerprint.has(fingerprint)) continue;
    const review = reviewed.get(fingerprint);
    byFingerprint.set(fingerprint, {
      fingerprint,
      ruleId: located.finding.ruleId,
      ...(located.path !== undefined ? { path: located.path } : {}),
      ...(located.commit ? { commit: located.commit } : {}),
      ...(review ? { reviewed: review } : {}),
    });
  }
  // sorted, so rewriting an unchanged baseline gives the same bytes (clean diffs)
  baseline.entries = [...byFingerprint.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  return baseline;
}

/** Writes the baseline for these findings (atomically: a temporary file renamed over the old one). */
export function writeBaseline(
  path: string,
  findings: readonly (Finding | LocatedFinding)[],
  previous?: Baseline,
): Baseline {
  const baseline = baselineFor(findings, previous);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(baseline, null, 2)}\n`);
  renameSync(temporary, path);
  return baseline;
}

/** Marks an entry reviewed "not a secret"; false when no entry has that fingerprint. */
export function markReviewed(baseline: Baseline, fingerprint: string, reason: string): boolean {
  const entry = baseline.entries.find((e) => e.fingerprint === fingerprint);
  if (!entry) return false;
  entry.reviewed = { notASecret: true, reason };
  return true;
}

/**
 * Where a finding stands against the baseline: 'new' (not in it), 'known' (recorded, still a credential to deal
 * with), or 'reviewed' (marked "not a secret" by a person).
 */
export function baselineStatus(baseline: Baseline): (finding: Finding) => 'new' | 'known' | 'reviewed' {
  const entries = new Map(baseline.entries.map((e) => [e.fingerprint, e]));
  return (finding) => {
    const entry = entries.get(baselineFingerprint(baseline, finding));
    return !entry ? 'new' : entry.reviewed ? 'reviewed' : 'known';
  };
}

/** True when the finding is NOT in the baseline, i.e. should be reported. */
export function createBaselineFilter(baseline: Baseline): (finding: Finding) => boolean {
  const known = new Set(baseline.entries.map((e) => e.fingerprint));
  return (finding) => !known.has(baselineFingerprint(baseline, finding));
}
