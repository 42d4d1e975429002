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

const PUTTY_HEADER = 'PuTTY-User-Key-File-';

/** Whether a line starts a private key block: a PEM BEGIN marker or a PuTTY key file header. */
export function isKeyBlockStart(line: string): boolean {
  return line.includes('-----BEGIN ') || line.startsWith(PUTTY_HEADER);
}

/** What the line that ends the key block starting on `line` contains (undefined: no block starts there). */
export function keyBlockEndMarker(line: string): string | undefined {
  if (line.startsWith(PUTTY_HEADER)) return 'Private-MAC:';
  const header = PRIVATE_KEY_HEADER.exec(line);
  return header ? `-----END ${header[1]}-----` : undefined;
}

/** Private keys in a text: PEM / OpenSSH / PGP blocks and PuTTY (.ppk) key files. */
export function findPrivateKeys(text: string): PemMatch[] {
  const pem = text.includes('-----BEGIN ') ? findPemKeys(text) : [];
  if (!text.includes(PUTTY_HEADER)) return pem;
  return [...pem, ...findPuttyKeys(text)].sort((a, b) => a.start - b.start);
}

const PRIVATE_LINES = /^Private-Lines:[ \t]*(\d{1,3})[ \t]*\r?$/m;

/**
 * PuTTY key files: `PuTTY-User-Key-File-2: ssh-rsa`, `Encryption: none | aes256-cbc`, the public lines, then
 * `Private-Lines: N`, N lines of base64 and `Private-MAC: …`. The match runs from the header to the MAC.
 */
function findPuttyKeys(text: string): PemMatch[] {
  const out: PemMatch[] = [];
  let mac = -1; // the next MAC line, searched for once per MAC, not once per header (quadratic without one)
  for (let at = text.indexOf(PUTTY_HEADER); at >= 0; at = text.indexOf(PUTTY_HEADER, at + 1)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    if (mac < at) {
      mac = text.indexOf('\nPrivate-MAC:', at);
      pemWork.searched += (mac < 0 ? text.length : mac) - at;
      if (mac < 0) break; // no header after this one has a MAC either
    }
    if (mac - at > MAX_BLOCK) continue;
    const block = text.slice(at, mac);
    const lines = PRIVATE_LINES.exec(block);
    if (!lines) continue;
    const body = block.slice(lines.index + lines[0].length);
    const encrypted = /^Encryption:[ \t]*(?!none\b)\S/m.test(block);
    const confidence = scoreBody(body, encrypted ? 'ENCRYPTED' : 'PUTTY');
    const macEnd = text.indexOf('\n', mac + 1);
    const end = (macEnd < 0 ? text.length : macEnd) - (text[(macEnd < 0 ? text.length : macEnd) - 1] === '\r' ? 1 : 0);
    if (confidence > 0) out.push({ start: at, end, confidence });
  }
  return out;
}

function findPemKeys(text: string): PemMatch[] {
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
  // a PuTTY Ed25519 key's private part is one line of about 44 characters
  if (cleaned.length < (label === 'PUTTY' ? 40 : 64)) return 0;
  if (!/^[A-Za-z0-9+/=]+$/.test(cleaned)) return 0;
  if (/(.)\1{15}/.test(cleaned) || /EXAMPLE|REDACTED|PLACEHOLDER/i.test(cleaned)) return 0;
  // short keys (Ed25519, X25519: a 64-character body, a third of it a fixed ASN.1 prefix) have less entropy
  if (shannonEntropy(cleaned) < (cleaned.length < 128 ? 4.0 : 4.5)) return 0;
  return label.includes('ENCRYPTED') || body.includes('ENCRYPTED') ? 0.8 : 0.99;
}
