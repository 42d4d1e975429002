// Parses the explorer's filter box into Secrets Manager ListSecrets filters (applied server-side).
import type { FilterKey, SecretFilter } from '../store/types';

const prefixes: Record<string, FilterKey> = {
  name: 'name',
  tag: 'tag-key',
  'tag-key': 'tag-key',
  'tag-value': 'tag-value',
  description: 'description',
  desc: 'description',
};

/**
 * `name:prod/ tag:team` → two filters (AND-ed by the service). A word without a prefix searches all fields.
 * Returns undefined for an empty text.
 */
export function parseFilterText(text: string): SecretFilter[] | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return undefined;
  const byKey = new Map<FilterKey, string[]>();
  for (const word of words) {
    const colon = word.indexOf(':');
    const key = colon > 0 ? prefixes[word.slice(0, colon).toLowerCase()] : undefined;
    const value = key ? word.slice(colon + 1) : word;
    if (!value) continue;
    const filterKey = key ?? 'all';
    byKey.set(filterKey, [...(byKey.get(filterKey) ?? []), value]);
  }
  return byKey.size ? [...byKey].map(([key, values]) => ({ key, values })) : undefined;
}

export function describeFilter(filters: readonly SecretFilter[] | undefined): string {
  return (filters ?? []).map((f) => `${f.key}: ${f.values.join(', ')}`).join('; ');
}
