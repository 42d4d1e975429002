// Scan workspace is one use case for both fronts (#17): the CLI's `scan` and the extension's Scan Workspace (the
// per-folder `scanFolder` its command and the startup scan run) both call `scanWorkspace`. One tree holds a case
// of every rule it keeps (.gitignore, the config's ignore globs, the size cap, the baseline), and each front,
// driven through its own entry point, must report exactly the same thing.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { loadConfigFile } from '../../../src/core/detection/index';
import { createBaselineFilter, parseBaseline } from '../../../src/core/git/baseline';
import { MAX_SCAN_CHARACTERS } from '../../../src/core/policy';
import { scanFolder } from '../../../src/core/usecases/scan-folder';
import { Synthetic } from '../../support/synthetic';

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runCli(args, {
    stdin: Readable.from([]),
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    // HOME is the scanned folder: its built prefilter tables stay out of it, so both fronts see the same tree
    env: { HOME: cwd, SECRETS_WORKBENCH_SCAN_CACHE: 'off' },
    cwd,
  });
  return { code, stdout, stderr };
}

describe('scan workspace: one use case, the same answer through the CLI and the extension', function () {
  this.timeout(60_000);
  let root: string;
  const random = new Synthetic(1717);
  const leak = () => `aws_access_key_id = ${random.awsKeyId()}\naws_secret_access_key = ${random.awsSecret()}\n`;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'sw-scan-fronts-'));
    await mkdir(join(root, 'src'));
    await mkdir(join(root, 'vendor'));
    await writeFile(join(root, '.gitignore'), 'local.env\n');
    await writeFile(join(root, '.secrets-workbench.json'), JSON.stringify({ ignore: ['vendor/**'] }));
    const files: Record<string, string> = {
      'src/app.env': leak(), // reported by both
      'local.env': leak(), // .gitignore
      'vendor/lib.env': leak(), // the config's ignore glob
      'known.env': leak(), // recorded in the baseline below
      // one character over the size cap, the credential at its very start: skipped, not scanned
      'big.env': `${leak()}${'#'.repeat(63)}\n`.repeat(Math.ceil(MAX_SCAN_CHARACTERS / 64)),
    };
    for (const [path, text] of Object.entries(files)) await writeFile(join(root, path), text);
    const written = await cli(['scan', '--write-baseline', 'baseline.json', 'known.env'], root);
    assert.equal(written.code, 0, written.stderr);
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('reports the same files, skips the same files, and counts the same', async () => {
    const viaCli = await cli(['scan', '--format', 'json', '--baseline', 'baseline.json', '.'], root);
    assert.equal(viaCli.code, 1, viaCli.stderr); // findings: exit code 1
    const report = JSON.parse(viaCli.stdout) as {
      summary: { findings: number; scannedFiles: number };
      findings: Array<{ path: string }>;
      skipped: Array<{ path: string; reason: string }>;
    };

    const reported = new Map<string, number>();
    const isNew = createBaselineFilter(parseBaseline(await readFile(join(root, 'baseline.json'), 'utf8'), 'baseline'));
    const summary = await scanFolder(root, {
      config: loadConfigFile(join(root, '.secrets-workbench.json')),
      isNew,
      onFile: (path, findings) => void (findings.length && reported.set(path, findings.length)),
    });

    const cliReported = new Map<string, number>();
    for (const f of report.findings) cliReported.set(f.path, (cliReported.get(f.path) ?? 0) + 1);
    assert.deepEqual([...cliReported], [['src/app.env', 2]]);
    assert.deepEqual([...reported], [...cliReported]);
    assert.deepEqual(
      report.skipped.map((s) => [s.path, s.reason]),
      [['big.env', 'too-large']],
    );
    // scanned: .gitignore, .secrets-workbench.json, baseline.json, known.env, src/app.env
    assert.equal(report.summary.scannedFiles, 5);
    assert.equal(summary.scanned, report.summary.scannedFiles);
    assert.equal(summary.findings, report.summary.findings);
    assert.equal(summary.skipped, 2, 'big.env, and vendor/ kept out by the config (counted once)');
  });

  it('neither front walks or reads files itself: both go through the use case', async () => {
    const fronts = {
      'src/cli/commands/scan.ts': /from '\.\.\/\.\.\/core\/usecases\/scan-workspace'/,
      'src/vscode/diagnostics/workspace-scan-command.ts': /from '\.\.\/\.\.\/core\/usecases\/scan-folder'/,
    };
    for (const [file, useCase] of Object.entries(fronts)) {
      const source = await readFile(file, 'utf8');
      assert.match(source, useCase, file);
      assert.doesNotMatch(source, /core\/scan\/(walk|read|pipeline)'|isIgnoredByConfig|MAX_SCAN_/, file);
    }
  });
});
