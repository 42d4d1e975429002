// Key-by-key comparison of two JSON objects. Keys are compared in sorted order and nested values by their
// key-sorted JSON, so reordering keys is never reported as a change.

export type KeyChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface KeyChange {
  key: string;
  kind: KeyChangeKind;
  from?: unknown;
  to?: unknown;
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

export function diffJsonObjects(from: Record<string, unknown>, to: Record<string, unknown>): KeyChange[] {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return keys.map((key): KeyChange => {
    const inFrom = Object.prototype.hasOwnProperty.call(from, key);
    const inTo = Object.prototype.hasOwnProperty.call(to, key);
    if (!inFrom) return { key, kind: 'added', to: to[key] };
    if (!inTo) return { key, kind: 'removed', from: from[key] };
    return canonicalJson(from[key]) === canonicalJson(to[key])
      ? { key, kind: 'unchanged', from: from[key], to: to[key] }
      : { key, kind: 'changed', from: from[key], to: to[key] };
  });
}

/** `- key: old` / `+ key: new` lines, unchanged keys as `  key: value` (only when asked). */
export function formatKeyChanges(changes: KeyChange[], options: { unchanged?: boolean } = {}): string {
  const line = (mark: string, key: string, value: unknown) => `${mark} ${key}: ${canonicalJson(value)}`;
  const lines: string[] = [];
  for (const change of changes) {
    if (change.kind === 'removed' || change.kind === 'changed') lines.push(line('-', change.key, change.from));
    if (change.kind === 'added' || change.kind === 'changed') lines.push(line('+', change.key, change.to));
    if (change.kind === 'unchanged' && options.unchanged) lines.push(line(' ', change.key, change.to));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
