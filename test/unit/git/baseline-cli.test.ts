// #22 acceptance through the CLI: after --write-baseline, --baseline reports exactly the credentials added later
// (also after a rename and a line move), in history, staged and file modes; a corrupt object is a clear error.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { Capture, runScanCli } from '../../support/cli-run';
import { tempRepo } from '../../support/git-repo';
import { Synthetic } from '../../support/synthetic';

const gen = new Synthetic(2255);

describe('scan --baseline / --write-baseline, hook command (#22)', function () {
  this.timeout(30_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('history: reports exactly the credentials added after the baseline, through a rename and a line move', async () => {
    const { dir, commit, git } = tempRepo('swb-baseline-cli-');
    dirs.push(dir);
    const [old1, old2] = [gen.githubToken(), gen.githubToken()];
    writeFileSync(join(dir, 'a.ts'), `const one = "${old1}";\nconst two = "${old2}";\n`);
    commit('old leaks');
    const base = join(dir, 'baseline.json');
    const written = await runScanCli(['--history', '.', '--write-baseline', 'baseline.json'], dir);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stderr, /baseline written to baseline\.json: 2 credential\(s\)/);
    const text = readFileSync(base, 'utf8');
    assert.ok(![old1, old2].some((v) => text.includes(v)));
    rmSync(base);
    writeFileSync(join(dir, '.gitignore'), 'baseline.json\n');
    // rename the file, move the old lines down, add one new credential
    git('mv', 'a.ts', 'b.ts');
    const fresh = gen.githubToken();
    writeFileSync(
      join(dir, 'b.ts'),
      `// moved\n\n\nconst two = "${old2}";\nconst three = "${fresh}";\nconst one = "${old1}";\n`,
    );
    const added = commit('rename, move, add');
    const before = await runScanCli(['--history', '.', '--format', 'json'], dir);
    // without a baseline the moved old lines count as added in the later commit too: the baseline must hide them
    const laterRows = (JSON.parse(before.stdout).findings as { commit: string }[]).filter((r) => r.commit === added);
    assert.ok(laterRows.length >= 2, JSON.stringify(laterRows));
    writeFileSync(base, text);
    const after = await runScanCli(['--history', '.', '--baseline', 'baseline.json', '--format', 'json'], dir);
    assert.equal(after.code, 1);
    const rows = JSON.parse(after.stdout).findings as { commit: string; path: string; line: number }[];
    assert.deepEqual(
      rows.map((r) => [r.commit, r.path, r.line]),
      [[added, 'b.ts', 5]],
    );
    // SARIF: provenance names the commit; fingerprints are the same on a second run
    const sarif = async () => JSON.parse((await runScanCli(['--history', '.', '--format', 'sarif'], dir)).stdout);
    const [s1, s2] = [await sarif(), await sarif()];
    assert.equal(s1.runs[0].versionControlProvenance[0].revisionId, added);
    assert.equal(s1.runs[0].versionControlProvenance[0].branch, 'main');
    const prints = (s: typeof s1) =>
      s.runs[0].results.map((r: { partialFingerprints: object }) => r.partialFingerprints);
    assert.deepEqual(prints(s1), prints(s2));
    assert.equal(new Set(prints(s1).map((p: object) => JSON.stringify(p))).size, prints(s1).length);
    // staged mode: an old credential staged again is known, a new one is not
    writeFileSync(join(dir, 'c.ts'), `const again = "${old1}";\n`);
    git('add', 'c.ts');
    assert.equal((await runScanCli(['--staged', '--baseline', 'baseline.json'], dir)).code, 0);
    writeFileSync(join(dir, 'c.ts'), `const again = "${old1}";\nconst four = "${gen.githubToken()}";\n`);
    git('add', 'c.ts');
    const staged = await runScanCli(['--staged', '--baseline', 'baseline.json'], dir);
    assert.equal(staged.code, 1);
    assert.match(staged.stdout, /^c\.ts:2:\d+ \[github-token\] .* \(staged\)$/m);
    assert.doesNotMatch(staged.stdout, /^c\.ts:1:/m);
  });

  it('files: --write-baseline then --baseline reports only the new credential; a bad baseline is exit 2', async () => {
    const { dir } = tempRepo('swb-baseline-files-');
    dirs.push(dir);
    writeFileSync(join(dir, 'a.py'), `TOKEN = "${gen.githubToken()}"\n`);
    assert.equal((await runScanCli(['src-none', '--write-baseline', 'b.json'], dir)).code, 2);
    const written = await runScanCli(['a.py', '--write-baseline', 'b.json'], dir);
    assert.equal(written.code, 0, written.stderr);
    assert.equal((await runScanCli(['a.py', '--baseline', 'b.json'], dir)).code, 0);
    renameSync(join(dir, 'a.py'), join(dir, 'moved.py'));
    writeFileSync(
      join(dir, 'moved.py'),
      `\n\n${readFileSync(join(dir, 'moved.py'), 'utf8')}KEY = "${gen.githubToken()}"\n`,
    );
    const later = await runScanCli(['moved.py', '--baseline', 'b.json', '--format', 'json'], dir);
    assert.equal(later.code, 1);
    const report = JSON.parse(later.stdout) as { findings: { path: string; range: { start: { line: number } } }[] };
    assert.deepEqual(
      report.findings.map((x) => [x.path, x.range.start.line]),
      [['moved.py', 3]],
    );
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    const bad = await runScanCli(['moved.py', '--baseline', 'bad.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not valid JSON/);
  });

  it('a corrupt object: a clear error naming it, exit 2, no baseline written', async () => {
    const { dir, commit } = tempRepo('swb-corrupt-');
    dirs.push(dir);
    writeFileSync(join(dir, 'a.ts'), 'export const region = "eu-west-1";\n');
    commit('one');
    writeFileSync(join(dir, 'a.ts'), 'export const region = "eu-west-2";\n');
    commit('two');
    // damage every loose blob: git log -p must read them
    const objects = join(dir, '.git/objects');
    for (const sub of readdirSync(objects).filter((d) => /^[0-9a-f]{2}$/.test(d))) {
      for (const file of readdirSync(join(objects, sub))) {
        const path = join(objects, sub, file);
        rmSync(path, { force: true });
        writeFileSync(path, 'not zlib data');
      }
    }
    const result = await runScanCli(['--history', '.', '--write-baseline', 'b.json'], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /corrupt or unreadable git object[\s\S]*git fsck/);
    assert.throws(() => readFileSync(join(dir, 'b.json')));
  });

  it('hook install / uninstall commands', async () => {
    const { dir } = tempRepo('swb-hook-cli-');
    dirs.push(dir);
    const run = async (...args: string[]) => {
      const [stdout, stderr] = [new Capture(), new Capture()];
      const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: dir });
      return { code, out: stdout.text + stderr.text };
    };
    const installed = await run('hook', 'install');
    assert.equal(installed.code, 0);
    assert.match(installed.out, /pre-commit hook installed in \.git\/hooks\/pre-commit/);
    assert.match(readFileSync(join(dir, '.git/hooks/pre-commit'), 'utf8'), /secrets-workbench scan --staged/);
    assert.match((await run('hook', 'uninstall', '.')).out, /removed/);
    assert.equal((await run('hook', 'frobnicate')).code, 2);
    assert.equal((await run('hook', 'install', join(dir, 'nope'))).code, 2);
  });
});
