// Comparing two secret versions: key by key for JSON objects, a unified diff for anything else.
import { parseJsonObject } from '../store/rotate-value';
import { diffJsonObjects, formatKeyChanges, type KeyChange } from './json-diff';
import { unifiedTextDiff } from './text-diff';

export { canonicalJson, diffJsonObjects, formatKeyChanges, type KeyChange, type KeyChangeKind } from './json-diff';
export { unifiedTextDiff } from './text-diff';

export interface VersionPayload {
  secretString?: string;
  secretBinary?: Uint8Array;
}

export type SecretDiff =
  | { kind: 'json'; changed: boolean; changes: KeyChange[]; text: string }
  | { kind: 'text'; changed: boolean; text: string }
  | { kind: 'binary'; changed: boolean; text: string };

export function diffSecretValues(
  from: VersionPayload,
  to: VersionPayload,
  labels: { from: string; to: string },
): SecretDiff {
  if (from.secretBinary !== undefined || to.secretBinary !== undefined) {
    const a = Buffer.from(from.secretBinary ?? Buffer.from(from.secretString ?? '', 'utf8'));
    const b = Buffer.from(to.secretBinary ?? Buffer.from(to.secretString ?? '', 'utf8'));
    const changed = !a.equals(b);
    const text = changed ? `Binary values differ (${a.length} bytes → ${b.length} bytes).\n` : '';
    return { kind: 'binary', changed, text };
  }
  const fromObject = parseJsonObject(from.secretString);
  const toObject = parseJsonObject(to.secretString);
  if (fromObject && toObject) {
    const changes = diffJsonObjects(fromObject, toObject);
    const changed = changes.some((c) => c.kind !== 'unchanged');
    return { kind: 'json', changed, changes, text: formatKeyChanges(changes) };
  }
  const text = unifiedTextDiff(from.secretString ?? '', to.secretString ?? '', labels);
  return { kind: 'text', changed: text !== '', text };
}
