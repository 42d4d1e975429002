// Provider rules: the rule data (providers/) compiled into matchers with one judgement each — documented
// examples, placeholder marks, entropy floor, checksum, the rule's own check. Context rules live in context.ts.
import { CHECKSUMS } from './checksums';
import type { FindingConstruct, FindingSignals } from './finding';
import { structuredRules } from './providers/structured';
import { tokenRules } from './providers/tokens';
import type { Level, ProviderRuleData } from './providers/types';
import { vendorRules } from './providers/vendors';
import { isDocumentedExample, isIdentifierLike, readsLikeWords, sequentialRatio, shannonEntropy } from './value-model';

export type { Level, ProviderRuleData } from './providers/types';

export interface RuleInfo {
  id: string;
  kind: string;
  description: string;
  level: Level;
  /** Provider documentation of the credential. */
  docs?: string;
  /** Suggested secret name and JSON key for the quick fix. */
  secret?: { name: string; key: string };
}

/** What a provider rule concluded about one match. */
export interface Verdict {
  /** 0 drops the match. */
  confidence: number;
  /** Overrides the rule's level (a checksum that does not verify makes a warning). */
  level?: Level;
  /** Why the level differs, for the finding's title. */
  note?: string;
  /** Why a match was dropped, for verbose output (documented example values). */
  dropped?: string;
  signals?: FindingSignals;
}

export interface ProviderRule extends RuleInfo {
  /** Literal substrings, one of which must be on the line (case-insensitively when `folded`). */
  keywords: readonly string[];
  folded: boolean;
  /** Global regex; group `v`/`w`/`x`/`y` (or the whole match) is the secret value. */
  pattern: RegExp;
  construct: FindingConstruct;
  /** Higher wins when two findings overlap. */
  priority: number;
  judge(value: string, match: RegExpExecArray, line: string): Verdict;
}

// `=` may precede a token (KEY=value) but never follow one (base64 padding would mean a longer blob).
export const BOUNDARY_BEFORE = '(?<![A-Za-z0-9_+/-])';
export const BOUNDARY_AFTER = '(?![A-Za-z0-9_+/=-])';
const VENDOR_REACH = 40;

const DROP: Verdict = { confidence: 0 };

/** Provider bodies are random, so only unmistakable placeholder marks count (not words like "fake" by chance). */
function isProviderPlaceholder(value: string): boolean {
  return /x{5,}|X{5,}|(.)\1{7}|example|<|>|\.\.\./i.test(value) || sequentialRatio(value) > 0.5;
}

