import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/core/detection/index';
import { gitignoreFilter } from '../../../src/core/scan/gitignore';
import { scanFiles, type ScanSource } from '../../../src/core/scan/workspace-scan';

const secretLine = 'DB_PASSWORD=k27zF8s5pjgaDAuiza97\n';
const source = (path: string, text: string): ScanSource => ({ path, read: async () => text });

describe('workspace scan (chunked)', () => {
  it('scans every file, reports findings per file and counts progress', async () => {
    const files = [source('a/.env', secretLine), source('b/readme.md', 'nothing here\n'), source('c/.env', secretLine)];
    const seen: string[] = [];
    const progress: number[] = [];
    const summary = await scanFiles(files, {
      onFile: (path, findings) => findings.length && seen.push(path),
      onProgress: (done) => progress.push(done),
    });
    assert.deepEqual(seen, ['a/.env', 'c/.env']);
    assert.deepEqual(progress, [1, 2, 3]);
    assert.equal(summary.findings, 2);
    assert.equal(summary.scanned, 3);
  });

  it("applies the project config's ignore globs and file-level suppressions", async () => {
    const config = parseConfig(JSON.stringify({ ignore: ['vendor/**'] }));
    const files = [
      source('vendor/x/.env', secretLine),
      source('app/.env', `# secrets-workbench:ignore-file generic-password\n${secretLine}`),
      source('app/other.env', secretLine),
    ];
    const summary = await scanFiles(files, { config });
    assert.equal(summary.skipped, 1);
    assert.equal(summary.findings, 1);
  });

  it('yields to the event loop while scanning, and stops when cancelled', async () => {
    const files = Array.from({ length: 400 }, (_, i) => source(`f${i}.env`, secretLine.repeat(200)));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    let cancelled = false;
    const summary = await scanFiles(files, {
      sliceMs: 1,
      isCancelled: () => cancelled,
      onProgress: (done) => void (done === 200 && (cancelled = true)),
    });
    clearInterval(timer);
    assert.ok(ticks > 0, 'a timer ran during the scan');
    assert.equal(summary.cancelled, true);
    assert.equal(summary.scanned, 200);
  });

  it('honours nested .gitignore files below their own folder', () => {
    const ignored = gitignoreFilter([
      { dir: '', content: 'dist/\n*.log\n' },
      { dir: 'pkg', content: 'secret.env\n' },
    ]);
    assert.equal(ignored('dist/a.js'), true);
    assert.equal(ignored('src/a.log'), true);
    assert.equal(ignored('pkg/secret.env'), true);
    assert.equal(ignored('other/secret.env'), false);
    assert.equal(ignored('src/a.ts'), false);
  });
});
