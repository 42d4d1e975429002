// The README's first copyable things are the two newcomer commands, each a fenced block of its own (issue #16:
// they were cells of a table), near the top: run the product on the local vault, then run the tests.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('opens with `npm start` and `npm test` as the first two fenced code blocks, before any table', () => {
    const lines = readme.split('\n');
    const fences: { line: number; body: string }[] = [];
    for (let i = 0; i < lines.length && fences.length < 2; i++) {
      if (!lines[i].startsWith('```')) continue;
      const end = lines.indexOf('```', i + 1);
      fences.push({ line: i, body: lines.slice(i + 1, end).join('\n') });
      i = end;
    }
    assert.deepEqual(
      fences.map((fence) => fence.body),
      ['npm ci && npm start', 'npm ci && npm test'],
    );
    assert.ok(fences[1].line < 25, `the commands are at the top (line ${fences[1].line + 1})`);
    const firstTable = lines.findIndex((line) => /^\|.*\|$/.test(line));
    assert.ok(firstTable < 0 || firstTable > fences[1].line, 'no table comes before them');
  });
});
