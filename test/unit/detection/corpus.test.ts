import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanText } from '../../../src/core/detection/index';
import { readExpectations } from '../../support/corpus-expectations';
import { CORPUS_DIR, evaluate, loadCorpus, scoredFindings, type ScoredFinding } from '../../support/detection-corpus';
import { loadSecretlint } from '../../support/secretlint';

describe('labelled detection corpus', () => {
  const corpus = loadCorpus();
  // Scanned inside the tests (not while the file loads), so a failure or a mutant lands on a test.
  let evaluation: ReturnType<typeof evaluate> | undefined;
  const ourResult = () => {
    if (evaluation) return evaluation;
    const ours: ScoredFinding[] = corpus.files.flatMap((f) =>
      scoredFindings(scanText(f.text, { path: f.file }).findings).map((x) => ({
        file: f.file,
        start: x.range.start.offset,
        end: x.range.end.offset,
        ruleId: x.ruleId,
      })),
    );
    evaluation = evaluate(corpus, ours);
    return evaluation;
  };

  it('is big enough: ≥ 150 files, ≥ 300 secrets, ≥ 300 look-alikes, every syntax family', () => {
    assert.ok(corpus.files.length >= 150, `${corpus.files.length} files`);
    assert.ok(corpus.positives.length >= 300, `${corpus.positives.length} positives`);
    assert.ok(corpus.negatives.length >= 300, `${corpus.negatives.length} negatives`);
    const dirs = new Set(corpus.files.map((f) => f.file.split('/')[1]));
    for (const d of [
      'typescript',
      'javascript',
      'python',
      'go',
      'java',
      'csharp',
      'ruby',
      'php',
      'rust',
      'kotlin',
      'shell',
    ]) {
      assert.ok(dirs.has(d), d);
    }
    for (const d of ['dotenv', 'yaml', 'json', 'toml', 'ini', 'properties', 'xml', 'terraform', 'docker'])
      assert.ok(dirs.has(d), d);
  });

  it('is exactly what the seeded generator produces', function () {
    this.timeout(60_000);
    const out = mkdtempSync(join(tmpdir(), 'swb-corpus-'));
    try {
      execFileSync('node', ['scripts/generate-detection-corpus.mjs', out], { stdio: 'pipe' });
      assert.equal(
        readFileSync(join(out, 'labels.json'), 'utf8'),
        readFileSync(join(CORPUS_DIR, 'labels.json'), 'utf8'),
      );
      for (const f of corpus.files) assert.equal(readFileSync(join(out, f.file), 'utf8'), f.text, f.file);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('keeps precision and recall at or above 0.95', () => {
    const { precision, recall } = ourResult().overall;
    assert.ok(precision >= 0.95, `precision ${precision.toFixed(3)}`);
    assert.ok(recall >= 0.95, `recall ${recall.toFixed(3)}`);
  });

  it('fires on labelled look-alikes exactly where the reviewed expectations list known false positives', () => {
    const hits = ourResult()
      .falsePositives.filter((fp) => fp.negative)
      .map((fp) => `${fp.finding.file}: ${fp.negative!.category}`)
      .sort();
    const known = [...readExpectations()]
      .flatMap(([file, lines]) => lines.map((line) => ({ file, category: / look-alike (\S+)$/.exec(line)?.[1] })))
      .filter(({ category }) => category && category !== 'invalid-checksum') // warnings that say why, not scored
      .map(({ file, category }) => `${file}: ${category}`)
      .sort();
    assert.deepEqual(hits, known);
  });

  it('reports every made-up token whose checksum fails as a warning that says why (never an error, never dropped)', () => {
    const madeUp = corpus.negatives.filter((n) => n.category === 'invalid-checksum');
    assert.ok(madeUp.length >= 5, `${madeUp.length} invalid-checksum look-alikes`);
    for (const label of madeUp) {
      const file = corpus.files.find((f) => f.file === label.file)!;
      const start = file.lineStarts[label.line] + label.start;
      const finding = scanText(file.text, { path: file.file }).findings.find((f) => f.range.start.offset === start);
      assert.ok(finding, `${label.file}:${label.line + 1} not reported`);
      assert.equal(finding.level, 'warning');
      assert.equal(finding.signals.checksum, 'invalid');
      assert.match(finding.title, /checksum does not verify: likely a placeholder/);
    }
  });

  it('beats secretlint (recommended preset) on F1 on the same files', async function () {
    this.timeout(60_000);
    const secretlint = await loadSecretlint();
    const theirs: ScoredFinding[] = [];
    for (const f of corpus.files)
      for (const m of await secretlint.lint(f.text, f.path)) theirs.push({ file: f.file, ...m });
    const them = evaluate(corpus, theirs).overall;
    const ours = ourResult().overall;
    assert.ok(ours.f1 > them.f1, `ours ${ours.f1.toFixed(3)} vs secretlint ${them.f1.toFixed(3)}`);
  });
});
