// Private key blocks span lines (or one line with escaped \n), so they are matched on text, not per line.
import { shannonEntropy } from './value-model';

export interface PemMatch {
  /** Offsets into the scanned text: from "-----BEGIN" to the end of the "-----END …-----" marker. */
  start: number;
  end: number;
  confidence: number;
}

// any label ending in PRIVATE KEY: RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP … BLOCK, SSH2 ENCRYPTED, ANY, X25519 …
const LABEL = String.raw`-----BEGIN ((?:[A-Z0-9][A-Z0-9_-]{0,30} ){0,3}PRIVATE KEY(?: BLOCK)?)-----`;
const BEGIN = new RegExp(LABEL, 'y');
/** A BEGIN marker of a private key block anywhere in a line (group 1: its label). */
export const PRIVATE_KEY_HEADER = new RegExp(LABEL);
const MAX_BLOCK = 20_000;

/** Characters the END-marker searches have covered (a test reads it to show the search is linear). */
export const pemWork = { searched: 0 };

export function findPrivateKeys(text: string): PemMatch[] {
  const out: PemMatch[] = [];
  // per END marker: where its next occurrence is (-1: none after `from`), so the text after a BEGIN with no
  // END is searched once, not once per BEGIN (which was quadratic)
  const ends = new Map<string, { from: number; at: number }>();
  const nextEnd = (marker: string, from: number): number => {
    const known = ends.get(marker);
    if (known && known.from <= from && (known.at < 0 || known.at >= from)) return known.at;
    const at = text.indexOf(marker, from);
    pemWork.searched += (at < 0 ? text.length : at + marker.length) - from;
    ends.set(marker, { from, at });
    return at;
  };
  let from = 0;
  for (;;) {
    const at = text.indexOf('-----BEGIN ', from);
    if (at < 0) break;
    from = at + 11;
    BEGIN.lastIndex = at;
    const begin = BEGIN.exec(text);
    if (!begin) continue;
    const endMarker = `-----END ${begin[1]}-----`;
    const endAt = nextEnd(endMarker, at + begin[0].length);
    if (endAt < 0 || endAt - at > MAX_BLOCK) continue;
    // a BEGIN before this END is the END's own block: this BEGIN has none (else it would swallow that key)
    const nextBegin = text.indexOf('-----BEGIN ', from);
    if (nextBegin >= 0 && nextBegin < endAt) continue;
    const body = text.slice(at + begin[0].length, endAt);
    const confidence = scoreBody(body, begin[1]);
    from = endAt + endMarker.length;
    if (confidence > 0) out.push({ start: at, end: endAt + endMarker.length, confidence });
  }
  return out;
}

function scoreBody(body: string, label: string): number {
  // Drop PEM headers, escaped newlines, string concatenation and indentation.
  const cleaned = body
    .replace(/\\[nr]/g, '\n')
    .split('\n')
    .filter((line) => !/^\s*["'`]?\s*[A-Za-z-]+: /.test(line))
    .join('\n')
    // string concatenation (`" +` ⏎ `"…`), not the base64 `+` of the key itself
    .replace(/["'`]\s*\+|^\s*\+(?=\s*["'`])/gm, '')
    .replace(/["',;\s|>\\`]/g, '');
  if (cleaned.length < 64) return 0;
  if (!/^[A-Za-z0-9+/=]+$/.test(cleaned)) return 0;
  if (/(.)\1{15}/.test(cleaned) || /EXAMPLE|REDACTED|PLACEHOLDER/i.test(cleaned)) return 0;
  // short keys (Ed25519, X25519: a 64-character body, a third of it a fixed ASN.1 prefix) have less entropy
  if (shannonEntropy(cleaned) < (cleaned.length < 128 ? 4.0 : 4.5)) return 0;
  return label.includes('ENCRYPTED') || body.includes('ENCRYPTED') ? 0.8 : 0.99;
}
