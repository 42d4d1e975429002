// A value that starts with a provider's distinctive prefix but does not have that provider's format (too short,
// too long, an illegal character) is a near-miss: truncated, mistyped or made up (issue #18: "a near-miss is not a
// match for a provider rule"). Assigned to a credential name it is not reported by the generic rules either: it is
// dropped with a reason that `scan --verbose` shows, as documented example values are.
import { article, providerRules, type ProviderRule } from './rules';
import { tokenRules } from './providers/tokens';

/** Prefixes that are also ordinary words or version strings: a value starting with one says nothing. */
const WORD_LIKE = new Set(['secret_', 'API-', 'v1.0-', 'pat.', 'sat.', '1000.']);

const isDistinctive = (prefix: string): boolean =>
  !WORD_LIKE.has(prefix) &&
  prefix.length >= 4 &&
  (/[._-]$/.test(prefix) || /^[A-Z0-9]{4,}$/.test(prefix) || prefix === 'AIza');

const tokenIds = new Set(tokenRules.map((rule) => rule.id));
/** Longest first, so a near-miss is named by its most specific prefix. */
const byPrefix: readonly (readonly [string, ProviderRule])[] = providerRules
  .filter((rule) => tokenIds.has(rule.id) && !rule.folded)
  .flatMap((rule) => rule.keywords.filter(isDistinctive).map((prefix) => [prefix, rule] as const))
  .sort((a, b) => b[0].length - a[0].length);

function matchesWhole(rule: ProviderRule, value: string): boolean {
  rule.pattern.lastIndex = 0;
  for (let m = rule.pattern.exec(value); m; m = rule.pattern.exec(value)) {
    const groups = m.groups ? Object.values(m.groups).filter((g) => g !== undefined) : [];
    if (m.index === 0 && (m[0] === value || groups.includes(value))) return true;
    if (m[0].length === 0) rule.pattern.lastIndex++;
  }
  return false;
}

/** The provider rule `value` starts like but does not match, or undefined. */
export function nearMissOf(value: string): ProviderRule | undefined {
  let named: ProviderRule | undefined;
  for (const [prefix, rule] of byPrefix) {
    if (!value.startsWith(prefix)) continue;
    if (matchesWhole(rule, value)) return undefined; // the provider rule reports it
    named ??= rule;
  }
  return named;
}

/** Why a near-miss of `rule` was dropped (verbose output). */
export const nearMissReason = (rule: ProviderRule): string =>
  `starts like ${article(rule.kind)} ${rule.kind} but does not have its format: likely truncated or a placeholder`;
