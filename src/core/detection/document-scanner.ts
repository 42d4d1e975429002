// Incremental scanning of an edited document: per-line results are cached and only edited lines
// (plus the next one, for ignore-next-line markers) are re-scanned; private key blocks are re-found
// from their BEGIN lines, which is cheap.
import { FILE_DIRECTIVE, withoutFileSuppressed } from './file-directive';
import type { ScanResult, SkipInfo } from './finding';
import {
  compileRules,
  CONTEXT_LINES,
  continuesOnNextLine,
  MAX_LINE_LENGTH,
  scanLine,
  type CompiledRules,
  type LineFinding,
} from './line-scanner';
import { isKubernetesSecretKindLine } from './formats';
import { isKeyBlockStart, keyBlockEndMarker } from './pem';
import {
  fileSkipReason,
  finish,
  kubernetesSecretsInText,
  placeOnLine,
  privateKeysInText,
  type Placed,
  type ScanOptions,
} from './scanner';

export interface TextChange {
  /** Range in the document before this change (0-based line/character), like VS Code's contentChanges. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

const NONE: LineFinding[] = [];
const MAX_PEM_LINES = 400;

export class DocumentScanner {
  private lines: string[] = [];
  private perLine: LineFinding[][] = [];
  /** Whether each line starts a key block (`-----BEGIN `, a PuTTY header; kept in step with `lines`). */
  private begins: boolean[] = [];
  /** Whether each line holds a `secrets-workbench:ignore-file` directive (kept in step with `lines`). */
  private directives: boolean[] = [];
  /** Private-key results per block text (relative positions), so unchanged blocks are not re-validated. */
  private pemCache = new Map<string, Placed[]>();
  private rules: CompiledRules;
  private skipped: SkipInfo | undefined;
  private cached: ScanResult | undefined;

  constructor(
    text: string,
    private readonly options: ScanOptions = {},
  ) {
    this.rules = compileRules(options, text);
    this.setText(text);
  }

  /** Replaces the whole text (full re-scan). */
  setText(text: string): ScanResult {
    this.skipped = fileSkipReason(text, this.options);
    this.lines = text.split('\n');
    this.perLine = new Array<LineFinding[]>(this.lines.length).fill(NONE);
    this.begins = this.lines.map(isKeyBlockStart);
    this.directives = this.lines.map((l) => l.includes(FILE_DIRECTIVE));
    if (!this.skipped) for (const i of this.linesToScan(text)) this.rescanLine(i);
    this.cached = undefined;
    return this.result();
  }

  /** Applies edits in order and re-scans only the lines they touch. */
  update(changes: readonly TextChange[]): ScanResult {
    for (const change of changes) {
      const { start, end } = change.range;
      const head = this.lines[start.line]?.slice(0, start.character) ?? '';
      const tail = this.lines[end.line]?.slice(end.character) ?? '';
      const replacement = (head + change.text + tail).split('\n');
      this.lines.splice(start.line, end.line - start.line + 1, ...replacement);
      this.perLine.splice(start.line, end.line - start.line + 1, ...replacement.map(() => NONE));
      this.begins.splice(start.line, end.line - start.line + 1, ...replacement.map(isKeyBlockStart));
      this.directives.splice(
        start.line,
        end.line - start.line + 1,
        ...replacement.map((l) => l.includes(FILE_DIRECTIVE)),
      );
      if (this.skipped) continue;
      // lines after the edit may depend on it (ignore-next-line, `- name:`, wrapped assignments)
      const last = Math.min(this.lines.length - 1, start.line + replacement.length - 1 + CONTEXT_LINES);
      for (let i = start.line; i <= last; i++) this.rescanLine(i);
    }
    this.cached = undefined;
    return this.result();
  }

  get text(): string {
    return this.lines.join('\n');
  }

