import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyCase, loadCases } from './fixture-cases';

// The expected files are committed and reviewed (see fixture-cases.ts); nothing here writes them.
describe('fix generators: golden files per language', () => {
  for (const goldenCase of loadCases()) {
    it(`${goldenCase.id}: the reviewed expected file is a fix of its input (checked without the generators)`, () => {
      const input = readFileSync(goldenCase.inputFile, 'utf8');
      const expected = readFileSync(goldenCase.expectedFile, 'utf8');
      assert.equal(expected === input, !!goldenCase.expectUnchanged, 'changed exactly when a fix applies');
      for (const group of goldenCase.groups)
        for (const finding of group.findings) {
          assert.ok(input.includes(finding.value), `finding ${finding.name} is in the input`);
          assert.equal(expected.includes(finding.value), !!goldenCase.expectUnchanged, `${finding.name} moved out`);
        }
    });

    it(`${goldenCase.id}: fixes ${goldenCase.path} exactly as expected`, () => {
      const applied = applyCase(goldenCase);
      assert.equal(applied.text, readFileSync(goldenCase.expectedFile, 'utf8'));
      assert.deepEqual(
        applied.names,
        goldenCase.groups.map((group) => group.expectedName),
      );
      // Every group moved exactly the findings the case lists together.
      assert.deepEqual(
        applied.groupsFound,
        goldenCase.groups.map((group) => group.findings.map((finding) => finding.name)),
      );
      // The stored value is exactly what the code held (JSON with named keys for a group).
      goldenCase.groups.forEach((group, i) => {
        const stored = applied.secretStrings[i];
        if (group.findings.length === 1) assert.equal(stored, group.findings[0].value);
        else
          assert.deepEqual(
            JSON.parse(stored),
            Object.fromEntries(group.findings.map((finding) => [finding.name, finding.value])),
          );
        assert.equal(applied.blocked[i], !!group.expectBlocked, 'the fetch is refused exactly where it would be wrong');
        if (group.expectedEnv) assert.deepEqual(applied.plans[i].env, group.expectedEnv);
        assert.equal(
          !!applied.plans[i].titleNote,
          !!group.expectTitleNote ||
            applied.plans[i].changesFile === false ||
            /dotenv|compose/.test(applied.plans[i].language),
          'a title note says when the fix is not a plain replacement',
        );
      });
      assert.deepEqual(
        applied.createFiles.map((file) => file.path),
        goldenCase.createFiles ?? [],
      );
      for (const group of goldenCase.groups)
        for (const finding of group.findings)
          assert.equal(applied.text.includes(finding.value), !!goldenCase.expectUnchanged);
      if (goldenCase.expectedReference)
        assert.ok(applied.text.includes(goldenCase.expectedReference), 'reference string present');
    });
  }
});
