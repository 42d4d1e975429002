// #22 baselines: keyed fingerprints (no value, no plain hash), stable across line moves and renames, reviewed
// marks kept, a bad file refused without being touched.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanText } from '../../../src/core/detection/scanner';
import {
  BaselineError,
  createBaselineFilter,
  markReviewed,
  readBaseline,
  writeBaseline,
} from '../../../src/core/git/baseline';
import { Synthetic } from '../../support/synthetic';

const gen = new Synthetic(2233);

describe('baseline (#22)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'swb-baseline-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records no value and no plain hash; the filter passes only findings not in it, wherever they move', () => {
    const token = gen.githubToken();
    const key = gen.apiKey();
    const old = scanText(`const token = "${token}";\n`, { path: 'src/a.ts' }).findings;
    assert.equal(old.length, 1);
    const file = join(dir, 'baseline.json');
    writeBaseline(file, [{ finding: old[0], path: 'src/a.ts' }]);
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(token));
    assert.ok(!text.includes(old[0].valueHash));
    assert.ok(!text.includes(createHash('sha256').update(token).digest('hex')));

    const filter = createBaselineFilter(readBaseline(file));
    // moved down 40 lines, in a renamed file of another language: still known
    const moved = scanText(`${'\n'.repeat(40)}TOKEN = "${token}"\n`, { path: 'lib/renamed.py' }).findings;
    assert.equal(moved.length, 1);
    assert.equal(filter(moved[0]), false);
    const added = scanText(`const token = "${token}";\nconst apiKey = "${key}";\n`, { path: 'src/a.ts' });
    assert.deepEqual(
      added.findings.filter(filter).map((f) => f.ruleId),
      added.findings.filter((f) => f.range.start.line === 1).map((f) => f.ruleId),
    );
    assert.equal(added.findings.filter(filter).length, 1);
  });

  it('keeps the key and the reviewed marks of entries still found, drops entries no longer found', () => {
    const [a, b] = [gen.githubToken(), gen.githubToken()];
    const findings = scanText(`x = "${a}"\ny = "${b}"\n`, { path: 'f.py' }).findings;
    assert.equal(findings.length, 2);
    const file = join(dir, 'b.json');
    const first = writeBaseline(file, findings);
    assert.equal(first.entries.length, 2);
    for (const entry of first.entries) assert.ok(markReviewed(first, entry.fingerprint, 'test value'));
    writeFileSync(file, JSON.stringify(first));
    const second = writeBaseline(file, [findings[0]], readBaseline(file));
    assert.equal(second.key, first.key);
    assert.equal(second.entries.length, 1);
    assert.deepEqual(second.entries[0].reviewed, { notASecret: true, reason: 'test value' });
    assert.deepEqual(readBaseline(file), second);
    // rewriting gives the same bytes
    const bytes = readFileSync(file, 'utf8');
    writeBaseline(file, [findings[0]], readBaseline(file));
    assert.equal(readFileSync(file, 'utf8'), bytes);
  });

  it('refuses bad JSON, a wrong version, a missing file with a clear error that quotes nothing, touching nothing', () => {
    const secret = gen.githubToken();
    const file = join(dir, 'b.json');
    writeFileSync(file, `GITHUB_TOKEN=${secret}\n`);
    assert.throws(
      () => readBaseline(file),
      (e: Error) => e instanceof BaselineError && /not valid JSON/.test(e.message) && !e.message.includes(secret),
    );
    assert.equal(readFileSync(file, 'utf8'), `GITHUB_TOKEN=${secret}\n`);
    writeFileSync(
      file,
      JSON.stringify({ format: 'secrets-workbench-baseline', version: 9, key: 'k'.repeat(43), entries: [] }),
    );
    assert.throws(() => readBaseline(file), /has version 9; this secrets-workbench reads version 1/);
    writeFileSync(file, JSON.stringify({ format: 'other', version: 1 }));
    assert.throws(() => readBaseline(file), /not a secrets-workbench baseline/);
    assert.throws(() => readBaseline(join(dir, 'missing.json')), /no such file/);
  });
});