  result(): ScanResult {
    if (this.cached) return this.cached;
    if (this.skipped) return (this.cached = { findings: [], skipped: this.skipped });
    const placed: Placed[] = [];
    const skippedLines: number[] = [];
    let offset = 0;
    for (let i = 0; i < this.lines.length; i++) {
      const found = this.perLine[i];
      if (found !== NONE) {
        for (const f of found) placed.push(placeOnLine(f, i, offset));
      } else if (this.lines[i].length > MAX_LINE_LENGTH && this.rules.prefilter.test(this.lines[i])) {
        skippedLines.push(i);
      }
      if (this.rules.privateKeyEnabled && this.begins[i]) {
        i = this.privateKeysFrom(i, offset, placed, (skip) => (offset += skip));
        continue;
      }
      offset += this.lines[i].length + 1;
    }
    if (this.rules.formatsEnabled.has('kubernetes-secret') && this.lines.some(isKubernetesSecretKindLine))
      placed.push(...kubernetesSecretsInText(this.text, this.rules));
    // only the lines holding the directive are read, so a long document is not joined on every keystroke
    const directiveLines = this.lines.filter((_, i) => this.directives[i]).join('\n');
    this.cached = { findings: withoutFileSuppressed(directiveLines, finish(placed)) };
    if (skippedLines.length) this.cached.skippedLines = skippedLines;
    return this.cached;
  }

  /** Finds a key block starting on line `i`; returns the last line consumed and advances the offset past it. */
  private privateKeysFrom(i: number, offset: number, placed: Placed[], advance: (n: number) => void): number {
    const endMarker = keyBlockEndMarker(this.lines[i]);
    let j = i;
    if (endMarker) {
      while (j < this.lines.length - 1 && j - i < MAX_PEM_LINES && !this.lines[j].includes(endMarker)) j++;
      // per-line findings of the block's other lines still count
      let lineOffset = offset;
      for (let k = i + 1; k <= j; k++) {
        lineOffset += this.lines[k - 1].length + 1;
        for (const f of this.perLine[k]) placed.push(placeOnLine(f, k, lineOffset));
      }
      const segment = this.lines.slice(i, j + 1).join('\n');
      // the segment starts at a line start, so the previous line must be visible for ignore-next-line
      const previous = i > 0 ? this.lines[i - 1] : undefined;
      const withPrevious = previous === undefined ? segment : `${previous}\n${segment}`;
      const shift = previous === undefined ? 0 : previous.length + 1;
      let relative = this.pemCache.get(withPrevious);
      if (!relative) {
        if (this.pemCache.size > 1000) this.pemCache.clear();
        this.pemCache.set(withPrevious, (relative = privateKeysInText(withPrevious, this.rules)));
      }
      const baseLine = i - (previous === undefined ? 0 : 1);
      const baseOffset = offset - shift;
      for (const p of relative) {
        placed.push({
          ...p,
          startLine: p.startLine + baseLine,
          endLine: p.endLine + baseLine,
          startOffset: p.startOffset + baseOffset,
          endOffset: p.endOffset + baseOffset,
        });
      }
      advance(segment.length + 1);
      return j;
    }
    advance(this.lines[i].length + 1);
    return i;
  }

  /**
   * The lines a full scan can report on: those with a keyword (found by the whole-text prefilter) and the line
   * after one that continues an assignment. Any other line's scan is empty, so the others keep NONE.
   */
  private linesToScan(text: string): number[] {
    const { lines: candidates } = this.rules.prefilter.scan(text);
    const out: number[] = [];
    let line = 0;
    let lineStart = 0;
    for (let k = 0; k < candidates.length; k += 3) {
      for (; lineStart + this.lines[line].length < candidates[k]; line++) lineStart += this.lines[line].length + 1;
      if (out.at(-1) !== line) out.push(line);
      if (line + 1 < this.lines.length && continuesOnNextLine(this.lines[line].replace(/\r$/, ''))) out.push(line + 1);
    }
    return out;
  }

  private rescanLine(i: number): void {
    const line = this.lines[i];
    const body = line.endsWith('\r') ? line.slice(0, -1) : line;
    const before: string[] = [];
    for (let k = i - 1; k >= 0 && before.length < CONTEXT_LINES; k--) {
      const previous = this.lines[k];
      before.push(previous.endsWith('\r') ? previous.slice(0, -1) : previous);
    }
    this.perLine[i] = scanLine(body, before, this.rules);
  }
}
