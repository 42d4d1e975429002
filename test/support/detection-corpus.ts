// Loads the labelled detection corpus and scores a tool's findings against it (shared by bench and tests).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS_DIR = 'test/fixtures/detection';

interface LabelBase {
  file: string;
  line: number;
  start: number;
  endLine: number;
  end: number;
  value: string;
}
export interface PositiveLabel extends LabelBase {
  ruleId: string;
  kind: string;
}
export interface NegativeLabel extends LabelBase {
  category: string;
}

export interface CorpusFile {
  file: string;
  path: string;
  text: string;
  lineStarts: number[];
}

export interface Corpus {
  files: CorpusFile[];
  positives: PositiveLabel[];
  negatives: NegativeLabel[];
}

/** A tool's finding reduced to what scoring needs: file, offsets, the tool's rule id. */
export interface ScoredFinding {
  file: string;
  start: number;
  end: number;
  ruleId: string;
}

/**
 * The findings a credential scorer counts: the corpus labels made-up tokens whose checksum fails as look-alikes,
 * and the engine reports them as warnings that say so (a different class, checked on its own), so those are left out.
 */
export function scoredFindings<T extends { signals?: { checksum?: string } }>(findings: T[]): T[] {
  return findings.filter((f) => f.signals?.checksum !== 'invalid');
}

export function loadCorpus(): Corpus {
  const labels = JSON.parse(readFileSync(join(CORPUS_DIR, 'labels.json'), 'utf8')) as {
    positives: PositiveLabel[];
    negatives: NegativeLabel[];
  };
  const names = [...new Set([...labels.positives, ...labels.negatives].map((l) => l.file))].sort();
  const files = names.map((file) => {
    const path = join(CORPUS_DIR, file);
    const text = readFileSync(path, 'utf8');
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    return { file, path, text, lineStarts };
  });
  return { files, positives: labels.positives, negatives: labels.negatives };
}

export function labelOffsets(corpus: Corpus, label: LabelBase): { start: number; end: number } {
  const file = corpus.files.find((f) => f.file === label.file)!;
  return { start: file.lineStarts[label.line] + label.start, end: file.lineStarts[label.endLine] + label.end };
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

export interface Evaluation {
  overall: Score;
  /** Per labelled kind: recall from labels; false positives attributed to the kind of the look-alike they hit, else 'unlabelled'. */
  perKind: Map<string, Score>;
  falsePositives: { finding: ScoredFinding; negative?: NegativeLabel }[];
  missed: PositiveLabel[];
  /** Matched findings whose rule id equals the label's rule id (only meaningful for our own rules). */
  sameRule: number;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

export function evaluate(corpus: Corpus, findings: ScoredFinding[]): Evaluation {
  const positives = corpus.positives.map((label) => ({ label, ...labelOffsets(corpus, label) }));
  const negatives = corpus.negatives.map((label) => ({ label, ...labelOffsets(corpus, label) }));
  const matched = new Set<PositiveLabel>();
  const falsePositives: Evaluation['falsePositives'] = [];
  const fpByKind = new Map<string, number>();
  let sameRule = 0;
  let tpFindings = 0;
  for (const finding of findings) {
    const hits = positives.filter((p) => p.label.file === finding.file && overlaps(p, finding));
    if (hits.length) {
      tpFindings++;
      for (const h of hits) {
        if (!matched.has(h.label) && h.label.ruleId === finding.ruleId) sameRule++;
        matched.add(h.label);
      }
      continue;
    }
    const negative = negatives.find(
      (n) => n.label.file === finding.file && (overlaps(n, finding) || n.start === finding.start),
    );
    falsePositives.push({ finding, negative: negative?.label });
    const key = negative ? `look-alike: ${negative.label.category}` : 'unlabelled text';
    fpByKind.set(key, (fpByKind.get(key) ?? 0) + 1);
  }
  const perKind = new Map<string, Score>();
  const kinds = [...new Set(corpus.positives.map((p) => p.ruleId))].sort();
  for (const kind of kinds) {
    const labels = corpus.positives.filter((p) => p.ruleId === kind);
    const tp = labels.filter((l) => matched.has(l)).length;
    perKind.set(kind, score(tp, 0, labels.length - tp));
  }
  for (const [key, fp] of fpByKind) perKind.set(key, score(0, fp, 0));
  const missed = corpus.positives.filter((p) => !matched.has(p));
  return {
    overall: score(tpFindings, falsePositives.length, missed.length),
    perKind,
    falsePositives,
    missed,
    sameRule,
  };
}
