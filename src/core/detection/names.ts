import { tokenRules } from './providers/tokens';
import { vendorRules } from './providers/vendors';
import { AMBIGUOUS_SERVICE_NAMES, SERVICE_NAMES } from './service-names';

// Classifies the name a literal is assigned to: only the last meaningful word decides, so
// `passwordLength`, `secretName` and `tokenUrl` are not credentials while `dbPassword` is.

export type NameCategory = 'password' | 'secret' | 'api-key' | 'token' | 'aws-secret' | 'jwt-secret';

const TRAILING_NOISE = new Set([
  'prod',
  'production',
  'dev',
  'development',
  'staging',
  'stage',
  'test',
  'live',
  'sandbox',
  'local',
  'qa',
  'uat',
  'value',
  'val',
  'str',
  'string',
  'b64',
  'base64',
  'raw',
  'plain',
  'plaintext',
  'new',
  'old',
  'primary',
  'secondary',
]);

const PASSWORD_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'passcode',
  'pw',
  'pword',
  'userpass',
]);
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'signing',
  'sign',
  'encryption',
  'encrypt',
  'enc',
  'master',
  'auth',
  'app',
  'application',
  'client',
  'account',
  'shared',
  'hmac',
  'aes',
  'license',
  'service',
  'subscription',
  'webhook',
  'storage',
  'consumer',
  'crypto',
  'cipher',
  'admin',
  'root',
  'deploy',
  'developer',
  'dev',
  'server',
  'integration',
  'stripe',
  'mailgun',
  'sendgrid',
  'twilio',
  'openai',
  'anthropic',
  'github',
  'slack',
  'google',
  'maps',
  'aws',
  'azure',
  'gcp',
  'datadog',
  'algolia',
  'mapbox',
  'pusher',
  'segment',
  'sentry',
  'firebase',
  'cloudflare',
]);
const COMPOUND_KEYS = [
  'apikey',
  'accesskey',
  'secretkey',
  'privatekey',
  'signingkey',
  'authkey',
  'masterkey',
  'appkey',
  'encryptionkey',
  'clientkey',
  'licensekey',
  'accountkey',
  'sharedkey',
  'hmackey',
  'servicekey',
  'subscriptionkey',
  'adminkey',
];
const COMPOUND_TOKENS = [
  'accesstoken',
  'authtoken',
  'apitoken',
  'refreshtoken',
  'bearertoken',
  'bottoken',
  'sessiontoken',
];

/** `<x>_key` is a credential for any qualifier x (`hasura_key`, `censys_key`) except these, which name lookups. */
const NON_CREDENTIAL_KEY_QUALIFIERS = new Set(
  'primary foreign sort partition range hash cache map dict lookup row unique composite index idx public pub item list object field column config setting settings message i18n intl translation locale lang label route query state store react event group parent child next prev previous last first default data meta attr prop name id type shortcut hot keyboard press idempotency dedup dedupe lock mutex redis bucket file path order cursor page tag version schema model entity table doc node element option menu tab section nav form input component template metric feature flag experiment trace span log counter rate limit throttle queue topic channel stream shard cluster region zone namespace prefix suffix text string content error warning result sub foreign unique cell grid legend series chart color style theme class css sig signature fingerprint key site'.split(
    ' ',
  ),
);
/**
 * `nextToken`, `pageToken`, `NextContinuationToken`, `csrf_token`: cursors and anti-forgery tokens; `ChangeToken`,
 * `LifecycleActionToken`, `idempotencyToken`: tokens that make a request unique or name an action. None is a
 * credential.
 */
const NON_CREDENTIAL_TOKEN_QUALIFIERS = new Set(
  'next page continuation pagination paging cursor sync resume start marker csrf xsrf cancellation cancel continue prev previous change idempotency action'.split(
    ' ',
  ),
);

/**
 * Service names, from the provider rule data: a value assigned to a name that is just a vendor (`adafruit = "…"`,
 * `{"stripe": "…"}`) is that vendor's credential when the value model says it is random.
 */
const NOT_VENDORS = new Set(
  'api url jwt command connection authorization docker age new readme render vault teams square linear harness notion prefect octopus mistral'.split(
    ' ',
  ),
);
/** Services named by common words (service-names.ts, plus some rule vendors): only with a credential word. */
const AMBIGUOUS_SERVICES: ReadonlySet<string> = new Set([
  ...AMBIGUOUS_SERVICE_NAMES,
  ...'defined managed together fireworks voyage stability neon resend paddle'.split(' '),
]);
export const VENDOR_NAMES: ReadonlySet<string> = new Set(
  [...tokenRules, ...vendorRules]
    .flatMap((rule) => [rule.id.split('-')[0], ...(rule.vendors ?? [])])
    .filter((word) => /^[a-z0-9]+$/.test(word) && !NOT_VENDORS.has(word) && !AMBIGUOUS_SERVICES.has(word)),
);
/** Every service whose name alone names a credential: the rule vendors and the list in service-names.ts. */
export const SERVICES: ReadonlySet<string> = new Set([
  ...VENDOR_NAMES,
  ...SERVICE_NAMES.filter((name) => !AMBIGUOUS_SERVICES.has(name)),
]);

