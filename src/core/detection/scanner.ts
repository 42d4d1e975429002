// Full-text scan: a global keyword prefilter picks candidate lines; only those run the rules.
import { MAX_SCAN_CHARACTERS } from '../policy';
import { allowList } from './value-hash';
import { sha256Hex } from './checksums';
import { isIgnoredByConfig, type DetectionConfig } from './config';
import { nameBefore, type LinesBefore } from './context';
import type { DroppedMatch, Finding, FindingConstruct, QuoteChar, ScanResult, SkipInfo } from './finding';
import {
  CONTEXT_LINES,
  continuesOnNextLine,
  compileRules,
  dropOverlaps,
  isSuppressed,
  MAX_LINE_LENGTH,
  safeName,
  scanMaskedLine,
  type CompiledRules,
  type LineDrop,
  type LineFinding,
} from './line-scanner';
import { withoutFileSuppressed } from './file-directive';
import { findKubernetesSecrets, isPkcs12 } from './formats';
import { LineIndex } from './line-index';
import { findPrivateKeys } from './pem';
import { shannonEntropy } from './value-model';
import { privateKeyRule } from './rules';

export interface ScanOptions {
  /** Path of the text, relative to the config's folder when a config is given (used for syntax and `ignore`). */
  path?: string;
  /** VS Code languageId; wins over the path's extension for syntax. */
  languageId?: string;
  config?: DetectionConfig;
}

/** A finding placed in the text; `finish` turns a list of them into the public Finding[]. */
export interface Placed {
  f: LineFinding;
  startLine: number;
  startChar: number;
  startOffset: number;
  endLine: number;
  endChar: number;
  endOffset: number;
}

/** A one-line finding placed on line `line`, which starts at offset `lineStart` of the text. */
export function placeOnLine(f: LineFinding, line: number, lineStart: number): Placed {
  return {
    f,
    startLine: line,
    startChar: f.start,
    startOffset: lineStart + f.start,
    endLine: line,
    endChar: f.end,
    endOffset: lineStart + f.end,
  };
}

export function fileSkipReason(text: string, options: ScanOptions): SkipInfo | undefined {
  if (options.config && options.path && isIgnoredByConfig(options.config, options.path)) {
    return { reason: 'ignored-by-config' };
  }
  if (text.length > MAX_SCAN_CHARACTERS) return { reason: 'too-large', detail: `${text.length} characters` };
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  if (head.includes('\u0000')) return { reason: 'binary' };
  if (options.path && /\.min\.(?:js|css|mjs)$|\.map$/i.test(options.path)) return { reason: 'minified' };
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.length >= 8192) {
    // counting stops as soon as there are enough lines for an average under 500 characters
    const enough = sample.length / 500;
    let newlines = 0;
    for (let i = sample.indexOf('\n'); i >= 0 && newlines + 1 < enough; i = sample.indexOf('\n', i + 1)) newlines++;
    if (sample.length / (newlines + 1) > 500)
      return { reason: 'minified', detail: 'average line longer than 500 characters' };
  }
  return undefined;
}

export function scanText(text: string, options: ScanOptions = {}): ScanResult {
  if (isPkcs12(options.path, text) && !isIgnored(options)) return pkcs12Result(text, options);
  const skipped = fileSkipReason(text, options);
  if (skipped) return { findings: [], skipped };
  const rules = compileRules(options, text);
  const { symbols, lines: candidates } = rules.prefilter.scan(text);
  const placed: Placed[] = [];
  const skippedLines: number[] = [];
  const dropped: DroppedMatch[] = [];
  const drops: LineDrop[] = [];
  // line numbers are only needed where something is reported: the index is built on the first lookup
  const lines = new LineIndex(text);
  let next = 0; // where the next unscanned line starts
  for (let k = 0; k < candidates.length; k += 3) {
    const hit = candidates[k];
    if (hit < next) continue; // on a continuation line already scanned
    let lineStart = text.lastIndexOf('\n', hit - 1) + 1;
    let lineEnd = candidates[k + 1];
    let mask = candidates[k + 2];
    // a line ending in `=`/`:` continues on the next line (wrapped assignments), which then needs a scan too
    for (let continuation = false; ; continuation = true) {
      if (continuation) {
        lineEnd = text.indexOf('\n', lineStart);
        if (lineEnd < 0) lineEnd = text.length;
      }
      next = lineEnd + 1;
      const bodyEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
      if (bodyEnd - lineStart > MAX_LINE_LENGTH) {
        skippedLines.push(lines.lineOf(lineStart));
        break;
      }
      const body = text.slice(lineStart, bodyEnd);
      if (continuation) mask = rules.prefilter.maskOf(symbols, lineStart, bodyEnd);
      const found = scanMaskedLine(body, mask, new TextLinesBefore(text, lineStart), rules, !continuation, drops);
      if (found.length || drops.length) {
        const line = lines.lineOf(lineStart);
        for (const f of found) placed.push(placeOnLine(f, line, lineStart));
        for (const d of drops.splice(0)) dropped.push({ ...d, line });
      }
      if (lineEnd >= text.length || !continuesOnNextLine(body)) break;
      lineStart = lineEnd + 1;
    }
  }
  if (rules.privateKeyEnabled && (text.includes('-----BEGIN ') || text.includes('PuTTY-User-Key-File-')))
    placed.push(...privateKeysInText(text, rules, undefined, lines));
  if (rules.formatsEnabled.has('kubernetes-secret'))
    placed.push(...kubernetesSecretsInText(text, rules, undefined, lines));
  const result: ScanResult = { findings: withoutFileSuppressed(text, finish(placed)) };
  if (skippedLines.length) result.skippedLines = skippedLines;
  if (dropped.length) result.dropped = dropped;
  return result;
}

