// Context rules: a literal assigned to a credential-like name, across code and config syntaxes.
import type { FindingConstruct, QuoteChar } from './finding';
import { allowsUnquotedValues, type Syntax } from './language';
import { classifyName, type NameCategory } from './names';
import { scorePassword, scoreRandomSecret } from './value-model';

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
}

/** Cheap gate: context rules only run on lines containing one of these (lower-cased) fragments. */
export const CONTEXT_KEYWORDS = /pass|pwd|secret|token|key|cred|auth|jwt|pw/i;

const NAME = String.raw`[:@$]?[A-Za-z_$][\w$-]*(?:(?:\.|->|::)[A-Za-z_$][\w$-]*)*|"[^"\n]{1,80}"|'[^'\n]{1,80}'`;
const OPS = String.raw`(?::=|===?|!==?|=>|:|=|\|\|=|\?\?=)`;
const NAME_START = String.raw`(?:^|[^\w$.@:'"-])`;
// `name: Type =` (TS, Kotlin, Rust, Swift) and Go's `var name string =` before the plain `name =` form
const TYPED_BEFORE = new RegExp(String.raw`${NAME_START}(${NAME})\s*:\s*&?(?:'static\s+)?[\w<>\[\].?]+\s*=\s*$`);
const GO_TYPED_BEFORE = new RegExp(String.raw`${NAME_START}(${NAME})\s+(?:string|\[\]byte)\s*=\s*$`);
const ASSIGN_BEFORE = new RegExp(String.raw`${NAME_START}(${NAME})\s*${OPS}\s*$`);
const INDEX_BEFORE = /\[\s*["'`]([^"'`\n]{1,80})["'`]\s*\]\s*(?::=|=)\s*$/;
const SETTER_BEFORE = /(?:^|[^\w$])((?:set|with|use|put|add)?[A-Za-z_$][\w$]*)\s*\(\s*$/;
const PAIR_BEFORE = /["'`]([^"'`\n]{1,80})["'`]\s*,\s*$/;
const STRING_PREFIX = /[rRbBuUfF@$]{1,2}$/;

const UNQUOTED =
  /^\s*(?:-\s+)?(?:export\s+|ENV\s+|ARG\s+|set\s+|declare\s+(?:-x\s+)?|readonly\s+|local\s+)?([A-Za-z_][\w.-]*|"[^"]+"|'[^']+')\s*(?:=|:(?=\s|$))[ \t]*(?=[^\s"'`#;|>&*!{[])/;
const DOCKER_ENV_SPACE = /^\s*ENV\s+([A-Za-z_]\w*)\s+([^\s=]+)\s*$/;
const XML_ELEMENT = /<([A-Za-z_][\w.:-]*)(?:\s[^>]*)?>([^<]+)<\/\1>/g;
const XML_KEY_VALUE = /\b(?:key|name)\s*=\s*"([^"]+)"\s+value\s*=\s*"([^"]*)"/g;
const XML_NAMED_ELEMENT = /<[\w.:-]+\s+(?:key|name)\s*=\s*"([^"]+)"\s*>([^<]+)</g;
const COMMENT_LINE = /^\s*(?:\/\/|#(?!!)|\*|\/\*|--|<!--|;|REM\b)/;
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

/** The name a value starting at `valueStart` (its opening quote, if any) is assigned to. */
export function nameBefore(line: string, valueStart: number): string | undefined {
  let before = line.slice(Math.max(0, valueStart - 160), valueStart);
  before = before.replace(STRING_PREFIX, '');
  const m =
    TYPED_BEFORE.exec(before) ??
    GO_TYPED_BEFORE.exec(before) ??
    ASSIGN_BEFORE.exec(before) ??
    INDEX_BEFORE.exec(before) ??
    PAIR_BEFORE.exec(before);
  if (m) return cleanName(m[1]);
  const setter = SETTER_BEFORE.exec(before);
  if (setter) {
    const name = setter[1];
    // only setters/builders name their argument; hashPassword("…") or log("…") do not
    if (/^(?:set|with|use|put|add)[A-Z_]/.test(name) || /^[a-z_]+$/i.test(name.split('.').pop() ?? '')) return name;
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

/** Scores a value for a name category; returns the rule and confidence or undefined. */
export function judge(
  category: NameCategory,
  value: string,
): { ruleId: string; priority: number; confidence: number } | undefined {
  const rule = RULE_FOR[category];
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
    default:
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

/** String literals on one line (quote-aware, with backslash escapes; unterminated ones are ignored). */
export function literalsOf(line: string): Literal[] {
  const out: Literal[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 34 && c !== 39 && c !== 96) continue;
    let j = i + 1;
    while (j < line.length && line.charCodeAt(j) !== c) j += line.charCodeAt(j) === 92 ? 2 : 1;
    if (j >= line.length) break;
    out.push({ quoteAt: i, start: i + 1, end: j, quote: line[i] as QuoteChar });
    i = j;
  }
  return out;
}

function push(
  out: RawFinding[],
  name: string,
  value: string,
  start: number,
  construct: FindingConstruct,
  quote: QuoteChar,
) {
  const category = classifyName(name);
  if (!category) return;
  const verdict = judge(category, value);
  if (!verdict) return;
  out.push({ ...verdict, start, end: start + value.length, construct, source: 'context', name, quote });
}

export function scanContextLine(line: string, syntax: Syntax, out: RawFinding[]): void {
  if (isCommentLine(line)) return;
  const configSyntax = syntax !== 'code' && syntax !== 'shell';
  const construct: FindingConstruct = configSyntax ? 'config-value' : 'string-literal';
  for (const lit of literalsOf(line)) {
    if (lit.end - lit.start < 6) continue;
    const name = nameBefore(line, lit.quoteAt);
    if (name) push(out, name, line.slice(lit.start, lit.end), lit.start, construct, lit.quote);
  }
  if (allowsUnquotedValues(syntax)) {
    const m = UNQUOTED.exec(line);
    if (m) {
      // the value runs to the end of the line or to a space-preceded comment; values with spaces are text
      const start = m.index + m[0].length;
      const value = line
        .slice(start)
        .replace(/\s+[#;].*$/, '')
        .trimEnd();
      if (value) push(out, cleanName(m[1]), value, start, 'config-value', '');
    } else {
      const d = DOCKER_ENV_SPACE.exec(line);
      if (d) push(out, d[1], d[2], line.lastIndexOf(d[2]), 'config-value', '');
    }
  }
  if (syntax === 'xml' || syntax === 'unknown') {
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
  // AWS credentials CSV / one-line exports: a 40-char secret next to an access key id.
  if (/(?:AKIA|ASIA)[A-Z2-7]{16}/.test(line)) {
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
