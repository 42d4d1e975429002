// How secret values are shown for editing and comparing, and how an edited document becomes a value again.
// Pure functions; no value ever leaves them except as the returned text.
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parseJsonObject } from '../store/rotate-value';

/** Pretty-prints a JSON object or array value; any other text is returned as is. */
export function formatForEditing(value: string): string {
  const parsed = parseJson(value);
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null
    ? JSON.stringify(parsed.value, null, 2) + '\n'
    : value;
}

/**
 * The value to store for an edited document. A value that was compact JSON stays compact JSON (so other tools
 * that read it see the same shape); otherwise the text is stored exactly, minus the newline the editor added.
 */
export function valueFromEdited(original: string, edited: string): string {
  const before = parseJson(original);
  if (before.ok && typeof before.value === 'object' && before.value !== null) {
    const after = parseJson(edited);
    if (after.ok) return JSON.stringify(after.value);
  }
  if (formatForEditing(original) === original) return edited;
  return edited.endsWith('\n') && !original.endsWith('\n') ? edited.slice(0, -1) : edited;
}

/** Why an edited document cannot be stored as it stands: where its JSON breaks, never what it says. */
export interface InvalidJsonEdit {
  /** Offset of the first syntax error in the edited text. */
  offset: number;
  length: number;
  /** The parser's error name (e.g. "CommaExpected"): value-free. */
  problem: string;
}

/**
 * For a secret whose value is a JSON object or array (a key/value secret), an edit that is not valid JSON would
 * silently become a plain-text value that every reader parsing JSON fails on: report where it breaks.
 * Other values accept any text (undefined).
 */
export function invalidJsonEdit(original: string, edited: string): InvalidJsonEdit | undefined {
  const before = parseJson(original);
  if (!before.ok || typeof before.value !== 'object' || before.value === null) return undefined;
  if (parseJson(edited).ok) return undefined;
  const errors: ParseError[] = [];
  parseJsonc(edited, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  // JSON.parse refused what jsonc-parser accepted (e.g. a lone surrogate): point at the start.
  if (!first) return { offset: 0, length: 0, problem: 'InvalidJson' };
  return { offset: first.offset, length: first.length, problem: printParseErrorCode(first.error) };
}

/** Text for a diff: JSON with keys sorted at every depth and pretty-printed; other text unchanged. */
export function canonicalForCompare(value: string | undefined): string {
  if (value === undefined) return '';
  const parsed = parseJson(value);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return value;
  return JSON.stringify(sortKeys(parsed.value), null, 2) + '\n';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function jsonObjectKeys(value: string | undefined): string[] | undefined {
  const object = parseJsonObject(value);
  return object ? Object.keys(object) : undefined;
}

/**
 * A value-free summary of how `target` differs from `source` (for "Push/Pull" confirmations):
 * key names only, never values.
 */
export function describeValueDifference(source: string | undefined, target: string | undefined): string {
  if (source === target) return 'The values are identical.';
  if (target === undefined) return 'The target has no value yet.';
  const a = parseJsonObject(source);
  const b = parseJsonObject(target);
  if (!a || !b) return 'The values differ.';
  const added = Object.keys(a).filter((k) => !(k in b));
  const removed = Object.keys(b).filter((k) => !(k in a));
  const changed = Object.keys(a).filter((k) => k in b && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  const parts = [
    added.length && `keys added: ${added.join(', ')}`,
    removed.length && `keys removed: ${removed.join(', ')}`,
    changed.length && `keys changed: ${changed.join(', ')}`,
  ].filter(Boolean);
  return parts.length ? `${parts.join('; ')}.` : 'Only the JSON formatting differs.';
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
