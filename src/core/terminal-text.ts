// Text from untrusted sources (secret names, descriptions, tags, file paths, scanned content) reaches terminals.
// An escape sequence in it could retitle the window, rewrite earlier lines, hide text or plant a hyperlink, and
// bidirectional overrides reorder what is shown. These functions make such characters visible instead.

/**
 * C0 controls and DEL, C1 controls (0x80-0x9f: 0x9b alone starts a CSI sequence on many terminals), bidi
 * embeddings, overrides and isolates, and the Unicode line and paragraph separators.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const controls = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const controlsButLineBreaks =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

const visible = (c: string) => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** One field (a name, a path, a description) on one line: every control character, newlines included, escaped. */
export function printable(field: string): string {
  return field.replace(controls, visible);
}

/** A whole composed output: the same, keeping line breaks and tabs (fields should already be printable). */
export function printableLines(text: string): string {
  return text.replace(controlsButLineBreaks, visible);
}