function isIgnored(options: ScanOptions): boolean {
  return !!options.config && !!options.path && isIgnoredByConfig(options.config, options.path);
}

/** A PKCS#12 store is reported as a whole, on its first line, unless the rule is disabled. */
function pkcs12Result(text: string, options: ScanOptions): ScanResult {
  if (options.config?.disabledRules.includes('pkcs12-file')) return { findings: [] };
  const valueHash = sha256Hex(text);
  if (allowList(options.config).has(valueHash)) return { findings: [] };
  const firstLineEnd = text.indexOf('\n');
  const lineEnd = Math.min(firstLineEnd < 0 ? text.length : firstLineEnd, 64);
  const f: LineFinding = {
    ruleId: 'pkcs12-file',
    kind: 'PKCS#12 key store',
    start: 0,
    end: lineEnd,
    confidence: 0.9,
    construct: 'other',
    source: 'provider',
    priority: 10,
    valueHash,
    level: 'error',
    signals: { fileKind: 'pkcs12' },
  };
  return { findings: finish([placeOnLine(f, 0, 0)]) };
}

/** Values of Kubernetes `kind: Secret` manifests, placed in the text (shifted by `base` for segments). */
export function kubernetesSecretsInText(
  text: string,
  rules: CompiledRules,
  base = { line: 0, offset: 0 },
  lines = new LineIndex(text),
): Placed[] {
  const out: Placed[] = [];
  for (const match of findKubernetesSecrets(text)) {
    const { line, lineStart } = lineAt(lines, match.start);
    const lineEnd = text.indexOf('\n', lineStart);
    const body = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
    const previous = line > 0 ? previousLineOf(text, lineStart) : undefined;
    if (isSuppressed(body, previous)) continue;
    const value = text.slice(match.start, match.end);
    const valueHash = sha256Hex(value);
    if (rules.allowed.has(valueHash)) continue;
    const character = match.start - lineStart;
    out.push({
      f: {
        ruleId: match.ruleId,
        kind: 'Kubernetes Secret value',
        start: character,
        end: character + value.length,
        confidence: match.confidence,
        construct: 'config-value',
        source: 'provider',
        priority: 9,
        name: safeName(match.name),
        quote: '',
        valueHash,
        level: 'error',
        signals: { fileKind: rules.syntax, entropy: Math.round(shannonEntropy(value) * 100) / 100 },
      },
      startLine: base.line + line,
      startChar: character,
      startOffset: base.offset + match.start,
      endLine: base.line + line,
      endChar: character + value.length,
      endOffset: base.offset + match.end,
    });
  }
  return out;
}

