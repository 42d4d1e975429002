import assert from 'node:assert/strict';
import { buildSync } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scanInParallel } from '../../../src/core/scan/parallel';
import { scanEntries, type FileOutcome } from '../../../src/core/scan/pipeline';
import { FileReader } from '../../../src/core/scan/read';
import { ReadAhead, type ReadAheadOptions } from '../../../src/core/scan/read-ahead';
import { walkFiles } from '../../../src/core/scan/walk';
import { Synthetic } from '../../support/synthetic';

const compact = (o: FileOutcome): FileOutcome => (o.result?.findings.length ? o : { ...o, text: undefined });

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error('the read-ahead thread never became ready');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('read-ahead: a second thread reads the files a one-thread scan decodes and scans', () => {
  let dir: string;
  let script: string;
  let paths: string[];
  const synthetic = new Synthetic(41);
  const SLOT = 1024;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'swb-read-ahead-'));
    // the thread as shipped: bundled (worker threads do not inherit mocha's tsx loader)
    script = join(dir, 'read-ahead-worker.js');
    buildSync({
      entryPoints: [resolve('src/core/scan/read-ahead-worker.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'warning',
    });
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    for (let i = 0; i < 60; i++) {
      const secret = i % 6 === 0 ? `DB_PASSWORD=${synthetic.password()}\n` : '';
      writeFileSync(join(tree, `${String(i).padStart(2, '0')}.env`), `# file ${i}\n${secret}PORT=80${i}\n`);
    }
    const token = `API_TOKEN=${synthetic.apiKey()}\n`;
    writeFileSync(join(tree, 'utf16le.txt'), Buffer.from(`\ufeff${token}`, 'utf16le'));
    writeFileSync(join(tree, 'utf16be.txt'), Buffer.from(`\ufeff${token}`, 'utf16le').swap16());
    writeFileSync(join(tree, 'blob.bin'), Buffer.from([1, 0, 2, 0, 3]));
    writeFileSync(join(tree, 'empty.txt'), '');
    writeFileSync(join(tree, 'exactly-a-slot.txt'), 'x'.repeat(SLOT));
    writeFileSync(
      join(tree, 'bigger-than-a-slot.env'),
      `${'# padding\n'.repeat(200)}SECRET_KEY=${synthetic.apiKey()}\n`,
    );
    writeFileSync(join(tree, 'keystore.p12'), Buffer.from([0x30, 0x82, 0x01, 0x00, 0, 0xff]));
    writeFileSync(join(tree, 'vanishes.txt'), 'gone before it is read');
    paths = [...walkFiles(tree, ['.'], { gitignore: false })].map((e) => e.absolute);
    unlinkSync(join(tree, 'vanishes.txt'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const raw = (path: string) => path.endsWith('.p12');
  const alone = (order = paths) => {
    const reader = new FileReader();
    return order.map((p) => reader.read(p, raw(p)));
  };
  /** Every file read through a ReadAhead on `thread`, in `order`, once the thread is ready (when it can be). */
  async function readThrough(thread: string, options: ReadAheadOptions, order = paths, waitForReady = true) {
    const ahead = new ReadAhead(thread, options);
    try {
      ahead.start(paths);
      if (waitForReady) await until(() => ahead.ready);
      return { outcomes: order.map((p) => ahead.read(p, raw(p))), delivered: ahead.delivered };
    } finally {
      ahead.close();
    }
  }

  it('gives exactly what FileReader gives, with most files read by the thread', async () => {
    const { outcomes, delivered } = await readThrough(script, { slots: 4, slotBytes: SLOT });
    assert.deepEqual(outcomes, alone());
    // all but the first (read here at the hand-off) and those that do not fit a slot or could not be read
    assert.equal(delivered, paths.length - 4, 'the thread delivered the rest');
    assert.ok(outcomes.some((o) => 'error' in o && o.error.code === 'ENOENT'));
    assert.ok(outcomes.some((o) => 'skipped' in o && o.skipped.reason === 'binary'));
    assert.equal(outcomes.filter((o) => 'text' in o && o.text.includes('API_TOKEN=')).length, 2, 'UTF-16 LE and BE');
  });

  it('reads every file on this thread when the thread fails to load', async () => {
    const broken = join(dir, 'broken.cjs');
    writeFileSync(broken, 'throw new Error("read-ahead thread failed to load");');
    const { outcomes, delivered } = await readThrough(broken, {}, paths, false);
    assert.deepEqual(outcomes, alone());
    assert.equal(delivered, 0);
  });

  it('takes over after a stall: a thread that is ready but never delivers costs one wait, not the scan', async () => {
    const stalled = join(dir, 'stalled.cjs');
    writeFileSync(
      stalled,
      `const { parentPort, workerData } = require('node:worker_threads');
       parentPort.once('message', () => { Atomics.store(workerData.control, 0, 1); });`,
    );
    const { outcomes, delivered } = await readThrough(stalled, { stallMs: 50 });
    assert.deepEqual(outcomes, alone());
    assert.equal(delivered, 0);
  });

  it('reads here once called out of the announced order', async () => {
    const reversed = [...paths].reverse();
    const { outcomes } = await readThrough(script, { slots: 4, slotBytes: SLOT }, reversed);
    assert.deepEqual(outcomes, alone(reversed));
  });

  it('through the pipeline: the same outcomes as the plain one-thread scan', async () => {
    const walk = () => walkFiles(join(dir, 'tree'), ['.'], { gitignore: false });
    const plain = [...scanEntries(walk())].map(compact);
    assert.ok(plain.filter((o) => o.result?.findings.length).length >= 13, 'the tree holds findings');
    const scan = await scanInParallel(walk(), { readAheadScript: script, readAheadMinFiles: 1, workers: 0 });
    assert.deepEqual(scan.outcomes, plain);
  });
});