/** Default entropy floor of a random part: a little under what random text of that length reaches. */
function entropyFloor(length: number): number {
  return Math.max(1.5, Math.min(3, Math.log2(Math.max(2, length)) - 1.2));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function patternOf(data: ProviderRuleData): RegExp {
  const flags = `g${data.flags ?? ''}`;
  if (data.vendors) {
    const vendors = data.vendors.map(escapeRegex).join('|');
    return new RegExp(
      `(?<vendor>${vendors})[^\\n]{0,${VENDOR_REACH}}?${BOUNDARY_BEFORE}(?<v>${data.pattern})${BOUNDARY_AFTER}`,
      flags,
    );
  }
  if (data.boundaries === false) return new RegExp(data.pattern, flags);
  return new RegExp(`${BOUNDARY_BEFORE}(?:${data.pattern})${BOUNDARY_AFTER}`, flags);
}

/**
 * Whether a vendor's name, matched regardless of case, is a word of the text and not part of another: it starts
 * after a non-letter or at a camel-case boundary, and has no boundary inside (`sumObj` and `consumo` do not
 * name Sumo Logic; `SUMO_KEY`, `mySumoKey` and `sumologic` do).
 */
function startsAWord(vendor: string, before: string): boolean {
  if (/[a-z][A-Z]/.test(vendor)) return false;
  if (!/[A-Za-z]/.test(before)) return true;
  return /[a-z0-9]/.test(before) && /^[A-Z]/.test(vendor) && !/^[A-Z]{2}/.test(vendor);
}

/** At least two of lower/upper/digit: random values have them, words and identifiers often do not. */
function hasMixedClasses(value: string): boolean {
  return (/[a-z]/.test(value) ? 1 : 0) + (/[A-Z]/.test(value) ? 1 : 0) + (/\d/.test(value) ? 1 : 0) >= 2;
}

export function compileProviderRule(data: ProviderRuleData): ProviderRule {
  const vendor = !!data.vendors;
  const folded = (data.flags ?? '').includes('i');
  const prefixes = [...data.keywords].sort((a, b) => b.length - a.length);
  const level = data.level ?? 'error';
  const base = data.confidence ?? (vendor ? 0.8 : 0.95);
  const checksum = data.checksum ? CHECKSUMS[data.checksum] : undefined;
  const formatRun = data.formatRun ? new RegExp(data.formatRun) : undefined;
  const judge = (value: string, match: RegExpExecArray, line: string): Verdict => {
    if (isDocumentedExample(value)) return { confidence: 0, dropped: `a documented example ${data.kind}` };
    if (isProviderPlaceholder(formatRun ? value.replace(formatRun, '') : value)) return DROP;
    const prefix = vendor
      ? undefined
      : prefixes.find((p) => (folded ? value.toLowerCase().startsWith(p.toLowerCase()) : value.startsWith(p)));
    const random = prefix ? value.slice(prefix.length) : value;
    const entropy = Math.round(shannonEntropy(random) * 100) / 100;
    if (entropy < (data.entropy ?? entropyFloor(random.length))) return DROP;
    if (vendor && (!hasMixedClasses(value) || readsLikeWords(value) || isIdentifierLike(value))) return DROP;
    if (vendor && !startsAWord(match.groups?.vendor ?? '', line[match.index - 1] ?? '')) return DROP;
    let confidence = base;
    if (data.check) {
      confidence = data.check(value, match, line);
      if (!confidence) return DROP;
    }
    const signals: FindingSignals = { entropy };
    if (prefix) signals.prefix = prefix;
    if (vendor && match.groups?.vendor) signals.vendor = match.groups.vendor.toLowerCase();
    if (checksum) {
      if (checksum.verify(value)) {
        signals.checksum = 'valid';
        return { confidence: 0.99, signals };
      }
      signals.checksum = 'invalid';
      return {
        confidence: 0.5,
        level: level === 'error' ? 'warning' : level,
        note: `has the shape of ${article(data.kind)} ${data.kind} but its checksum does not verify: likely a placeholder`,
        signals,
      };
    }
    return { confidence, signals };
  };
  return {
    id: data.id,
    kind: data.kind,
    description: data.description,
    level,
    docs: data.docs,
    secret: data.secret,
    keywords: data.keywords,
    folded,
    pattern: patternOf(data),
    construct: data.construct ?? 'string-literal',
    priority: data.priority ?? (vendor ? 7 : 9),
    judge,
  };
}

export function article(word: string): string {
  return /^[aeiou]/i.test(word) && !/^(?:u[^aeiou]|one)/i.test(word) ? 'an' : 'a';
}

/** Every provider rule as data, in rule-id order of the docs: prefix tokens, structured values, vendor names. */
export const providerRuleData: readonly ProviderRuleData[] = [...tokenRules, ...structuredRules, ...vendorRules];

export const providerRules: ProviderRule[] = providerRuleData.map(compileProviderRule);

/** Multi-line rule metadata (matching is in pem.ts). */
export const privateKeyRule: RuleInfo = {
  id: 'private-key',
  kind: 'Private key',
  description:
    'A PEM (RSA, EC, DSA, PKCS#8, encrypted, any PRIVATE KEY label), OpenSSH, PGP or PuTTY (.ppk) private key.',
  level: 'error',
  docs: 'https://datatracker.ietf.org/doc/html/rfc7468',
  secret: { name: 'tls/private-key', key: 'PRIVATE_KEY' },
};

/** Whole-file and multi-line formats (matching is in formats.ts). */
export const formatRules: RuleInfo[] = [
  {
    id: 'kubernetes-secret',
    kind: 'Kubernetes Secret value',
    description: 'A value under `data:` (base64) or `stringData:` of a Kubernetes `kind: Secret` manifest.',
    level: 'error',
    docs: 'https://kubernetes.io/docs/concepts/configuration/secret/',
    secret: { name: 'kubernetes/secret', key: 'VALUE' },
  },
  {
    id: 'pkcs12-file',
    kind: 'PKCS#12 key store',
    description: 'A PKCS#12 (.p12 / .pfx) file: it usually bundles a private key with its certificate.',
    level: 'error',
    docs: 'https://datatracker.ietf.org/doc/html/rfc7292',
    secret: { name: 'tls/keystore', key: 'PKCS12' },
  },
];

/** Context rules (matching is in context.ts). */
export const contextRules: RuleInfo[] = [
  {
    id: 'aws-secret-access-key',
    kind: 'AWS secret access key',
    description:
      'A 40-character AWS secret access key assigned to an AWS-secret-like name or next to an access key ID.',
    level: 'error',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    secret: { name: 'aws/credentials', key: 'AWS_SECRET_ACCESS_KEY' },
  },
  {
    id: 'jwt-signing-secret',
    kind: 'JWT signing secret',
    description: 'A literal HMAC secret used to sign JSON Web Tokens (jwtSecret, JWT_SIGNING_KEY, …).',
    level: 'error',
    secret: { name: 'jwt/signing-secret', key: 'JWT_SECRET' },
  },
  {
    id: 'generic-password',
    kind: 'Password',
    description:
      'A literal assigned to a password-like name (password, passwd, pwd, passphrase, password2, …), also as a `KEY=value` pair inside a line, a URL query parameter or an XML element or attribute.',
    level: 'warning',
  },
  {
    id: 'generic-secret',
    kind: 'Secret',
    description: 'A high-entropy literal assigned to a secret-like name (secret, client_secret, credentials, …).',
    level: 'warning',
  },
  {
    id: 'generic-api-key',
    kind: 'API key',
    description:
      'A high-entropy literal assigned to an API-key-like name (api_key, access_key, private_key, any `<vendor>_key`, …) or to a service name alone (`{"ambee": …}`), or named by a service in free text (`Using abyssale key: …`).',
    level: 'warning',
  },
  {
    id: 'generic-token',
    kind: 'Token',
    description:
      'A high-entropy literal assigned to a token-like name (token, access_token, auth, …); pagination cursors (nextToken, pageToken) are not tokens.',
    level: 'warning',
  },
];

export const allRuleInfos: RuleInfo[] = [...providerRules, privateKeyRule, ...formatRules, ...contextRules].map(
  (r) => ({ id: r.id, kind: r.kind, description: r.description, level: r.level, docs: r.docs, secret: r.secret }),
);

const byId = new Map(allRuleInfos.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return byId.get(id);
}
