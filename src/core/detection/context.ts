// Context rules: a literal assigned to a credential-like name, across code and config syntaxes.
import { hasValidGithubStyleChecksum } from './checksums';
import type { FindingConstruct, FindingSignals, QuoteChar } from './finding';
import { freeTextMentions, type FreeTextMention } from './free-text';
import { allowsUnquotedValues, type Syntax } from './language';
import { classifyName, namesService, SERVICES, splitWords, VENDOR_NAMES, type NameCategory } from './names';
import { isPlaceholder, isUuid, scorePassword, scoreRandomSecret } from './value-model';

export interface RawFinding {
  ruleId: string;
  start: number;
  end: number;
  confidence: number;
  construct: FindingConstruct;
  source: 'provider' | 'context' | 'custom';
  priority: number;
  name?: string;
  quote?: QuoteChar;
  /** Set when it differs from the rule's default level. */
  level?: 'error' | 'warning' | 'note';
  /** Why the level differs (goes into the title). */
  note?: string;
  signals?: FindingSignals;
}

/** Cheap gate: context rules only run on lines containing one of these (lower-cased) fragments. */
/**
 * Lower-case fragments of the credential-like names context rules look for. The prefilter only passes lines
 * holding one of them to the context rules, and the same list says which literals have a name worth reading.
 */
const NAME_FRAGMENTS = [
  'pass', 'pw', 'secret', 'token', 'key', 'cred', 'auth', 'jwt', 'login', 'logon', 'signin', 'sign_in', 'connect',
  'mysql',
]; // prettier-ignore
/** Vendors with a provider rule: `{"adafruit": "…"}` names a credential by its service alone. */
const VENDOR_FRAGMENTS = [...VENDOR_NAMES].filter((v) => !NAME_FRAGMENTS.some((f) => v.includes(f)));
/** The context keywords of source code. */
export const CODE_CONTEXT_FRAGMENTS: readonly string[] = [...NAME_FRAGMENTS, ...VENDOR_FRAGMENTS];
/**
 * Other files (config, logs, text) add the other service names (service-names.ts): `{"ambee": "…"}`,
 * `abyssale …`. Only there: hundreds more keywords make the prefilter's automaton several times larger, and
 * slower on every character, while code names most credentials with a name fragment anyway. And only names of
 * five letters or more: shorter ones (`luno`, `juro`) would make too many lines candidates, and still count on
 * lines with a name fragment (`luno_api_key`, `luno key: …`). Ambiguous names (`notion_api`) count on such lines
 * only: as keywords with `api` they would add hundreds more states to build on every start.
 */
export const CONTEXT_FRAGMENTS: readonly string[] = [
  ...CODE_CONTEXT_FRAGMENTS,
  ...[...SERVICES].filter((v) => !VENDOR_NAMES.has(v) && v.length >= 5 && !NAME_FRAGMENTS.some((f) => v.includes(f))),
];

