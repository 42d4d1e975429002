// Decides whether a literal looks like a real credential: placeholders, references, hashes, ids and
// ordinary words are rejected; what remains is scored by entropy and character-class structure.

export interface ValueStats {
  length: number;
  entropy: number;
  classes: number;
  lower: number;
  upper: number;
  digit: number;
  symbol: number;
  /** Share of neighbouring characters that change class (lower/upper/digit/symbol). */
  transitions: number;
}

const counts = new Uint16Array(65536);

export function shannonEntropy(value: string): number {
  const n = value.length;
  if (!n) return 0;
  for (let i = 0; i < n; i++) counts[value.charCodeAt(i)]++;
  let h = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    const k = counts[c];
    if (!k) continue;
    const p = k / n;
    h -= p * Math.log2(p);
    counts[c] = 0; // count each distinct character once and leave the table clean
  }
  return h;
}

function charClass(c: number): number {
  if (c >= 97 && c <= 122) return 0;
  if (c >= 65 && c <= 90) return 1;
  if (c >= 48 && c <= 57) return 2;
  return 3;
}

export function valueStats(value: string): ValueStats {
  const counts = [0, 0, 0, 0];
  let transitions = 0;
  let previous = -1;
  for (let i = 0; i < value.length; i++) {
    const k = charClass(value.charCodeAt(i));
    counts[k]++;
    if (previous !== -1 && k !== previous) transitions++;
    previous = k;
  }
  return {
    length: value.length,
    entropy: shannonEntropy(value),
    classes: counts.filter((n) => n > 0).length,
    lower: counts[0],
    upper: counts[1],
    digit: counts[2],
    symbol: counts[3],
    transitions: value.length > 1 ? transitions / (value.length - 1) : 0,
  };
}

const PLACEHOLDER_WORDS =
  /changeme|change[_-]me|change[_-]?this|your[-_ @.]?(?:api|key|token|secret|pass|own|app|client|access|private|db|aws|login|user|email|name|account|org)|example|placeholder|replace|dummy|sample|redacted|fixme|todo|insert[_-]|enter[_-]|fake|notreal|not[_-]a[_-]real|lorem|foobar|\*\*\*|\.\.\.|<[^>]*>|\[[^\]]*\]|^(?:none|null|nil|undefined|true|false|empty|secret|password|passwd|pass|token|key|apikey|api[_-]key|admin|root|guest|-?anonymous@?|test|testing|demo|default|user|username|pwd|value|string|abc123|qwerty|letmein|hunter2|welcome|mysecret|mypassword|supersecret|s3cr3t|p@ssw0rd|passw0rd|password1|password123|secret123|123456|12345678|123456789|1234567890)$/i;

