// Escaping what the generators write into source, per language, so a secret name or JSON key with quotes,
// backslashes, newlines, `${` or control characters stays one literal with exactly that text. Callers' name
// validation is not relied on: these are the only way generated text quotes a name.
export type StringSyntax = 'javascript' | 'python' | 'go' | 'java' | 'csharp';

const hex = (code: number, width: number) => code.toString(16).padStart(width, '0');

/** Characters that may not appear raw in a one-line string literal (or that would mislead a reader). */
// eslint-disable-next-line no-control-regex -- control characters are what must be escaped
const needsEscape = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function escapeChar(c: string, syntax: StringSyntax): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  switch (syntax) {
    case 'java':
      // Java turns \uXXXX into the character before lexing (\u000a would end the line): octal, always 3 digits.
      return code <= 0xff ? `\\${code.toString(8).padStart(3, '0')}` : c;
    case 'go':
    case 'python':
      return code <= 0x7f ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
    case 'javascript':
    case 'csharp':
      return `\\u${hex(code, 4)}`;
  }
}

/**
 * The inside of a string literal of `syntax`: safe between either quote character (Go: between double quotes,
 * where a single quote needs no escape and `\'` is invalid).
 */
export function stringContent(value: string, syntax: StringSyntax): string {
  let out = '';
  for (const c of value) {
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === "'") out += syntax === 'go' ? "'" : "\\'";
    else if (needsEscape.test(c)) out += escapeChar(c, syntax);
    else out += c;
  }
  return out;
}

/** A complete one-line string literal. Go and C# always get an ordinary (interpreted) double-quoted one. */
export function stringLiteral(value: string, syntax: StringSyntax, quote: '"' | "'" = '"'): string {
  const q = syntax === 'go' || syntax === 'csharp' || syntax === 'java' ? '"' : quote;
  let out = '';
  for (const c of value) {
    if (c === '\\') out += '\\\\';
    else if (c === q) out += `\\${q}`;
    else if (needsEscape.test(c)) out += escapeChar(c, syntax);
    else out += c;
  }
  return `${q}${out}${q}`;
}

/**
 * An HCL (Terraform) quoted string: JSON-like escapes, and `${` / `%{` doubled so they are text, not
 * interpolation or template directives.
 */
export function hclString(value: string): string {
  let out = '';
  for (const c of value) {
    const code = c.charCodeAt(0);
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (needsEscape.test(c)) out += `\\u${hex(code, 4)}`;
    else out += c;
  }
  return `"${out.replace(/([$%])\{/g, '$1$1{')}"`;
}

/** A YAML flow scalar: single-quoted ('' for a quote) unless it needs escapes, then double-quoted (JSON is valid YAML). */
export function yamlString(value: string, quote: '"' | "'"): string {
  if (quote === '"' || needsEscape.test(value)) return JSON.stringify(value);
  return `'${value.replace(/'/g, "''")}'`;
}
