// The detection corpus's expected findings, file by file (test/fixtures/detection/expected-findings.txt): every
// finding the engine reports, with what the labels say it hit. The file is committed and reviewed by hand; no
// script writes it, so a deliberate change to detection edits its lines in the same commit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/core/detection/index';
import { CORPUS_DIR, labelOffsets, type Corpus, type CorpusFile } from './detection-corpus';

export const EXPECTATIONS_FILE = join(CORPUS_DIR, 'expected-findings.txt');

/** One finding as an expectation line: `line:column-line:column rule-id level label` (1-based). */
export function expectationLines(corpus: Corpus, file: CorpusFile, findings: Finding[]): string[] {
  const at = (p: { line: number; character: number }) => `${p.line + 1}:${p.character + 1}`;
  return findings.map((f) => {
    const { start, end } = { start: f.range.start.offset, end: f.range.end.offset };
    return `${at(f.range.start)}-${at(f.range.end)} ${f.ruleId} ${f.level} ${labelFor(corpus, file, start, end, f.ruleId)}`;
  });
}

/** What labels.json says a finding at these offsets is: a labelled secret (exact offsets), a look-alike, or neither. */
function labelFor(corpus: Corpus, file: CorpusFile, start: number, end: number, ruleId: string): string {
  const positive = corpus.positives.find((p) => {
    const at = p.file === file.file && labelOffsets(corpus, p);
    return at && at.start === start && at.end === end;
  });
  if (positive) return positive.ruleId === ruleId ? 'secret' : `secret (labelled ${positive.ruleId})`;
  const negative = corpus.negatives.find((n) => {
    const at = n.file === file.file && labelOffsets(corpus, n);
    return at && at.start < end && start < at.end;
  });
  return negative ? `look-alike ${negative.category}` : 'unlabelled';
}

/** The committed expectations: corpus file → its lines, in file order. */
export function readExpectations(): Map<string, string[]> {
  const expectations = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of readFileSync(EXPECTATIONS_FILE, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (line.startsWith('  ')) {
      if (!current) throw new Error(`${EXPECTATIONS_FILE}: a finding before any file: ${line}`);
      current.push(line.trim());
    } else {
      if (expectations.has(line)) throw new Error(`${EXPECTATIONS_FILE}: ${line} listed twice`);
      expectations.set(line, (current = []));
    }
  }
  return expectations;
}

/** Readable difference: `- line` expected but not reported, `+ line` reported but not expected. */
export function expectationDiff(file: string, expected: string[], actual: string[]): string {
  const missing = expected.filter((line) => !actual.includes(line)).map((line) => `  - ${line}`);
  const extra = actual.filter((line) => !expected.includes(line)).map((line) => `  + ${line}`);
  return [`${file} (- expected, not reported; + reported, not expected):`, ...missing, ...extra].join('\n');
}