function previousLineOf(text: string, lineStart: number): string {
  const start = text.lastIndexOf('\n', lineStart - 2) + 1;
  const line = text.slice(start, lineStart - 1);
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** The lines before a line of a whole text, read from the text only when a rule asks. */
class TextLinesBefore implements LinesBefore {
  private lines: readonly string[] | undefined;
  private nearest: string | undefined | null = null; // null: not read yet
  constructor(
    private readonly text: string,
    private readonly lineStart: number,
  ) {}
  get(): readonly string[] {
    return (this.lines ??= previousLines(this.text, this.lineStart));
  }
  previous(): string | undefined {
    if (this.nearest === null)
      this.nearest = this.lineStart > 0 ? previousLineOf(this.text, this.lineStart) : undefined;
    return this.nearest;
  }
}

/** Up to CONTEXT_LINES lines before the line starting at `lineStart`, nearest first. */
function previousLines(text: string, lineStart: number): string[] {
  const out: string[] = [];
  for (let start = lineStart; start > 0 && out.length < CONTEXT_LINES;) {
    const previousStart = text.lastIndexOf('\n', start - 2) + 1;
    out.push(previousLineOf(text, start));
    start = previousStart;
  }
  return out;
}

function lineAt(lines: LineIndex, offset: number): { line: number; lineStart: number } {
  const line = lines.lineOf(offset);
  return { line, lineStart: lines.startOf(line) };
}

/** Private keys in `text`; lines/offsets are shifted by the given base (for segments of a document). */
export function privateKeysInText(
  text: string,
  rules: CompiledRules,
  base = { line: 0, offset: 0 },
  lines = new LineIndex(text),
): Placed[] {
  const out: Placed[] = [];
  for (const pem of findPrivateKeys(text)) {
    const start = lineAt(lines, pem.start);
    const end = lineAt(lines, pem.end);
    const lineEnd = text.indexOf('\n', start.lineStart);
    const beginLine = text.slice(start.lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
    const previous = start.line > 0 ? previousLineOf(text, start.lineStart) : undefined;
    if (isSuppressed(beginLine, previous)) continue;
    const valueHash = sha256Hex(text.slice(pem.start, pem.end));
    if (rules.allowed.has(valueHash)) continue;
    const startChar = pem.start - start.lineStart;
    const before = beginLine[startChar - 1];
    const quote = before === '"' || before === "'" || before === '`' ? (before as QuoteChar) : undefined;
    out.push({
      f: {
        ruleId: privateKeyRule.id,
        kind: privateKeyRule.kind,
        start: startChar,
        end: pem.end - end.lineStart,
        confidence: pem.confidence,
        construct: 'private-key-block',
        source: 'provider',
        priority: 10,
        name: safeName(nameBefore(beginLine, openingQuotes(beginLine, startChar))),
        quote,
        valueHash,
        level: 'error',
        signals: { fileKind: rules.syntax },
      },
      startLine: base.line + start.line,
      startChar,
      startOffset: base.offset + pem.start,
      endLine: base.line + end.line,
      endChar: pem.end - end.lineStart,
      endOffset: base.offset + pem.end,
    });
  }
  return out;
}

/** Start of the run of quote characters before `at` (triple quotes, raw strings). */
function openingQuotes(line: string, at: number): number {
  let q = at;
  while (q > 0 && (line[q - 1] === '"' || line[q - 1] === "'" || line[q - 1] === '`')) q--;
  return q;
}

const WHERE: Record<FindingConstruct, string> = {
  'string-literal': 'in a string literal',
  'config-value': 'in a configuration value',
  'url-password': 'in a URL',
  'connection-string-part': 'in a connection string',
  'private-key-block': 'in the file',
  'header-value': 'in a request header',
  comment: 'in a comment',
  other: 'in the text',
};

export function titleOf(kind: string, construct: FindingConstruct, name?: string, note?: string): string {
  if (note) return name ? `'${name}' ${note}` : `A value ${WHERE[construct]} ${note}`;
  return name ? `${kind} assigned to '${name}'` : `${kind} ${WHERE[construct]}`;
}

/** Turns placed findings into the public, ordered, de-duplicated, paired Finding list. */
export function finish(placed: Placed[]): Finding[] {
  if (!placed.length) return [];
  const unique = dropOverlaps(
    placed.map((p) => ({
      p,
      start: p.startOffset,
      end: p.endOffset,
      priority: p.f.priority,
      confidence: p.f.confidence,
    })),
  );
  const findings: Finding[] = unique.map(({ p }) => {
    const f = p.f;
    const finding: Finding = {
      ruleId: f.ruleId,
      kind: f.kind,
      title: titleOf(f.kind, f.construct, f.name, f.note),
      range: {
        start: { line: p.startLine, character: p.startChar, offset: p.startOffset },
        end: { line: p.endLine, character: p.endChar, offset: p.endOffset },
      },
      construct: f.construct,
      id: `${f.ruleId}@${p.startLine}:${p.startChar}:${f.valueHash.slice(0, 8)}`,
      confidence: Math.round(f.confidence * 100) / 100,
      valueHash: f.valueHash,
      source: f.source,
      level: f.level,
      signals: f.signals,
    };
    if (f.name) finding.name = f.name;
    if (f.quote !== undefined) finding.quote = f.quote;
    return finding;
  });
  pairAwsCredentials(findings);
  return findings;
}

/** Links each AWS access key id with the nearest unpaired secret access key within 10 lines. */
function pairAwsCredentials(findings: Finding[]): void {
  const byLine = new Map<number, Finding[]>();
  for (const f of findings) {
    if (f.ruleId !== 'aws-secret-access-key') continue;
    const list = byLine.get(f.range.start.line);
    if (list) list.push(f);
    else byLine.set(f.range.start.line, [f]);
  }
  if (!byLine.size) return;
  for (const keyId of findings) {
    if (keyId.ruleId !== 'aws-access-key-id') continue;
    const line = keyId.range.start.line;
    let best: Finding | undefined;
    for (let distance = 0; distance <= 10 && !best; distance++) {
      for (const candidateLine of distance ? [line - distance, line + distance] : [line]) {
        best ??= byLine.get(candidateLine)?.find((s) => !s.relatedId);
      }
    }
    if (best) {
      best.relatedId = keyId.id;
      keyId.relatedId = best.id;
    }
  }
}
