// The labelled corpus, file by file and exactly (issues #26, #17): each file's findings are the committed, reviewed
// lines of test/fixtures/detection/expected-findings.txt (location, rule, level, what the labels say), nothing more
// or less. Each file is scanned inside its own test, so a change to detection fails the test of the file it
// changes, with a readable difference.
import { strict as assert } from 'node:assert';
import { scanText } from '../../../src/core/detection/index';
import { expectationDiff, expectationLines, readExpectations } from '../../support/corpus-expectations';
import { loadCorpus } from '../../support/detection-corpus';

describe('labelled detection corpus, exact per file', () => {
  const corpus = loadCorpus();
  const expectations = readExpectations();

  it('lists expectations only for files of the corpus', () => {
    const files = new Set(corpus.files.map((f) => f.file));
    assert.deepEqual(
      [...expectations.keys()].filter((file) => !files.has(file)),
      [],
    );
  });

  // Checked against labels.json alone, without running detection: the reviewed list misses no labelled secret
  // and reports nothing outside the labels.
  it('expects every labelled secret at its exact place, and nothing unlabelled', () => {
    const missing = corpus.positives
      .map((p) => ({ file: p.file, at: `${p.line + 1}:${p.start + 1}-${p.endLine + 1}:${p.end + 1} ` }))
      .filter(({ file, at }) => !(expectations.get(file) ?? []).some((l) => l.startsWith(at) && / secret\b/.test(l)))
      .map(({ file, at }) => `${file} ${at}`);
    assert.deepEqual(missing, [], 'labelled secrets the expectations do not list');
    const unlabelled = [...expectations].flatMap(([file, lines]) =>
      lines.filter((l) => / unlabelled$/.test(l)).map((l) => `${file} ${l}`),
    );
    assert.deepEqual(unlabelled, []);
  });

  for (const file of corpus.files) {
    it(file.file, () => {
      const actual = expectationLines(corpus, file, scanText(file.text, { path: file.file }).findings);
      const expected = expectations.get(file.file) ?? [];
      if (actual.join('\n') !== expected.join('\n')) assert.fail(expectationDiff(file.file, expected, actual));
    });
  }
});
