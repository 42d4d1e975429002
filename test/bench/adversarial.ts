// Inputs built to make a scanner super-linear, each at a chosen size: a scan of any of them must grow linearly.
import { randomBytes } from 'node:crypto';

export interface AdversarialCase {
  name: string;
  /** File name (its extension picks the syntax). */
  file: string;
  text: string;
}

const base64 = (chars: number) =>
  randomBytes(Math.ceil((chars * 3) / 4))
    .toString('base64')
    .slice(0, chars);

/** `unit(i)` repeated until the text is `size` characters long (cut at that length). */
function repeat(size: number, unit: (i: number) => string, head = '', tail = ''): string {
  const parts: string[] = [head];
  let length = head.length + tail.length;
  for (let i = 0; length < size; i++) {
    const part = unit(i);
    parts.push(part);
    length += part.length;
  }
  parts.push(tail);
  return parts.join('').slice(0, size);
}

export const ADVERSARIAL_NAMES = [
  'unterminated PEM',
  'one long line',
  'million short lines',
  'deeply nested JSON',
  'long base64 runs',
] as const;

/** Each adversarial case at `size` characters (ASCII, so also bytes). */
export function adversarialCases(size: number): AdversarialCase[] {
  const keyLines = Array.from({ length: 20 }, () => base64(64)).join('\n');
  return [
    {
      // many BEGIN lines and no END: a search for each one's END marker over the rest of the text is quadratic
      name: 'unterminated PEM',
      file: 'keys.pem',
      text: repeat(size, () => `-----BEGIN RSA PRIVATE KEY-----\n${keyLines}\n`),
    },
    {
      // minified code on a single line, with keywords all along it
      name: 'one long line',
      file: 'bundle.js',
      text: repeat(size, (i) => `var a${i}={apiKey:"${base64(24)}",token:n${i}};`),
    },
    {
      // a keyword on every one of about size/10 lines
      name: 'million short lines',
      file: 'settings.env',
      text: repeat(size, (i) => `key=${i % 100000}\n`),
    },
    {
      // one object per line, each value the next line's object (every line continues an assignment)
      name: 'deeply nested JSON',
      file: 'nested.json',
      text: repeat(size, () => '{"password":\n', '', '}'),
    },
    {
      // base64 blobs of 76-character lines, as in e-mail and embedded certificates
      name: 'long base64 runs',
      file: 'blob.yaml',
      text: repeat(size, () => `  ${base64(76)}\n`, 'secret: |\n'),
    },
  ];
}
