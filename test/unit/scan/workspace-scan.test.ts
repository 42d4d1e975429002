import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseConfig } from '../../../src/core/detection/index';
import { loadPostureLint } from '../../../src/core/scan/posture-loader';
import { scanFolder } from '../../../src/core/usecases/scan-folder';

const secretLine = 'DB_PASSWORD=k27zF8s5pjgaDAuiza97\n';

describe('workspace scan (the CLI pipeline in time slices)', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'swb-workspace-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('scans every file, reports findings per file and counts progress', async () => {
    write('a/.env', secretLine);
    write('b/readme.md', 'nothing here\n');
    write('c/.env', secretLine);
    const seen: string[] = [];
    const progress: number[] = [];
    const summary = await scanFolder(root, {
      onFile: (path, findings) => findings.length && seen.push(path),
      onProgress: (done, total) => progress.push(done, total),
    });
    assert.deepEqual(seen, ['a/.env', 'c/.env']);
    assert.deepEqual(progress, [1, 3, 2, 3, 3, 3]);
    assert.equal(summary.findings, 2);
    assert.equal(summary.scanned, 3);
  });

  it('runs the IaC lint in the same pass when given one, every file reported so earlier results clear', async () => {
    const statement = '{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}';
    write('iac/reader.json', `{"Statement": [${statement}]}\n`);
    write('iac/app.env', secretLine);
    const posture: Record<string, string[]> = {};
    await scanFolder(root, {
      posture: await loadPostureLint(),
      onPosture: (path, results) => (posture[path] = results.map((r) => `${r.ruleId}@${r.range.start.line}`)),
    });
    assert.deepEqual(posture, { 'iac/app.env': [], 'iac/reader.json': ['iac-secret-read-on-all-resources@0'] });
    const without: string[] = [];
    await scanFolder(root, { onPosture: (path) => without.push(path) });
    assert.deepEqual(without, [], 'no lint asked for, none run');
  });

  it("applies the project config's ignore globs, the excludes and file-level suppressions", async () => {
    const config = parseConfig(JSON.stringify({ ignore: ['vendor/**'] }));
    write('vendor/x/.env', secretLine);
    write('app/.env', `# secrets-workbench:ignore-file generic-password\n${secretLine}`);
    write('app/other.env', secretLine);
    write('build/out.env', secretLine);
    const summary = await scanFolder(root, { config, isExcluded: (path) => path === 'build' });
    assert.equal(summary.skipped, 1);
    assert.equal(summary.scanned, 2);
    assert.equal(summary.findings, 1);
  });

  it('yields to the event loop while scanning, and stops when cancelled', async () => {
    for (let i = 0; i < 400; i++) write(`f${String(i).padStart(3, '0')}.env`, secretLine.repeat(200));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    let cancelled = false;
    const summary = await scanFolder(root, {
      sliceMs: 1,
      isCancelled: () => cancelled,
      onProgress: (done) => void (done === 200 && (cancelled = true)),
    });
    clearInterval(timer);
    assert.ok(ticks > 0, 'a timer ran during the scan');
    assert.equal(summary.cancelled, true);
    assert.equal(summary.scanned, 200);
  });

  it('scans at most maxFiles files and says the walk was cut short', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) write(`${name}.env`, secretLine);
    const seen: string[] = [];
    const bounded = await scanFolder(root, { maxFiles: 3, onFile: (path) => seen.push(path) });
    assert.equal(seen.length, 3);
    assert.equal(bounded.scanned, 3);
    assert.equal(bounded.truncated, true);
    const exact = await scanFolder(root, { maxFiles: 5 });
    assert.equal(exact.scanned, 5);
    assert.equal(exact.truncated, false);
  });

  it('honours nested .gitignore files below their own folder', async () => {
    write('.gitignore', 'dist/\n*.log\n');
    write('pkg/.gitignore', 'secret.env\n');
    for (const path of ['dist/a.env', 'src/a.log', 'pkg/secret.env', 'other/secret.env', 'src/a.env'])
      write(path, secretLine);
    const seen: string[] = [];
    await scanFolder(root, { onFile: (path, findings) => findings.length && seen.push(path) });
    assert.deepEqual(seen, ['other/secret.env', 'src/a.env']);
  });

  it('reports a file that vanished and goes on', async () => {
    write('a.env', secretLine);
    write('b.env', secretLine);
    const errors: string[] = [];
    const summary = await scanFolder(root, {
      // the walk has listed both files when the first is scanned; the second then disappears
      onFile: () => rmSync(join(root, 'b.env'), { force: true }),
      onError: (path, error) => errors.push(`${path} ${error.code}`),
    });
    assert.deepEqual(errors, ['b.env ENOENT']);
    assert.equal(summary.unreadable, 1);
    assert.equal(summary.findings, 1);
  });
});