const REFERENCE =
  /\$\{|\{\{|\}\}|\$\(|%\(|#\{|<%|%>|^\$[A-Za-z_]|^%[A-Za-z_]+%$|process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv\(|System\.getenv|Environment\.GetEnvironmentVariable|ENV\[|env\(|\bvar\.|\blocal\.|\bdata\.|resolve:|secretsmanager|ssm:|vault:|op:\/\/|@Microsoft\.KeyVault|!Ref|!Sub|secretKeyRef|^arn:|^ref\+|^sm:\/\/|^projects\/[\w.*-]+\//;

/** Format templates: Python f-strings and str.format (`{user}`, `{0}`, `{}`), printf (`%s`, `%(name)s`), C# `{x}`. */
const TEMPLATE =
  /\{(?:\.?[A-Za-z_][\w.]*(?:\[[^\]]*\]|\([^(){}]*\)|\.[A-Za-z_]\w*)*(?:![rsa])?(?::[^{}]*)?|\d*)\}|%(?:\([\w.]+\))?[-+ #0]*\d*(?:\.\d+)?[sdifr](?![A-Za-z0-9])/;

/** Digits, versions and numbers with separators (`'Test2::Event::Pass' => '1.302103'`, a Perl module's version). */
const NUMBER = /^\d+(?:[.,]\d+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HASH_PREFIXED = /^(?:sha(?:1|224|256|384|512)[-:]|md5[-:]|h1:|blake2b?[-:]|xxh\w*:)/i;
/** Modular crypt format password hashes: bcrypt `$2b$12$…`, sha512-crypt `$6$…`, argon2, scrypt, Apache `$apr1$`. */
const CRYPT_HASH = /^\$(?:2[abxy]?|1|5|6|7|y|apr1|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?)\$[\w./+=$,-]{8,}$/;
const IDENTIFIER =
  /^(?:[a-z][a-z]*(?:[-_.:/][a-z]+)*|[a-z]+(?:[A-Z][a-z]+)+|[A-Z][a-z]+(?:[A-Z][a-z]+)*|[A-Z]+(?:_[A-Z]+)*|[a-z]+(?:[-_.][a-z]+)*[-_.]?v?\d{1,2})$/;
const URL_OR_PATH =
  /^(?:[a-z][a-z0-9+.-]*:\/\/|[A-Za-z]:\\)|^(?:\.{0,2}|~)\/[\w.-]*(?:\/[\w.-]*)*$|^[\w.-]+@[\w-]+\.[\w.]+$|^[\w.-]+(?:\/[\w.-]+)+\.[a-z][a-z0-9]{0,4}$/;
const PUBLIC_KEY =
  /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-|sk-ssh-|-----BEGIN (?:PUBLIC KEY|CERTIFICATE|RSA PUBLIC KEY|PGP PUBLIC))/;
const AWS_DOC_EXAMPLES = /EXAMPLE|^AKIAIOSFODNN7|^wJalrXUtnFEMI\/K7MDENG/;

/** Known documentation values published by providers; never real credentials. */
const DOCUMENTED_EXAMPLES = new Set([
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'pk_test_TYooMQauvdEDq54NiTphI7jx',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  // the jwt.io sample token
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  // the Azure Storage emulator (Azurite) development account key, published in Microsoft's docs
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  // OAuth 2.0's examples (RFC 6749: access token, refresh token, code, client credentials; RFC 6750: bearer)
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  'SplxlOBeZQQYbYS6WxSbIA',
  'czZCaGRSa3F0MzpnWDFmQmF0M2JW',
  'mF_9.B5f-4.1JqM',
  // OpenSSL 3's FIPS module integrity key: a published constant, the same in every build's fipskey.h
  'f4556650ac31d35461610bac4ed81b1a181b2d8a43ea2854cbae22ca74560813',
]);

/**
 * kebab/snake/dotted names made of word-like parts: x-aws-ec2-metadata-token, app.db.password_v2; or of any
 * letters and a few digits whose letter pairs are words' (`id-it-revPassphrase`, `enable-oslogin-2fa`,
 * `oauth2client_4_0.client.OAuth2Credentials`).
 */
function isSeparatedWords(value: string): boolean {
  const parts = value.split(/[-_.:/]+/).filter(Boolean);
  if (parts.length < 2 || !parts.every((p) => /^[A-Za-z0-9]+$/.test(p))) return false;
  const wordShaped = (p: string) =>
    /^[a-z]+\d{0,2}$/i.test(p) && (p.toLowerCase() === p || p.toUpperCase() === p || CAMEL_OR_PASCAL_WORDS.test(p));
  const wordy = parts.filter((p) => p.length >= 3 && /[aeiouy]/i.test(p)).length;
  if (parts.every(wordShaped) && wordy * 2 >= parts.length) return true;
  const digits = value.replace(/\D/g, '').length;
  return digits * 4 <= value.length && commonPairShare(value) >= 0.8;
}

/** Parts such as `Passphrase`, `secretsWorkbench`, `addVaultPassphrase`: every capital starts a word. */
const CAMEL_OR_PASCAL_WORDS = /^[A-Za-z][a-z]+(?:[A-Z][a-z]+)*\d{0,2}$/;
/** Command-line flags (`--length`, `-p`) that follow a password-like word in argument lists. */
const CLI_FLAG = /^--?[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Member access and calls, or code cut off at a quote: `self._options[` (from `x=self._options["password"]`),
 * `this.cfg.get(`, `subtle.deriveBits()`.
 */
const MEMBER_ACCESS = /^(?:(?:self|this|cls)\.[\w$.]+|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?:[[(]|\([^()"']*\)))$/;
/** A call or an index without a dot (`_GetFreshIdToken()`, `credential_data[`), when its name reads as words. */
const CALL_OR_INDEX = /^([A-Za-z_$][\w$]*)(?:[[(]|\([^()"']*\))$/;

function isCallOrIndex(value: string): boolean {
  const m = CALL_OR_INDEX.exec(value);
  return !!m && commonPairShare(m[1]) >= 0.6;
}

/**
 * Words joined in camel or Pascal case, an acronym allowed (`DBClusterSnapshots`, `LDAPSSettingsInfo`): two or
 * more words whose letter pairs are words', not a random value's.
 */
function isCasedWords(value: string): boolean {
  value = value.replace(/^_+/, ''); // a private member: _GetFreshIdToken
  if (!/^[A-Za-z]+\d{0,3}$/.test(value) || (value.match(/[A-Z][a-z]/g) ?? []).length < 2) return false;
  return commonPairShare(value) >= 0.75;
}

export function isIdentifierLike(value: string): boolean {
  return (
    IDENTIFIER.test(value) ||
    CLI_FLAG.test(value) ||
    isSeparatedWords(value) ||
    MEMBER_ACCESS.test(value) ||
    isCallOrIndex(value) ||
    isCasedWords(value)
  );
}

/** A JSON object or array literal is structure, unless one of its string leaves looks like a credential. */
function isJsonWithoutCredentials(value: string): boolean {
  if (!/^[[{]/.test(value) || !/[\]}]$/.test(value)) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return false;
  }
  const leaves: string[] = [];
  const collect = (node: unknown): void => {
    if (typeof node === 'string') leaves.push(node);
    else if (node && typeof node === 'object') Object.values(node).forEach(collect);
  };
  collect(parsed);
  return leaves.every((leaf) => scorePassword(leaf) === 0 && scoreRandomSecret(leaf) === 0);
}

/** Letters for the digits and symbols that spell them (`p4ssw0rd`, `s3cr3t`, `t3st`). */
function deLeet(value: string): string {
  return value
    .toLowerCase()
    .replace(/[4@]/g, 'a')
    .replace(/0/g, 'o')
    .replace(/3/g, 'e')
    .replace(/[1!]/g, 'i')
    .replace(/[5$]/g, 's')
    .replace(/7/g, 't');
}

const WEAK_WORDS = /passwor[dt]|passwd|secret|(?:test)+|admin/g;

/**
 * A weak word in leetspeak, with at most five digits or symbols around it: `P4ssword`, `p4ssw0rd!`,
 * `testtestt3st`. Such values are made up for tests and examples (letters around it make it a real password).
 */
function isWeakWord(value: string): boolean {
  const spelled = deLeet(value); // one character for one, so indexes agree
  let rest = '';
  let from = 0;
  for (const m of spelled.matchAll(WEAK_WORDS)) {
    rest += value.slice(from, m.index);
    from = m.index + m[0].length;
  }
  if (from === 0) return false;
  rest += value.slice(from);
  return /^[\d\W_]{0,5}$/.test(rest);
}

export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_WORDS.test(value) || isWeakWord(value)) return true;
  if (/^(.)\1+$/.test(value) || /(.)\1{5}|xxxxx|XXXXX/.test(value)) return true; // xxxxxxxx, 00000000
  if (/^[x*#.\-_•]+$/i.test(value)) return true;
  return false;
}

export function isReference(value: string): boolean {
  return REFERENCE.test(value) || TEMPLATE.test(value) || isSecretKeyReference(value);
}

/**
 * `prod/db#password`: a secret name and a JSON key, the form the project's `env` map and launch configurations
 * use to point at a secret. Both halves read as names; a password with a `#` in it does not.
 */
function isSecretKeyReference(value: string): boolean {
  const hash = value.lastIndexOf('#');
  if (hash <= 0 || hash === value.length - 1) return false;
  const name = value.slice(0, hash);
  const key = value.slice(hash + 1);
  return IDENTIFIER.test(name) && /^[A-Za-z_][\w.-]*$/.test(key) && !/\d/.test(key.replace(/\d+$/, 'x'));
}

export function isDocumentedExample(value: string): boolean {
  return DOCUMENTED_EXAMPLES.has(value) || AWS_DOC_EXAMPLES.test(value);
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function isHashOrId(value: string): boolean {
  return UUID.test(value) || HASH_PREFIXED.test(value) || CRYPT_HASH.test(value);
}

/** Share of neighbouring pairs that are consecutive code points (abcdef, 123456). */
export function sequentialRatio(value: string): number {
  let seq = 0;
  for (let i = 1; i < value.length; i++) if (Math.abs(value.charCodeAt(i) - value.charCodeAt(i - 1)) === 1) seq++;
  return value.length > 1 ? seq / (value.length - 1) : 0;
}

/**
 * The 250 most frequent letter pairs inside the words of English identifiers (counted in TypeScript's compiler):
 * 99% of the pairs in words, about a third of those in a random string.
 */
const COMMON_PAIRS = new Set(
  `on re er de te ti in at en io et st ar pe me le es nt or co od no ty ra ex fi ct ec ur yp ge ns se la si al pr na
am it pa ed ta ro il tu nd as ss ce rt ca ng th nc to cl ac an di ag rn li em ri ch un op po tr so ol is ke xp ul
ne ea ia os xt fo ou he mp ic id el om fu mb ve rs sy ts lo mo ef ig ma gn ie fa rr bo va ha cr ry ck ym pt ll hi
rc if ue us oc ut gs im ok ki nf bl fl lu ls rg ot sp oi fe vo ai ap du mi ni ab vi su ir je lt ld js sc ad pl ru
do ho be um wi qu nu au iv up bu pu bi ze iz mm cs sa gu fr ow tc cc oj da ay ey ba sh rm ly ob tt ua ip ci rd ew
wo gr wa lv pp ep yn pi cu gt ib eq og ev bj uc oo dd ui nl yw ug nn nm br sx ix nv gi wr ov xi pd ft nk ud av ee
ak ff ka eb gl sf gh wh mu dy ub ax eg ks ik bs sk ds rv ht af rk`.split(/\s+/),
);

/**
 * Share of the letter pairs inside a value's words (split at case changes and non-letters) that are common in
 * English identifiers: words score 0.8 and up, 95% of random strings under 0.56 (0 without a letter pair).
 */
export function commonPairShare(value: string): number {
  let common = 0;
  let pairs = 0;
  for (const word of value.split(/(?=[A-Z][a-z])|[^A-Za-z]+/)) {
    const lower = word.toLowerCase();
    for (let i = 1; i < lower.length; i++, pairs++) if (COMMON_PAIRS.has(lower.slice(i - 1, i + 1))) common++;
  }
  return pairs ? common / pairs : 0;
}

/**
 * A URL, a path or an e-mail address. Base64 may start with `/` and hold more: a "path" of upper and lower case
 * and digits whose letter pairs are not words' (`/wQaKsYD5iYY/I8hmyVeg35…`) is such a value, not a path.
 */
function isUrlOrPath(value: string): boolean {
  if (!URL_OR_PATH.test(value)) return false;
  const base64 = /^[A-Za-z0-9/]{24,}$/.test(value) && /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value);
  return !base64 || commonPairShare(value) >= 0.6;
}

/** Letters-only strings that read like words (vowel share near natural language, common letter pairs). */
export function readsLikeWords(value: string): boolean {
  const letters = value.replace(/[^A-Za-z]/g, '');
  if (letters.length < value.length * 0.85) return false;
  const vowels = letters.replace(/[^aeiouyAEIOUY]/g, '').length;
  const ratio = vowels / Math.max(1, letters.length);
  // words keep long lower-case runs (userPasswordReset); random mixed case flips every ~2 letters
  const runs = value.match(/[a-z]+/g) ?? [];
  const averageRun = runs.reduce((n, r) => n + r.length, 0) / Math.max(1, runs.length);
  // random mixed-case strings can pass both (long lower-case runs by chance): their letter pairs are not words'
  return ratio >= 0.3 && averageRun >= 3 && commonPairShare(value) >= 0.6;
}

/** Base64 of a sentence (`SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0=`: "Hello from Google Cloud Platform"). */
function isBase64OfProse(value: string): boolean {
  if (value.length < 16 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const text = Buffer.from(value, 'base64').toString('latin1');
  if (!/^[\x20-\x7e]+$/.test(text) || !/[a-z] [a-z]/i.test(text)) return false;
  return commonPairShare(text) >= 0.7 && text.replace(/[^a-z ]/gi, '').length >= text.length * 0.9;
}

export function isCommonRejection(value: string): boolean {
  return (
    value.length === 0 ||
    /\s/.test(value) ||
    isPlaceholder(value) ||
    isReference(value) ||
    isDocumentedExample(value) ||
    isHashOrId(value) ||
    PUBLIC_KEY.test(value) ||
    isJsonWithoutCredentials(value) ||
    isBase64OfProse(value)
  );
}

/** Confidence (0 = reject) that a value assigned to a token/secret/key-like name is a real credential. */
export function scoreRandomSecret(value: string, minLength = 16): number {
  if (value.length < minLength || value.length > 1024) return 0;
  if (isCommonRejection(value) || isIdentifierLike(value) || isUrlOrPath(value)) return 0;
  if (NUMBER.test(value) || /^\d{4}-\d{2}-\d{2}/.test(value)) return 0; // dates too
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(value) === false && /^[\x21-\x7e]+$/.test(value) === false) return 0;
  if (sequentialRatio(value) > 0.5) return 0;
  const s = valueStats(value);
  if (readsLikeWords(value)) return 0;
  const hexOnly = /^[0-9a-f]+$/i.test(value);
  const threshold = hexOnly ? 3.0 : Math.min(3.5, 2.5 + Math.log2(value.length) / 4);
  if (s.entropy < threshold) return 0;
  if (!hexOnly && s.classes < 2) {
    // lower-case-only random strings: few vowels compared with words
    // Stryker disable next-line all: equivalent, unreachable: one-class letters/digits were refused above, symbols have no vowels
    const vowels = value.replace(/[^aeiouy]/gi, '').length / value.length;
    // Stryker disable next-line all: equivalent, unreachable (see above)
    if (vowels > 0.28) return 0;
  }
  if (s.transitions < 0.15 && !hexOnly) return 0;
  let confidence = 0.55 + Math.min(0.3, (s.entropy - threshold) / 4) + (s.classes >= 3 ? 0.1 : 0);
  if (value.length >= 32) confidence += 0.05;
  return Math.min(0.95, confidence);
}

/** Confidence (0 = reject) that a value assigned to a password-like name is a real password. */
export function scorePassword(value: string): number {
  if (value.length < 6 || value.length > 256) return 0;
  if (isCommonRejection(value) || isUrlOrPath(value) || isIdentifierLike(value)) return 0;
  const s = valueStats(value);
  // a known weak word followed by digits or a symbol ("password123!") is a placeholder, not a credential
  const stem = value.replace(/[\d\W_]+$/, '').toLowerCase();
  if (stem.length >= 3 && isPlaceholder(stem)) return 0;
  if (NUMBER.test(value)) return 0;
  if (s.classes >= 3 || (s.classes === 2 && value.length >= 8 && s.transitions >= 0.1)) {
    return Math.min(0.9, 0.6 + s.classes * 0.05 + Math.min(0.15, value.length / 100));
  }
  if (value.length >= 16 && s.entropy >= 3.5) return 0.6;
  return 0;
}
