// #22: history scanning on temporary repositories: what a commit added is found and named, a removal is not a
// leak, a blob already scanned is not scanned again, and bad input gets a clear error.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitHistoryError, scanHistory, scanStaged } from '../../../src/core/git/history';
import { runScanCli } from '../../support/cli-run';
import { Synthetic } from '../../support/synthetic';

const gen = new Synthetic(2222);

function repo(): { dir: string; git: (...args: string[]) => string; commit: (message: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'swb-history-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com' },
    }).trim();
  git('init', '-q', '-b', 'main');
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  return { dir, git, commit };
} // prettier-ignore

describe('scan history (#22)', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('finds a credential committed then removed, naming that commit, file and line; the removal is no leak', async () => {
    const { dir, commit } = repo();
    dirs.push(dir);
    writeFileSync(join(dir, 'app.ts'), 'export const region = "eu-west-1";\n');
    const first = commit('app');
    const token = gen.githubToken();
    writeFileSync(join(dir, 'app.ts'), `export const region = "eu-west-1";\nconst token = "${token}";\n`);
    const leaked = commit('add token');
    writeFileSync(join(dir, 'app.ts'), 'export const region = "eu-west-1";\n');
    const removed = commit('remove token');
    const scan = await scanHistory(dir);
    assert.equal(scan.commits, 3);
    assert.deepEqual(
      scan.findings.map((f) => [f.commit, f.path, f.finding.range.start.line, f.finding.ruleId, f.author]),
      [[leaked, 'app.ts', 1, 'github-token', 'Ada']],
    );
    assert.match(scan.findings[0].date, /^\d{4}-\d\d-\d\dT/);
    assert.ok(![first, removed].includes(scan.findings[0].commit));
    // --since the leak: only the removal is walked, and a removal is not a leak
    assert.deepEqual((await scanHistory(dir, { since: leaked })).findings, []);
    assert.equal((await scanHistory(dir, { range: `${first}..${leaked}` })).findings.length, 1);
  });

  it('scans a blob once: the same file content re-added later is not scanned again', async () => {
    const { dir, commit } = repo();
    dirs.push(dir);
    const content = `GITHUB_TOKEN=${gen.githubToken()}\n`;
    writeFileSync(join(dir, '.env'), content);
    commit('leak');
    unlinkSync(join(dir, '.env'));
    commit('remove');
    writeFileSync(join(dir, '.env'), content);
    commit('revert the removal');
    const scan = await scanHistory(dir);
    assert.equal(scan.blobsScanned, 1);
    assert.equal(scan.findings.length, 1);
  });

  it('clear errors: not a repository, a bad revision, a shallow clone', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'swb-not-repo-'));
    dirs.push(plain);
    await assert.rejects(
      scanHistory(plain),
      (e: Error) => e instanceof GitHistoryError && /not a git repository/.test(e.message),
    );
    const { dir, commit } = repo();
    dirs.push(dir);
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    commit('a');
    writeFileSync(join(dir, 'a.txt'), 'b\n');
    commit('b');
    await assert.rejects(scanHistory(dir, { since: 'no-such-rev' }), /bad revision: no-such-rev/);
    await assert.rejects(scanHistory(dir, { range: '--output=x..HEAD' }), /bad revision/);
    const shallow = mkdtempSync(join(tmpdir(), 'swb-shallow-'));
    dirs.push(shallow);
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, shallow], { stdio: 'ignore' });
    await assert.rejects(scanHistory(shallow), /shallow clone: .*git fetch --unshallow/);
  });

  it('scan --history: text, JSON and SARIF name the commit; exit 1 on findings, 2 on a bad repository', async () => {
    const { dir, commit } = repo();
    dirs.push(dir);
    const token = gen.githubToken();
    writeFileSync(join(dir, 'ci.yml'), `env:\n  GITHUB_TOKEN: ${token}\n`);
    const leaked = commit('ci');
    writeFileSync(join(dir, 'ci.yml'), 'env: {}\n');
    commit('remove');
    const text = await runScanCli(['--history', dir], dir);
    assert.equal(text.code, 1);
    assert.match(
      text.stdout,
      new RegExp(`^ci\\.yml:2:\\d+ \\[github-token\\] .*\\(commit ${leaked.slice(0, 12)}, Ada, `, 'm'),
    );
    assert.match(text.stdout, /revoke and rotate/);
    const json = JSON.parse((await runScanCli(['--history', '--format', 'json', dir], dir)).stdout) as {
      findings: { commit: string; path: string; line: number }[];
    };
    assert.deepEqual(
      json.findings.map((f) => [f.commit, f.path, f.line]),
      [[leaked, 'ci.yml', 2]],
    );
    const sarifRun = async () => JSON.parse((await runScanCli(['--history', '--format', 'sarif', dir], dir)).stdout);
    const [a, b] = [await sarifRun(), await sarifRun()];
    assert.ok(a.runs[0].versionControlProvenance[0].repositoryUri.startsWith('file://'));
    assert.equal(a.runs[0].results[0].properties.commit, leaked);
    assert.deepEqual(a.runs[0].results[0].partialFingerprints, b.runs[0].results[0].partialFingerprints);
    for (const out of [text.stdout, JSON.stringify(json), JSON.stringify(a)]) assert.ok(!out.includes(token));
    const plain = mkdtempSync(join(tmpdir(), 'swb-not-repo-'));
    dirs.push(plain);
    const bad = await runScanCli(['--history', plain], plain);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a git repository/);
  });

  it('--staged scans the index, not the work tree: unstaged changes are ignored', async () => {
    const { dir, git, commit } = repo();
    dirs.push(dir);
    writeFileSync(join(dir, 'app.ts'), 'export const a = 1;\n');
    commit('app');
    const staged = gen.githubToken();
    writeFileSync(join(dir, 'app.ts'), `export const a = 1;\nconst token = "${staged}";\n`);
    git('add', 'app.ts');
    // a later, unstaged edit removes it from the work tree and adds another: the index still has the first
    writeFileSync(join(dir, 'app.ts'), `export const a = 1;\n// moved\nconst other = "${gen.githubToken()}";\n`);
    const scan = await scanStaged(dir);
    assert.deepEqual(
      scan.findings.map((f) => [f.commit, f.path, f.finding.range.start.line]),
      [['staged', 'app.ts', 1]], // the staged line 2, not the work tree's line 3
    );
    const cli = await runScanCli(['--staged', dir], dir);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /^app\.ts:2:\d+ \[github-token\]/m);
    assert.match(cli.stdout, /Not committed: move each value into a secret manager/);
    assert.ok(!cli.stdout.includes(staged));
    git('checkout', '--', 'app.ts');
    git('reset', '-q', 'app.ts');
    assert.equal((await runScanCli(['--staged', dir], dir)).code, 0, 'nothing staged: clean');
  });
});
