// Where a finding's literal starts and ends in the source (quotes and prefixes included) and the value it
// denotes once escapes are decoded, so the stored secret equals what the program used.
import type { FixFinding } from './types';

export interface LiteralSpan {
  /** Offset of the whole literal, prefix and quotes included. */
  start: number;
  end: number;
  /** The quote character used ('' when unquoted). */
  quote: string;
  /** True when escapes are not interpreted (Python r'', Go ``, C# @""). */
  raw: boolean;
}

const PYTHON_PREFIX = /(?:^|[^A-Za-z0-9_])([rRbBuUfF]{1,2})$/;

export function literalSpan(text: string, finding: FixFinding, languageHint?: string): LiteralSpan {
  const start = finding.range.start.offset;
  const end = finding.range.end.offset;
  const quote = finding.quote ?? '';
  if (!quote) return { start, end, quote: '', raw: true };
  let open = start - 1;
  let close = end + 1;
  // Triple-quoted Python strings / Java text blocks: include all three quotes.
  if (text.slice(open - 2, open + 1) === quote.repeat(3) && text.slice(end, end + 3) === quote.repeat(3)) {
    open -= 2;
    close += 2;
  }
  let raw = quote === '`' && languageHint === 'go';
  const before = text.slice(Math.max(0, open - 3), open);
  if (languageHint === 'python') {
    const prefix = PYTHON_PREFIX.exec(before)?.[1];
    if (prefix) {
      open -= prefix.length;
      raw = /r/i.test(prefix);
    }
  } else if (languageHint === 'csharp' && before.endsWith('@')) {
    open -= 1;
    raw = true;
  }
  return { start: open, end: close, quote, raw };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** The runtime value of the literal's content. */
export function decodeLiteral(content: string, span: LiteralSpan, languageHint?: string): string {
  if (span.raw || !span.quote) {
    return languageHint === 'csharp' && span.quote === '"' ? content.replace(/""/g, '"') : content;
  }
  return content.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r?\n|.)/g, (_whole, esc: string) => {
    if (esc.startsWith('u{')) return String.fromCodePoint(parseInt(esc.slice(2, -1), 16));
    if (esc[0] === 'u' && esc.length === 5) return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (esc[0] === 'x' && esc.length === 3) return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (esc === '\n' || esc === '\r\n') return ''; // line continuation
    return SIMPLE_ESCAPES[esc] ?? esc;
  });
}

/** The decoded value a finding points at. */
export function findingValue(text: string, finding: FixFinding, languageHint?: string): string {
  const span = literalSpan(text, finding, languageHint);
  return decodeLiteral(text.slice(finding.range.start.offset, finding.range.end.offset), span, languageHint);
}
