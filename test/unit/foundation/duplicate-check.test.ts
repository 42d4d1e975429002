// The duplicate-code check (#17, `npm run lint:duplicates`, part of `npm run lint`): the project's .jscpd.json
// fails on a block of 11 copied lines and lets 10 pass, and src/ passes it.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const jscpd = (...paths: string[]) =>
  spawnSync(process.execPath, ['node_modules/jscpd/run-jscpd.js', '--config', '.jscpd.json', ...paths], {
    encoding: 'utf8',
  });

/** A function whose body is `lines` distinct statements, with a different name in each file. */
const copied = (name: string, lines: number) =>
  [
    `export function ${name}(input: number[]): number {`,
    ...Array.from({ length: lines - 2 }, (_, i) => `  input.push(input.length * ${i + 3} + (input[0] ?? ${i}));`),
    '}',
  ].join('\n');

describe('duplicate-code check', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'sw-jscpd-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  async function pair(lines: number) {
    const folder = await mkdtemp(join(dir, `l${lines}-`));
    // an unrelated line before each copy, so the files differ outside the copied block
    await writeFile(join(folder, 'a.ts'), `export const a = 1;\n${copied('first', lines)}\n`);
    await writeFile(join(folder, 'b.ts'), `export const b = 'two';\n${copied('first', lines)}\n`);
    return folder;
  }

  it('fails on a copied block of 11 lines', async () => {
    const run = jscpd(await pair(11));
    assert.equal(run.status, 1, run.stdout);
    assert.match(run.stdout, /Found 1 clones?/);
  });

  it('lets a copied block of 10 lines pass', async () => {
    const run = jscpd(await pair(10));
    assert.equal(run.status, 0, run.stdout);
  });

  it('finds no copied block of more than 10 lines in src/', () => {
    const run = jscpd();
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /Found 0 clones/);
  });
});