const NAME = String.raw`[:@$]?[A-Za-z_$][\w$-]*(?:(?:\.|->|::)[A-Za-z_$][\w$-]*)*|"[^"\n]{1,80}"|'[^'\n]{1,80}'`;
// `:=` (Go), `::=` / `:::=` / `?=` / `+=` (Makefiles), `.=` (PHP), `<-` (R)
const OPS = String.raw`(?::{1,3}=|===?|!==?|=>|:|=|\|\|=|\?\?=|\?=|\+=|\.=|<-)`;
const NAME_START = String.raw`(?:^|[^\w$.@:'"-])`;
// `name: Type =` (TS, Kotlin, Rust, Swift) and Go's `var name string =` before the plain `name =` form
const TYPED_BEFORE = new RegExp(String.raw`${NAME_START}(${NAME})\s*:\s*&?(?:'static\s+)?[\w<>\[\].?]+\s*=\s*$`);
const GO_TYPED_BEFORE = new RegExp(String.raw`${NAME_START}(${NAME})\s+(?:string|\[\]byte)\s*=\s*$`);
const CSHARP_PROPERTY_BEFORE = new RegExp(
  String.raw`${NAME_START}(${NAME})\s*\{\s*get;\s*(?:(?:private\s+)?(?:set|init);\s*)?\}\s*=\s*$`,
);
const DEFINE_BEFORE = /^\s*#\s*define\s+([A-Za-z_]\w*)\s+$/;
const ASSIGN_BEFORE = new RegExp(String.raw`${NAME_START}(${NAME})\s*${OPS}\s*$`);
const INDEX_BEFORE = /\[\s*["'`]([^"'`\n]{1,80})["'`]\s*\]\s*(?::=|=)\s*$/;
const SETTER_BEFORE = /(?:^|[^\w$])((?:set|with|use|put|add)?[A-Za-z_$][\w$]*)\s*\(\s*$/;
// `put("db.password", "…")`, `Setenv("API_TOKEN", "…")`: a call's first argument names the second (never free
// text, nor a list: `'KEYPASSWD', 'KRB4LEVEL'` are two names)
const PAIR_BEFORE = /\(\s*["'`]([A-Za-z_][\w.:-]{0,79})["'`]\s*,\s*$/;
const CALL_VERBS = new Set(
  'get fetch load read find has is check validate verify hash encode decode parse create generate refresh revoke delete remove request ensure acquire issue sign compare to from log print mask encrypt decrypt store save update reset rotate exchange introspect'.split(
    ' ',
  ),
);

const UNQUOTED =
  /^\s*(?:-\s+)?(?:export\s+|ENV\s+|ARG\s+|set\s+|declare\s+(?:-x\s+)?|readonly\s+|local\s+)?(\$?[A-Za-z_][\w.-]*|"[^"]+"|'[^']+')\s*(?:=|:(?=\s|$))[ \t]*(?=[^\s"'`#;|>&*!{[])/;
const DOCKER_ENV_SPACE = /^\s*ENV\s+([A-Za-z_]\w*)\s+([^\s=]+)\s*$/;
const XML_ELEMENT = /<([A-Za-z_][\w.:-]*)(?:\s[^>]*)?>([^<]+)<\/\1>/g;
const XML_KEY_VALUE = /\b(?:key|name)\s*=\s*"([^"]+)"\s+value\s*=\s*"([^"]*)"/g;
const XML_NAMED_ELEMENT = /<[\w.:-]+\s+(?:key|name)\s*=\s*"([^"]+)"\s*>([^<]+)</g;
// `#define` is a C preprocessor line and `//registry.npmjs.org/:_authToken=` an .npmrc key, not comments
const COMMENT_LINE = /^\s*(?:\/\/(?![\w-]+(?:\.[\w-]+)+(?::\d+)?\/)|#(?!!|define\s)|\*|\/\*|--|<!--|;|REM\b)/;
// The other service names are not in this (a regex of hundreds of alternatives is slow on every literal's
// window): `serviceNameBefore` checks the one word before the literal instead.
const NAME_HINT = new RegExp([...CODE_CONTEXT_FRAGMENTS, 'value', 'default'].join('|'), 'i');
/** The lines before the scanned one, nearest first; computed on first use, since most lines never need them. */
export interface LinesBefore {
  /** Up to CONTEXT_LINES lines, nearest first. */
  get(): readonly string[];
  /** The nearest line only (cheaper: most checks look no further). */
  previous(): string | undefined;
}

const NO_LINES_BEFORE: LinesBefore = { get: () => [], previous: () => undefined };

function continuesFrom(previous: string | undefined): boolean {
  return previous !== undefined && continuesOnNextLine(previous);
}

/** Whether a line ends like `name =`, `name:` or `=>`, so its assignment continues on the next line. */
export function continuesOnNextLine(line: string): boolean {
  let i = line.length - 1;
  while (i >= 0 && (line[i] === ' ' || line[i] === '\t' || line[i] === '\r')) i--;
  if (i < 0) return false;
  const c = line[i];
  if (c === ':') return true;
  // `name: |`, `name: >-`, `name: |2` (YAML block scalars) and `<apiToken>` (an element whose text is below)
  if (c === '>') return line[i - 1] === '=' || BLOCK_SCALAR_NAME.test(line) || XML_OPEN_TAG.test(line);
  if (c === '|' || c === '-' || c === '+' || (c >= '0' && c <= '9')) return BLOCK_SCALAR_NAME.test(line);
  if (c !== '=') return false;
  const p = line[i - 1];
  return p !== undefined && p !== '=' && p !== '!' && p !== '<' && p !== '>';
}

/** `name: |` / `name: >-` (a YAML block scalar: the value is on the next line). */
const BLOCK_SCALAR_NAME = /^\s*-?\s*([A-Za-z_][\w.-]*|"[^"]+"|'[^']+')\s*:\s*[|>][-+]?\d?\s*$/;
/** A line that only opens an element (`<apiToken>`): its text is on the next line. */
const XML_OPEN_TAG = /^\s*<([A-Za-z_][\w.:-]*)(?:\s[^<>]*)?>\s*$/;
/** A line holding only one bare value (the body of a block scalar or an element). */
const BARE_VALUE = /^\s+([^\s<>"'`#;]+)\s*$/;
/** `parent:` alone on a YAML line: `key:` below it is `parent_key`. */
const YAML_PARENT = /^(\s*)-?\s*([A-Za-z_][\w-]*):\s*$/;

const CHECKSUMMED_SHAPE = /^(?:gh[pousr]|npm)_[A-Za-z0-9]{36}$/;
const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;
const AWS_SECRET_ANYWHERE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

const RULE_FOR: Record<NameCategory, { ruleId: string; priority: number }> = {
  password: { ruleId: 'generic-password', priority: 4 },
  secret: { ruleId: 'generic-secret', priority: 4 },
  'api-key': { ruleId: 'generic-api-key', priority: 4 },
  token: { ruleId: 'generic-token', priority: 4 },
  'aws-secret': { ruleId: 'aws-secret-access-key', priority: 8 },
  'jwt-secret': { ruleId: 'jwt-signing-secret', priority: 5 },
};

export function isCommentLine(line: string): boolean {
  return COMMENT_LINE.test(line);
}

export function cleanName(name: string): string {
  return name.replace(/^["'`]|["'`]$/g, '').replace(/^[$@:]+/, '');
}

const SPACE = /\s/;

const STRING_PREFIX_CHARS = 'rRbBuUfF@$';

/** Drops a string literal's prefix (`r`, `b`, `f`, `@`, `$`, `r#` …) from the end of the text before it. */
export function withoutStringPrefix(before: string): string {
  let end = before.length;
  while (end > 0 && before.charCodeAt(end - 1) === 35 /* # */) end--;
  let start = end;
  while (start > end - 2 && start > 0 && STRING_PREFIX_CHARS.includes(before[start - 1])) start--;
  return start < end ? before.slice(0, start) : before;
}

/** The identifier that ends just before `end` (spaces between allowed), as in `name (`. */
export function identifierBefore(line: string, end: number): string | undefined {
  let last = end - 1;
  while (last >= 0 && SPACE.test(line[last])) last--;
  let start = last + 1;
  while (start > 0 && IDENTIFIER_PART.test(line[start - 1])) start--;
  while (start <= last && !IDENTIFIER_START.test(line[start])) start++;
  return start <= last ? line.slice(start, last + 1) : undefined;
}

const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[\w$]/;

/** Whether the word just before a literal (`{"ambee": `, `AMBEE_API = `) names a service's credential. */
function serviceNameBefore(line: string, quoteAt: number): boolean {
  let end = quoteAt;
  while (end > 0 && ' \t:=>(,"\'`'.includes(line[end - 1])) end--;
  let start = end;
  while (start > 0 && IDENTIFIER_PART.test(line[start - 1])) start--;
  return start < end && namesService(line.slice(start, end));
}

/** Index of the last character of `text` that `\s` does not match (-1 if none). */
function lastNonSpace(text: string): number {
  let i = text.length - 1;
  while (i >= 0 && SPACE.test(text[i])) i--;
  return i;
}

/** The name a value starting at `valueStart` (its opening quote, if any) is assigned to. */
export function nameBefore(line: string, valueStart: number): string | undefined {
  const before = withoutStringPrefix(line.slice(Math.max(0, valueStart - 160), valueStart));
  // every form below ends in an operator, `,` or `(` before optional spaces: the last other character
  // picks the few that can match, so most literals skip the end-anchored regexes (slow on long lines)
  const lastAt = lastNonSpace(before);
  const last = lastAt < 0 ? 0 : before.charCodeAt(lastAt);
  let m: RegExpExecArray | null = null;
  if (last === 61 /* = */) {
    m =
      TYPED_BEFORE.exec(before) ??
      GO_TYPED_BEFORE.exec(before) ??
      CSHARP_PROPERTY_BEFORE.exec(before) ??
      ASSIGN_BEFORE.exec(before) ??
      INDEX_BEFORE.exec(before);
  } else if (last === 58 /* : */ || last === 62 /* > */ || (last === 45 /* - */ && before[lastAt - 1] === '<'))
    m = ASSIGN_BEFORE.exec(before);
  else if (last === 44 /* , */) m = PAIR_BEFORE.exec(before);
  else if (last !== 40 /* ( */ && before.includes('define')) m = DEFINE_BEFORE.exec(before);
  if (m) return cleanName(m[1]);
  const setter = last === 40 /* ( */ ? SETTER_BEFORE.exec(before) : null;
  if (setter) {
    const name = setter[1];
    // setters and builders name their argument (setPassword("…"), .apiKey("…")); getToken("…") or hashPassword("…") do not
    if (/^(?:set|with|use|put|add)[A-Z_]/.test(name)) return name;
    const words = splitWords(name);
    if (words.length && !CALL_VERBS.has(words[0])) return name;
  }
  return undefined;
}

/** The name of the literal (or unquoted config value) that contains [start, end) — for provider findings. */
export function enclosingName(line: string, start: number, end: number): string | undefined {
  for (const lit of literalsOf(line)) {
    if (lit.start <= start && end <= lit.end) return nameBefore(line, lit.quoteAt);
    if (lit.start > start) break;
  }
  const m = UNQUOTED.exec(line);
  if (m && m.index + m[0].length <= start) return cleanName(m[1]);
  return nameBefore(line, start);
}

const SHORT_SECRET = /^(?=[^\d]*\d)(?=[^A-Za-z]*[A-Za-z])[\w!@#$%^&*+=~-]{8,15}$/;

/** Scores a value for a name category; returns the rule and confidence or undefined. */
export function judge(
  category: NameCategory,
  value: string,
): { ruleId: string; priority: number; confidence: number } | undefined {
  const rule = RULE_FOR[category];
  // A GitHub/npm-shaped value whose checksum fails is a made-up token, whatever it is assigned to.
  if (CHECKSUMMED_SHAPE.test(value) && !hasValidGithubStyleChecksum(value, 4)) return undefined;
  // a UUID under a token, secret or key name: many services issue UUID keys (never a password, nor an *_id name);
  // all-zero and repeated-digit UUIDs are placeholders
  if (category !== 'password' && isUuid(value) && !isPlaceholder(value)) return { ...rule, confidence: 0.6 };
  let confidence: number;
  switch (category) {
    case 'password':
      confidence = scorePassword(value);
      break;
    case 'aws-secret':
      confidence = AWS_SECRET_SHAPE.test(value) ? scoreRandomSecret(value, 40) && 0.95 : 0;
      if (!confidence) return judge('secret', value);
      break;
    case 'jwt-secret':
      confidence = Math.max(scoreRandomSecret(value, 16), scorePassword(value) * 0.9);
      break;
    case 'secret':
      // a secret may be short and chosen like a password (`client_secret: "4v7b9n2k5h"`): less sure then; letters
      // and digits, without a path's, a name's or a call's punctuation (`app/db-Ab12Cd`, `fromIni()`)
      confidence = scoreRandomSecret(value, 16) || (SHORT_SECRET.test(value) ? scorePassword(value) * 0.85 : 0);
      break;
    case 'api-key':
    case 'token':
      confidence = scoreRandomSecret(value, 16);
  }
  return confidence > 0 ? { ...rule, confidence } : undefined;
}

interface Literal {
  quoteAt: number;
  start: number;
  end: number;
  quote: QuoteChar;
}

const QUOTE = /["'`]/g;

/** String literals on one line (quote-aware, with backslash escapes; unterminated ones are ignored). */
export function literalsOf(line: string): Literal[] {
  const out: Literal[] = [];
  // jump between quotes with native searches: most of a line is outside literals, or inside long ones
  QUOTE.lastIndex = 0;
  for (let m = QUOTE.exec(line); m; m = QUOTE.exec(line)) {
    const i = m.index;
    const quote = m[0] as QuoteChar;
    let j = line.indexOf(quote, i + 1);
    while (j >= 0 && isEscaped(line, i + 1, j)) j = line.indexOf(quote, j + 1);
    if (j < 0) continue; // an apostrophe or lifetime ('static), not a literal
    out.push({ quoteAt: i, start: i + 1, end: j, quote });
    QUOTE.lastIndex = j + 1;
  }
  return out;
}

/** Whether the character at `at` follows an odd run of backslashes that starts at or after `from`. */
function isEscaped(line: string, from: number, at: number): boolean {
  let k = at - 1;
  while (k >= from && line.charCodeAt(k) === 92) k--;
  return (at - 1 - k) % 2 === 1;
}

const AUTH_SCHEME = /^(?:Bearer|Basic|Token|token|bearer)\s+(?=\S+$)/;

function push(
  out: RawFinding[],
  name: string,
  value: string,
  start: number,
  construct: FindingConstruct,
  quote: QuoteChar,
  length = value.length,
) {
  const category = classifyName(name);
  if (!category) return;
  // `auth_token: "Bearer …"`: the credential is what follows the scheme
  const scheme = AUTH_SCHEME.exec(value);
  if (scheme) {
    start += scheme[0].length;
    value = value.slice(scheme[0].length);
    length = value.length;
    construct = 'header-value';
  }
  const verdict = judge(category, value);
  if (!verdict) return;
  out.push({ ...verdict, start, end: start + length, construct, source: 'context', name, quote });
}

/**
 * `"abc" + "def"` (JS, Java, C#), `"abc" "def"` (Python, C), `'abc' . 'def'` (PHP): the literals from `first` on,
 * joined, when at least two are concatenated; `end` is just past the last closing quote.
 */
function concatenated(line: string, literals: Literal[], first: number): { value: string; end: number } | undefined {
  let value = line.slice(literals[first].start, literals[first].end);
  let last = first;
  while (
    last + 1 < literals.length &&
    CONCAT_OPERATOR.test(line.slice(literals[last].end + 1, literals[last + 1].quoteAt))
  )
    value += line.slice(literals[++last].start, literals[last].end);
  return last > first ? { value, end: literals[last].end + 1 } : undefined;
}

const WORD_ENDS_AT_SPACE = new Set<Syntax>(['shell', 'env', 'dockerfile']);
// `- name: X` (YAML) and `"name": "X",` (JSON) before a `value` line
const LIST_ITEM_NAME = /^\s*-?\s*["']?name["']?\s*:\s*["']?([A-Za-z_][\w.-]*)["']?\s*,?\s*$/;

const HCL_VARIABLE = /^\s*variable\s+"([\w-]+)"/;
const WRAPPED_LITERAL = /^\s*(?:[rRbBuUfF@$]{0,2})["'`]/;
const CREDENTIAL_CALL =
  /(?:^|[.:])(?:login|log_in|logon|signin|sign_in|authenticate|auth|plainauth|getconnection|connect|networkcredential|basicauth|httpbasicauth|usernamepasswordcredentials|usernamepasswordauthenticationtoken|passwordauthentication|setcredentials)$/i;
// `[DEBUG] Using API_KEY=…`, `?apikey=…&access_token=…`: a credential-like name = value inside a line
// (also `name=\"…\"` inside another string literal, as in a JAAS config string)
const EMBEDDED_PAIR = /(?<![\w.$@/-])([A-Za-z_][\w.-]{0,60}[A-Za-z0-9])=(\\?["']?)([^\s"'`&;,()<>\\]{6,256})\2/g;
const QUERY_PARAMETER = /[?&;]([A-Za-z_][\w.-]{0,40})=([^&#;\s"'`<>()[\]{}\\|]{6,256})/g;
const XML_ATTRIBUTE = /\s([A-Za-z_][\w.:-]*)\s*=\s*(["'])([^"'<>\n]*)\2/g;
// `Name Value` directives (Apache-style config, TruffleHog-style "LicenseKey X")
const DIRECTIVE = /^\s*([A-Za-z_][\w.-]*)[ \t]+([^\s=:"'`]{16,256})\s*$/;
const CONCAT_OPERATOR = /^\s*(?:\+|\.|\s)\s*$/;
const CLI_SECRET_FLAG =
  /(?:^|\s)--(password|passwd|pass|token|api-key|apikey|secret|client-secret|auth-token)(?:=|\s+)(["']?)([^\s"'`]+)\2/g;
// .netrc / _netrc: `machine host login user password …` (also `default login … password …`)
const NETRC_ENTRY = /(?:^|\s)login\s+\S+\s+password\s+(\S+)/;
const MYSQL_PASSWORD_FLAG = /\bmysql(?:dump|admin|sh)?\b.*?\s-p(["']?)([^\s"'`]+)\1/;

/**
 * Names that live on earlier lines: `- name: DB_PASSWORD` / `value: …` (Kubernetes env, CI variables) and
 * HCL `variable "db_password" { … default = … }`.
 */
function resolveName(name: string, before: LinesBefore, line = '', yaml = false): string {
  if (name === 'value') {
    const previous = before.previous();
    return previous === undefined ? name : (LIST_ITEM_NAME.exec(previous)?.[1] ?? name);
  }
  if (name === 'key' && yaml) {
    // `stripe:` ⏎ `  key: …` — a bare `key` is named by its parent mapping
    const indent = /^\s*/.exec(line)![0].length;
    for (const earlier of before.get()) {
      const m = YAML_PARENT.exec(earlier);
      if (m && m[1].length < indent) return `${m[2]}_key`;
      if (/^\s*$/.test(earlier) || /^\s*/.exec(earlier)![0].length < indent) break;
    }
  }
  if (name === 'default') {
    for (const line of before.get()) {
      const m = HCL_VARIABLE.exec(line);
      if (m) return m[1];
      if (line.includes('}')) break;
    }
  }
  return name;
}

/** The call a literal is an argument of, and its argument index, when the call opens on this line. */
function enclosingCall(line: string, quoteAt: number): { callee: string; index: number } | undefined {
  let depth = 0;
  let commas = 0;
  for (let i = quoteAt - 1; i >= 0; i--) {
    const c = line[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) {
        if (c !== '(') return undefined;
        const callee = identifierBefore(line, i);
        return callee ? { callee, index: commas } : undefined;
      }
      depth--;
    } else if (c === ',' && depth === 0) commas++;
    else if (c === '"' || c === "'" || c === '`') {
      const open = line.lastIndexOf(c, i - 1);
      if (open < 0) return undefined;
      i = open;
    }
  }
  return undefined;
}

function hasQuote(line: string): boolean {
  return line.includes('"') || line.includes("'") || line.includes('`');
}

/** Credential-like `name=value` pairs anywhere in a line: log lines, URLs' query parameters, XML attributes. */
function scanEmbedded(line: string, out: RawFinding[]): void {
  if (line.includes('=')) {
    for (const re of [EMBEDDED_PAIR, QUERY_PARAMETER]) {
      re.lastIndex = 0;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        const value = re === EMBEDDED_PAIR ? m[3] : m[2];
        const quote = (re === EMBEDDED_PAIR ? m[2] : '') as QuoteChar;
        // `token=_GetFreshIdToken(), …`: a call's result, not a value
        if (!quote && line[m.index + m[0].length] === '(') continue;
        const start = m.index + m[0].length - value.length - quote.length;
        push(out, m[1], value, start, re === QUERY_PARAMETER ? 'url-password' : 'other', quote);
      }
    }
  }
  if (line.includes('<') && line.includes('=')) {
    XML_ATTRIBUTE.lastIndex = 0;
    for (let m = XML_ATTRIBUTE.exec(line); m; m = XML_ATTRIBUTE.exec(line)) {
      if (!m[3]) continue;
      const start = m.index + m[0].length - 1 - m[3].length;
      if (line.lastIndexOf('<', start) > line.lastIndexOf('>', start))
        push(out, m[1], m[3], start, 'config-value', m[2] as QuoteChar);
    }
  }
}

// `# API_TOKEN=…`, `// const apiKey = "…";`: an assignment commented out, the whole comment
const COMMENTED_ASSIGNMENT =
  /^\s*(?:#|\/\/|--|;)\s*(?:export\s+|const\s+|let\s+|var\s+)?([A-Za-z_][\w.-]{0,60})\s*(?:=|:=|:)\s*(["'`]?)([^\s"'`]{16,256})\2\s*[;,]?\s*$/;

/** A commented-out assignment: only values random enough for a key or token (no password-like words). */
function scanCommentedAssignment(line: string, out: RawFinding[]): void {
  const m = COMMENTED_ASSIGNMENT.exec(line);
  if (!m || !scoreRandomSecret(m[3], 16)) return;
  push(out, m[1], m[3], m.index + m[0].lastIndexOf(m[3]), 'comment', m[2] as QuoteChar);
}

/** Whether a space, `:` or `=` occurs in [from, to). */
function separatorBefore(line: string, from: number, to: number): boolean {
  for (const c of ' :=') {
    const at = line.indexOf(c, from);
    if (at >= 0 && at < to) return true;
  }
  return false;
}

/** Values in free text named by a service (free-text.ts); in code only within a string literal, with their label. */
function scanFreeText(line: string, syntax: Syntax, literals: Literal[], before: LinesBefore, out: RawFinding[]) {
  const comment = isCommentLine(line);
  let mentions: FreeTextMention[];
  if (syntax !== 'code' || comment) mentions = freeTextMentions(line, before);
  else {
    mentions = [];
    // literals with room for a label, a separator and a 16-character value after it
    for (const lit of literals)
      if (lit.end - lit.start >= 19 && separatorBefore(line, lit.start + 1, lit.end - 16))
        freeTextMentions(line, before, lit.start, lit.end, mentions);
  }
  for (const m of mentions) {
    const verdict = judge(m.category, line.slice(m.start, m.end));
    if (!verdict) continue;
    const signals: FindingSignals = {};
    if (m.vendor) signals.vendor = m.vendor;
    if (m.nearby) signals.nearby = m.nearby;
    out.push({
      ...verdict,
      // named by the text around it rather than by an assignment: a little less sure
      confidence: Math.round(verdict.confidence * 90) / 100,
      start: m.start,
      end: m.end,
      construct: comment ? 'comment' : syntax === 'code' ? 'string-literal' : 'other',
      source: 'context',
      quote: m.quote,
      signals,
    });
  }
}

// a name's operator and an opening quote inside a literal: `"password: '…'"`, `"{ \\"token\\": \\"…\\" }"`
const PAIR_INSIDE = /[:=]\s*\\*["'`]/;

/** A literal's text with backslash escapes undone, and where each of its characters (and its end) came from. */
function unescaped(line: string, lit: Literal): { text: string; at: number[] } {
  let text = '';
  const at: number[] = [];
  for (let i = lit.start; i < lit.end; i++) {
    if (line.charCodeAt(i) === 92 && i + 1 < lit.end) i++;
    text += line[i];
    at.push(i);
  }
  at.push(lit.end);
  return { text, at };
}

/**
 * Pairs written inside a string literal: config or JSON held in code (`"password: '…'"`, an escaped JSON
 * document). Each is reported where it sits in the line, unless the line's own scan already covers it; as text
 * inside a literal (`other`), it has no quotes of its own for a fix to replace.
 */
function scanInsideLiterals(line: string, literals: Literal[], out: RawFinding[]): void {
  for (const lit of literals) {
    if (lit.end - lit.start < 12) continue;
    const content = line.slice(lit.start, lit.end);
    if (!PAIR_INSIDE.test(content) || !NAME_HINT.test(content)) continue;
    const { text, at } = unescaped(line, lit);
    const inner: RawFinding[] = [];
    scanContextLine(text, 'json', inner, NO_LINES_BEFORE, true);
    for (const f of inner) {
      const start = at[f.start];
      const end = at[f.end - 1] + 1;
      if (out.some((o) => o.start < end && start < o.end)) continue;
      out.push({ ...f, start, end, construct: 'other', quote: '' });
    }
  }
}

/** `nested`: the line is a literal's content, whose own literals are not searched again. */
export function scanContextLine(
  line: string,
  syntax: Syntax,
  out: RawFinding[],
  before: LinesBefore = NO_LINES_BEFORE,
  nested = false,
): void {
  // in code, names are only assigned quoted literals; AWS key pairs are the one unquoted form
  if (syntax === 'code' && !hasQuote(line) && !line.includes('AKIA') && !line.includes('ASIA')) return;
  if (isCommentLine(line)) {
    scanCommentedAssignment(line, out);
    scanFreeText(line, syntax, [], before, out);
    return;
  }
  const configSyntax = syntax !== 'code' && syntax !== 'shell';
  const construct: FindingConstruct = configSyntax ? 'config-value' : 'string-literal';
  const literals = literalsOf(line);
  scanFreeText(line, syntax, literals, before, out);
  for (const lit of literals) {
    if (lit.end - lit.start < 6) continue;
    // the name (or credential call) sits just before the literal; most literals have no keyword there
    const window = line.slice(Math.max(0, lit.quoteAt - 120), lit.quoteAt);
    if (
      !NAME_HINT.test(window) &&
      !serviceNameBefore(line, lit.quoteAt) &&
      !(lit === literals[0] && continuesFrom(before.previous()))
    )
      continue;
    const value = line.slice(lit.start, lit.end);
    let name = nameBefore(line, lit.quoteAt);
    // `const apiKey =` ⏎ `'…';` — formatters wrap long assignments
    if (!name && lit === literals[0] && WRAPPED_LITERAL.test(line) && continuesFrom(before.previous())) {
      const previous = before.previous()!.trimEnd();
      name = nameBefore(`${previous} `, previous.length + 1);
    }
    const resolved = name && resolveName(name, before, line, syntax === 'yaml');
    if (resolved && classifyName(resolved)) {
      const joined = concatenated(line, literals, literals.indexOf(lit));
      if (joined) push(out, resolved, joined.value, lit.quoteAt, construct, '', joined.end - lit.quoteAt);
      else push(out, resolved, value, lit.start, construct, lit.quote);
      continue;
    }
    // positional credentials: login("user", "…"), new NetworkCredential("svc", "…"), PlainAuth("", u, "…", h)
    const call = enclosingCall(line, lit.quoteAt);
    if (call && call.index >= 1 && CREDENTIAL_CALL.test(call.callee)) {
      const confidence = scorePassword(value);
      if (confidence > 0) {
        out.push({
          ruleId: 'generic-password',
          priority: 4,
          confidence: confidence * 0.9,
          start: lit.start,
          end: lit.end,
          construct,
          source: 'context',
          quote: lit.quote,
        });
      }
    }
  }
  if (!nested) scanInsideLiterals(line, literals, out);
  scanEmbedded(line, out);
  {
    CLI_SECRET_FLAG.lastIndex = 0;
    for (let m = CLI_SECRET_FLAG.exec(line); m; m = CLI_SECRET_FLAG.exec(line)) {
      const start = m.index + m[0].length - m[3].length - m[2].length;
      push(out, m[1], m[3], start, 'other', (m[2] || '') as QuoteChar);
    }
    const netrc = line.includes('login') ? NETRC_ENTRY.exec(line) : null;
    if (netrc) push(out, 'password', netrc[1], netrc.index + netrc[0].length - netrc[1].length, 'config-value', '');
    const mysql = MYSQL_PASSWORD_FLAG.exec(line);
    if (mysql) {
      const start = mysql.index + mysql[0].length - mysql[2].length - mysql[1].length;
      push(out, 'password', mysql[2], start, 'other', (mysql[1] || '') as QuoteChar);
    }
  }
  if (allowsUnquotedValues(syntax)) {
    const m = UNQUOTED.exec(line);
    if (m) {
      // shell-like syntaxes end a bare word at whitespace; YAML/INI/properties values run to the line end
      // (or a space-preceded comment), and values with spaces are then rejected as text
      const start = m.index + m[0].length;
      const rest = line.slice(start);
      const value = WORD_ENDS_AT_SPACE.has(syntax) ? rest.split(/\s/, 1)[0] : rest.replace(/\s+[#;].*$/, '').trimEnd();
      if (value)
        push(out, resolveName(cleanName(m[1]), before, line, syntax === 'yaml'), value, start, 'config-value', '');
    } else {
      const d = DOCKER_ENV_SPACE.exec(line);
      if (d) push(out, d[1], d[2], line.lastIndexOf(d[2]), 'config-value', '');
    }
  }
  if (syntax === 'unknown' || syntax === 'ini') {
    const d = DIRECTIVE.exec(line);
    if (d) push(out, d[1], d[2], line.lastIndexOf(d[2]), 'config-value', '');
  }
  if (syntax === 'xml' || syntax === 'unknown' || line.includes('</')) {
    for (const re of [XML_ELEMENT, XML_KEY_VALUE, XML_NAMED_ELEMENT]) {
      re.lastIndex = 0;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        const raw = m[2];
        const value = raw.trim();
        if (!value) continue;
        const start = m.index + m[0].lastIndexOf(raw) + raw.indexOf(value);
        push(out, m[1], value, start, 'config-value', re === XML_KEY_VALUE ? '"' : '');
      }
    }
  }
  // `name: |` ⏎ `  value` (YAML block scalar), `<apiToken>` ⏎ `  value` ⏎ `</apiToken>`
  if (syntax !== 'code' && syntax !== 'shell') {
    const bare = BARE_VALUE.exec(line);
    const previous = bare && before.previous();
    if (previous) {
      const opened = BLOCK_SCALAR_NAME.exec(previous) ?? XML_OPEN_TAG.exec(previous);
      if (opened) push(out, cleanName(opened[1]), bare[1], line.indexOf(bare[1]), 'config-value', '');
    }
  }
  // AWS credentials CSV / one-line exports: a 40-char secret next to an access key id.
  if ((line.includes('AKIA') || line.includes('ASIA')) && /(?:AKIA|ASIA)[A-Z2-7]{16}/.test(line)) {
    AWS_SECRET_ANYWHERE.lastIndex = 0;
    for (let m = AWS_SECRET_ANYWHERE.exec(line); m; m = AWS_SECRET_ANYWHERE.exec(line)) {
      if (scoreRandomSecret(m[0], 40) > 0 && /[A-Z]/.test(m[0]) && /[a-z]/.test(m[0]) && /\d/.test(m[0])) {
        out.push({
          ruleId: 'aws-secret-access-key',
          start: m.index,
          end: m.index + 40,
          confidence: 0.9,
          construct,
          source: 'context',
          priority: 8,
        });
      }
    }
  }
}
