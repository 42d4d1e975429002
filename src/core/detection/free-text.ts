// Credentials in free text (log lines, notes, messages), named by a service instead of an assignment:
// `[DEBUG] Using abyssale key: …`, `abyssale …`, and a bare `Key=…` on a line about the Censys API (or after one).
// Runs only on lines the keyword prefilter passed to the context rules; the value model still has the last word.
import type { LinesBefore } from './context';
import { serviceKind, SERVICES, splitWords, type NameCategory } from './names';

/** What names a free-text value, for context.ts to judge like an assignment. */
export interface FreeTextMention {
  category: NameCategory;
  start: number;
  end: number;
  quote: '"' | "'" | '`' | '';
  /** The service named just before the value, or on the line (or the line before) of a bare `key`. */
  vendor?: string;
  /** Where the service (or "API") was named when not just before the value. */
  nearby?: 'same-line' | 'previous-line';
}

// A run of token characters (`=` only as base64 padding), not inside a longer word, path, domain or JWT
const VALUE_RUN = /(?<![\w+/.-])[A-Za-z0-9_+/-]{16,256}={0,2}(?![\w+/=.-])/g;
// The words just before a value: `abyssale api key: `, `Using Key=`, `abyssale ` (not the end of a dotted or
// colon-separated name: `stripe.publishable.key=`, `arn:aws:…:secret:`)
const LABEL_BEFORE =
  /(?<![\w.:/$@-])([A-Za-z][A-Za-z0-9]*(?:[ _-][A-Za-z][A-Za-z0-9]*){0,3})(\s*(?::=|[:=])\s*|[ \t]+)(["'`]?)$/;
const CREDENTIAL_WORDS: Record<string, NameCategory> = {
  key: 'api-key',
  apikey: 'api-key',
  token: 'token',
  secret: 'secret',
  password: 'password',
};
/** Words between a service and its credential word: `censys api key`, `acme access token`. */
const QUALIFIERS = new Set(['api', 'access', 'auth', 'secret', 'private', 'app']);
/** Words that may come before a bare credential word in a message: `Using Key=…`, `got token: …`. */
const LEAD_WORDS = new Set(
  'using use with got the a an your my our new set sending sent loaded found valid'.split(' '),
);
const WORD = /[A-Za-z][A-Za-z0-9]*/g;
const API_WORD = /(?<![A-Za-z])api(?![A-Za-z])/i;
/** A git commit id after a word (`github 4f0c…`, 40 hex digits) is not a key. */
const COMMIT_ID = /^[0-9a-f]{40}$/;

/** The first service named among the words of `text` (unambiguous names only). */
function serviceIn(text: string): string | undefined {
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const word = m[0].toLowerCase();
    if (SERVICES.has(word)) return word;
  }
  return undefined;
}

/** The service or API a bare `key` belongs to: named on its line (outside the value) or the line before. */
function nearbyService(
  line: string,
  start: number,
  end: number,
  before: LinesBefore,
): Pick<FreeTextMention, 'vendor' | 'nearby'> | undefined {
  const rest = line.slice(0, start) + ' ' + line.slice(end);
  const here = serviceIn(rest);
  if (here || API_WORD.test(rest)) return { vendor: here, nearby: 'same-line' };
  const previous = before.previous();
  if (previous === undefined) return undefined;
  const there = serviceIn(previous);
  if (there || API_WORD.test(previous)) return { vendor: there, nearby: 'previous-line' };
  return undefined;
}

/**
 * Values in `line` named by a service: `<service> [api] key|token|secret|password[:= ]<value>` (ambiguous service
 * names allowed, the credential word disambiguates), `<service>[:= ]<value>` (unambiguous names only), and
 * `key[:=]<value>` (any credential word) when the line or the line before names a service or an API. Label and
 * value lie within [from, to) (in code: one string literal's text); the caller judges the values.
 */
export function freeTextMentions(
  line: string,
  before: LinesBefore,
  from = 0,
  to = line.length,
  out: FreeTextMention[] = [],
): FreeTextMention[] {
  VALUE_RUN.lastIndex = from;
  for (let m = VALUE_RUN.exec(line); m && m.index < to; m = VALUE_RUN.exec(line)) {
    const start = m.index;
    const end = start + m[0].length;
    if (end > to) break;
    // cheap gate: a label ends in a space, `:` or `=` (and an optional quote) just before the value
    let c = line[start - 1];
    if (c === '"' || c === "'" || c === '`') c = line[start - 2];
    if (c !== ' ' && c !== '\t' && c !== ':' && c !== '=') continue;
    const label = LABEL_BEFORE.exec(line.slice(Math.max(0, start - 80), start));
    if (!label) continue;
    const quote = label[3] as FreeTextMention['quote'];
    if (quote && line[end] !== quote) continue;
    if (start - label[0].length < from) continue;
    const mention = mentionOf(splitWords(label[1]), label[2].trim() !== '', m[0]);
    if (!mention) continue;
    if (mention.bare) {
      // the service or API may be anywhere on the line but in the credential word and the value
      const wordStart = start - label[3].length - label[2].length - /[A-Za-z0-9]*$/.exec(label[1])![0].length;
      const near = nearbyService(line, wordStart, end, before);
      if (!near) continue;
      out.push({ category: mention.category, start, end, quote, ...near });
    } else out.push({ category: mention.category, start, end, quote, vendor: mention.vendor });
  }
  return out;
}

function mentionOf(
  words: string[],
  assigned: boolean,
  value: string,
): { category: NameCategory; vendor?: string; bare?: boolean } | undefined {
  const n = words.length;
  const last = words[n - 1];
  const category = CREDENTIAL_WORDS[last];
  if (category) {
    const qualified = n > 1 && QUALIFIERS.has(words[n - 2]);
    const vendor = words[qualified ? n - 3 : n - 2];
    if (vendor && serviceKind(vendor)) return { category, vendor };
    if (!assigned) return undefined;
    // `API key: …`, `access token = …`: a credential name in two words
    if (qualified) return { category };
    // `Using Key=…`, `token: …` (not `GPG key: …`, `cache key: …`): named by what the text is about
    return n === 1 || LEAD_WORDS.has(words[n - 2]) ? { category, bare: true } : undefined;
  }
  // `abyssale …`, `Censys API: …`
  const vendor = last === 'api' && n > 1 ? words[n - 2] : last;
  if (serviceKind(vendor) !== 'service' || COMMIT_ID.test(value)) return undefined;
  return { category: 'api-key', vendor };
}
