import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scanInParallel } from '../../../src/core/scan/parallel';
import { scanEntries, type FileOutcome } from '../../../src/core/scan/pipeline';
import { loadPostureLint } from '../../../src/core/scan/posture-loader';
import { walkFiles } from '../../../src/core/scan/walk';
import { Synthetic } from '../../support/synthetic';

// the worker from source (the shipped one is the bundled dist/scan-worker.js)
const WORKER = resolve('test/support/scan-worker-from-source.mjs');
/** What the pool returns for an outcome: the text only when a finding needs it. */
const compact = (o: FileOutcome): FileOutcome => (o.result?.findings.length ? o : { ...o, text: undefined });

describe('scan pool: the pipeline on worker threads', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'swb-pool-'));
    const synthetic = new Synthetic(23);
    for (let folder = 0; folder < 6; folder++) {
      mkdirSync(join(dir, `f${folder}`));
      for (let i = 0; i < 40; i++) {
        const secret = i % 7 === 0 ? `DB_PASSWORD=${synthetic.password()}\n` : '';
        writeFileSync(join(dir, `f${folder}`, `${i}.env`), `# file ${i}\n${secret}PORT=80${i}\n`);
      }
    }
    writeFileSync(join(dir, 'f0', 'utf16.txt'), Buffer.from(`\ufeffAPI_TOKEN=${synthetic.password()}\n`, 'utf16le'));
    writeFileSync(join(dir, 'f1', 'blob.bin'), Buffer.from([1, 0, 2, 0, 3]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const walk = () => walkFiles(dir, ['.'], { gitignore: true });

  it('the workers give exactly the single-thread outcomes, in walk order', async () => {
    const alone = [...scanEntries(walk())].map(compact);
    assert.ok(alone.filter((o) => o.result?.findings.length).length >= 30, 'the tree holds findings');
    assert.ok(alone.some((o) => o.skipped?.reason === 'binary'));
    const pooled = await scanInParallel(walk(), { workerScript: WORKER, workers: 2, scanOnThisThread: false });
    assert.deepEqual(pooled.outcomes, alone);
    assert.equal(pooled.filesPerThread[0], 0);
    assert.equal(pooled.filesPerThread[1] + pooled.filesPerThread[2], alone.length);
  });

  it('shares the files between this thread and the workers without losing or repeating one', async () => {
    const alone = [...scanEntries(walk())].map(compact);
    const pooled = await scanInParallel(walk(), { workerScript: WORKER, workers: 1, minFiles: 1 });
    assert.deepEqual(pooled.outcomes, alone);
    assert.equal(pooled.filesPerThread[0] + pooled.filesPerThread[1], alone.length);
  });

  it('runs the IaC least-privilege lint in the workers too (scan --posture)', async () => {
    const iac = mkdtempSync(join(tmpdir(), 'swb-pool-iac-'));
    try {
      const statement = '{"Effect": "Allow", "Action": "secretsmanager:*", "Resource": "*"}';
      for (let i = 0; i < 4; i++) writeFileSync(join(iac, `p${i}.json`), `{"Statement": [${statement}]}\n`);
      const iacWalk = () => walkFiles(iac, ['.'], { gitignore: true });
      const posture = await loadPostureLint();
      const alone = [...scanEntries(iacWalk(), { posture })].map(compact);
      assert.deepEqual(
        alone.map((o) => o.posture?.map((p) => p.ruleId)),
        Array(4).fill(['iac-secret-read-on-all-resources']),
      );
      const pooled = await scanInParallel(iacWalk(), {
        workerScript: WORKER,
        workers: 1,
        scanOnThisThread: false,
        posture,
      });
      assert.deepEqual(pooled.outcomes, alone);
      assert.equal(pooled.filesPerThread[1], 4, 'the worker did them all');
    } finally {
      rmSync(iac, { recursive: true, force: true });
    }
  });

  it('a worker that fails leaves its files to this thread: the scan is complete all the same', async () => {
    const broken = join(dir, 'broken-worker.cjs');
    writeFileSync(broken, 'throw new Error("worker failed to load");');
    const alone = [...scanEntries(walk())].map(compact);
    const pooled = await scanInParallel(walk(), { workerScript: broken, workers: 1, scanOnThisThread: false });
    assert.deepEqual(pooled.outcomes, alone);
    assert.deepEqual(pooled.filesPerThread, [alone.length, 0]);
  });

  it('without a worker script, or for a single file, scans on this thread alone', async () => {
    const alone = [...scanEntries(walk())].map(compact);
    assert.deepEqual(await scanInParallel(walk(), {}), { outcomes: alone, filesPerThread: [alone.length] });
    const one = walkFiles(dir, ['f0/0.env'], { gitignore: true });
    const missing = join(dir, 'no-such-worker.js'); // never started: one file does not reach minFiles
    const single = await scanInParallel(one, { workerScript: missing, scanOnThisThread: false });
    assert.deepEqual(single.filesPerThread, [1]);
  });
});
