// The labelled corpus, file by file and exactly (issue #26): each file's findings are its labelled secrets, at
// their exact offsets, and nothing else, except the known false positives listed below. Each file is scanned
// inside its own test, so a change to detection fails the test of the file it changes, with the difference.
import { strict as assert } from 'node:assert';
import { scanText } from '../../../src/core/detection/index';
import { labelOffsets, loadCorpus, scoredFindings } from '../../support/detection-corpus';

/**
 * Known false positives: the generic API-key rule fires on these public keys (labelled look-alikes). Listed so
 * the test is exact; fixing one means removing it here.
 */
const knownFalsePositives: Record<string, { ruleId: string; category: string }[]> = {
  'files/go/3/search_service_3.go': [{ ruleId: 'generic-api-key', category: 'public-key' }],
  'files/json/9/auth_worker_9.json': [{ ruleId: 'generic-api-key', category: 'public-key' }],
  'files/kotlin/3/orders_settings_3.kt': [{ ruleId: 'generic-api-key', category: 'public-key' }],
  'files/php/6/gateway_worker_6.php': [{ ruleId: 'generic-api-key', category: 'public-key' }],
  'files/ruby/2/auth_config_2.rb': [{ ruleId: 'generic-api-key', category: 'public-key' }],
  'files/ruby/9/notify_client_9.rb': [{ ruleId: 'generic-api-key', category: 'public-key' }],
  'files/typescript/3/gateway_worker_3.ts': [{ ruleId: 'generic-api-key', category: 'public-key' }],
};

describe('labelled detection corpus, exact per file', () => {
  const corpus = loadCorpus();

  it('lists known false positives only for files of the corpus', () => {
    const files = new Set(corpus.files.map((f) => f.file));
    for (const file of Object.keys(knownFalsePositives)) assert.ok(files.has(file), file);
  });

  for (const file of corpus.files) {
    it(file.file, () => {
      const result = scanText(file.text, { path: file.file });
      const found = scoredFindings(result.findings);
      const context = `${result.findings.length} findings${result.skipped ? `, skipped: ${JSON.stringify(result.skipped)}` : ''}`;
      const ranges = (items: { start: number; end: number }[]) => items.map((r) => `${r.start}-${r.end}`).sort();
      const expected = corpus.positives.filter((p) => p.file === file.file).map((p) => labelOffsets(corpus, p));
      const expectedSet = new Set(ranges(expected));
      const foundRanges = found.map((f) => ({
        start: f.range.start.offset,
        end: f.range.end.offset,
        ruleId: f.ruleId,
      }));
      const hits = foundRanges.filter((f) => expectedSet.has(`${f.start}-${f.end}`));
      const extra = foundRanges.filter((f) => !expectedSet.has(`${f.start}-${f.end}`));
      assert.deepEqual(
        ranges(hits),
        ranges(expected),
        `every labelled secret, at its exact offsets, once (${context})`,
      );
      const negatives = corpus.negatives
        .filter((n) => n.file === file.file)
        .map((n) => ({ ...labelOffsets(corpus, n), category: n.category }));
      const explained = extra.map((f) => {
        const negative = negatives.find((n) => n.start < f.end && f.start < n.end);
        return { ruleId: f.ruleId, category: negative?.category ?? 'unlabelled text' };
      });
      assert.deepEqual(explained, knownFalsePositives[file.file] ?? [], 'nothing else is reported');
    });
  }
});