/** 'service' for a word that names a service alone, 'ambiguous' for one that needs a credential word too. */
export function serviceKind(word: string): 'service' | 'ambiguous' | undefined {
  if (SERVICES.has(word)) return 'service';
  return AMBIGUOUS_SERVICES.has(word) ? 'ambiguous' : undefined;
}

const SUFFIX_CATEGORY: Record<string, NameCategory> = { key: 'api-key', token: 'token', secret: 'secret' };

/**
 * A name made of a service and at most a credential suffix: `ambee`, `AMBEE_API`, `ambeekey`, `eleven_labs`.
 * Ambiguous services (`square`, `notion`) count only with the suffix.
 */
function serviceCategory(words: string[]): NameCategory | undefined {
  return words.length && words.length <= 3 ? joinedServiceCategory(words.join('')) : undefined;
}

/**
 * Whether an identifier names a service's credential by `serviceCategory`'s rules, without the memo of
 * `classifyName`: the context scan asks it of the word before every literal, most of them ordinary names.
 */
export function namesService(identifier: string): boolean {
  if (identifier.length < 3 || identifier.length > 48) return false;
  return joinedServiceCategory(identifier.toLowerCase().replace(/[^a-z0-9]+/g, '')) !== undefined;
}

function joinedServiceCategory(joined: string): NameCategory | undefined {
  let name = joined;
  const suffix = /(?:key|token|secret)$/.exec(name);
  if (suffix && suffix.index > 0) name = name.slice(0, suffix.index);
  let kind = serviceKind(name);
  const api = !kind && name.endsWith('api');
  if (api) kind = serviceKind(name.slice(0, -3));
  if (!kind || (kind === 'ambiguous' && !suffix && !api)) return undefined;
  return suffix ? SUFFIX_CATEGORY[suffix[0]] : 'api-key';
}

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const classified = new Map<string, NameCategory | null>();

/** Memoized: the same names recur on many lines. */
export function classifyName(rawName: string): NameCategory | undefined {
  let category = classified.get(rawName);
  if (category === undefined) {
    if (classified.size > 50_000) classified.clear();
    classified.set(rawName, (category = classify(rawName) ?? null));
  }
  return category ?? undefined;
}

function classify(rawName: string): NameCategory | undefined {
  const name = rawName.replace(/^[$@:]+/, '');
  let words = splitWords(name);
  // Only the last dotted/arrow segment names the value (config.db.password → password; password.length → length).
  while (words.length && (TRAILING_NOISE.has(words[words.length - 1]) || /^\d+$/.test(words[words.length - 1]))) {
    words = words.slice(0, -1);
  }
  if (!words.length) return undefined;
  // numbered names: password2, api_key1
  const numbered = words[words.length - 1].replace(/(?<=[a-z])\d{1,2}$/, '');
  if (numbered !== words[words.length - 1]) words = [...words.slice(0, -1), numbered];
  const last = words[words.length - 1];
  const previous = words[words.length - 2];
  const all = new Set(words);
  const joined = words.join('');

  let category: NameCategory | undefined;
  if (PASSWORD_WORDS.has(last) || /(?:password|passwd|passphrase)$/.test(last)) category = 'password';
  else if (last === 'secret' || /secret$/.test(last)) category = 'secret';
  else if (last === 'token' || COMPOUND_TOKENS.some((t) => last.endsWith(t))) {
    if (NON_CREDENTIAL_TOKEN_QUALIFIERS.has(previous) || /^(?:next|page|continuation)/.test(last)) return undefined;
    // AWS's ClientRequestToken: an idempotency key the client makes up
    if (previous === 'request' && words[words.length - 3] === 'client') return undefined;
    category = 'token';
  } else if (last === 'auth' && words.length <= 2) category = 'token';
  else if (last === 'credential' || last === 'credentials' || last === 'creds') category = 'secret';
  else if (last === 'key' && previous && KEY_QUALIFIERS.has(previous)) category = 'api-key';
  else if (last === 'key' && previous && previous.length >= 3 && !NON_CREDENTIAL_KEY_QUALIFIERS.has(previous))
    category = 'api-key';
  else if (COMPOUND_KEYS.some((k) => last.endsWith(k))) category = 'api-key';
  if (!category && words.length <= 2 && words.every((w) => VENDOR_NAMES.has(w))) category = 'api-key';
  if (!category) category = serviceCategory(words);
  if (!category) return undefined;

  if (all.has('public') || all.has('publishable') || all.has('pub')) return undefined;
  if (all.has('jwt') || ((all.has('signing') || all.has('hmac')) && category !== 'password')) return 'jwt-secret';
  if ((all.has('aws') && (category === 'secret' || category === 'api-key')) || joined.includes('secretaccesskey')) {
    return 'aws-secret';
  }
  return category;
}
