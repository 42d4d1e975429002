// #22 pre-commit hook: a real `git commit` is blocked when the index adds a credential (and says what to do),
// an existing hook is chained, core.hooksPath and husky are honoured, and uninstall restores the old bytes.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHAINED_SUFFIX, installHook, uninstallHook } from '../../../src/core/git/hook';
import { gitEnv, tempRepo } from '../../support/git-repo';
import { Synthetic } from '../../support/synthetic';

const gen = new Synthetic(2244);
const repoRoot = resolve(__dirname, '../../..');
const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
/** The CLI from source, as the hook's command (the temp repositories have no node_modules). */
const cliCommand = `"${process.execPath}" --import ${tsxLoader} "${join(repoRoot, 'src/cli/main.ts')}" scan --staged`;

function commit(dir: string): { status: number; output: string } {
  const result = spawnSync('git', ['-C', dir, 'commit', '-q', '-m', 'try'], { encoding: 'utf8', env: gitEnv });
  return { status: result.status ?? -1, output: result.stdout + result.stderr };
}

describe('pre-commit hook (#22)', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const repo = () => {
    const r = tempRepo('swb-hook-');
    dirs.push(r.dir);
    writeFileSync(join(r.dir, 'app.ts'), 'export const region = "eu-west-1";\n');
    r.commit('first');
    return r;
  };

  it('blocks a commit whose index adds a credential and says what to do; unstaged changes are not read', () => {
    const { dir, git } = repo();
    const result = installHook(dir, { command: cliCommand });
    assert.equal(result.action, 'installed');
    assert.ok(statSync(join(dir, '.git/hooks/pre-commit')).mode & 0o100);
    const token = gen.githubToken();
    writeFileSync(join(dir, 'app.ts'), `export const region = "eu-west-1";\nconst token = "${token}";\n`);
    git('add', 'app.ts');
    const blocked = commit(dir);
    assert.equal(blocked.status, 1, blocked.output);
    assert.match(blocked.output, /app\.ts:2:\d+ \[github-token\]/);
    assert.match(blocked.output, /Commit blocked by secrets-workbench/);
    assert.match(blocked.output, /What to do: move each value out of the code/);
    assert.match(blocked.output, /--no-verify/);
    assert.ok(!blocked.output.includes(token));
    assert.equal(git('rev-list', '--count', 'HEAD'), '1');
    // the credential only in the work tree, the index clean: the commit goes through
    writeFileSync(join(dir, 'app.ts'), 'export const region = "eu-west-2";\n');
    git('add', 'app.ts');
    writeFileSync(join(dir, 'app.ts'), `export const region = "eu-west-2";\nconst token = "${token}";\n`);
    const clean = commit(dir);
    assert.equal(clean.status, 0, clean.output);
    assert.equal(git('rev-list', '--count', 'HEAD'), '2');
  });

  it('chains an existing hook (it runs first and can still block) and uninstall restores it byte for byte', () => {
    const { dir, git } = repo();
    const hook = join(dir, '.git/hooks/pre-commit');
    const original = Buffer.from('#!/bin/sh\necho "own hook ran" >&2\n[ -e block-me ] && exit 3\nexit 0', 'latin1');
    writeFileSync(hook, original);
    chmodSync(hook, 0o751);
    const result = installHook(dir, { command: cliCommand });
    assert.equal(result.action, 'chained');
    assert.equal(installHook(dir, { command: cliCommand }).action, 'already-installed');
    writeFileSync(join(dir, 'block-me'), '');
    git('add', 'block-me');
    const ownBlock = commit(dir);
    assert.equal(ownBlock.status, 1, ownBlock.output); // git commit says 1 whatever the hook's status
    assert.match(ownBlock.output, /own hook ran/);
    assert.doesNotMatch(ownBlock.output, /finding\(s\)/); // it stopped the commit before the scan ran
    assert.equal(git('rev-list', '--count', 'HEAD'), '1');
    writeFileSync(join(dir, 'app.ts'), `const token = "${gen.githubToken()}";\n`);
    git('rm', '-q', '-f', 'block-me');
    git('add', 'app.ts');
    const ourBlock = commit(dir);
    assert.equal(ourBlock.status, 1);
    assert.match(ourBlock.output, /own hook ran[\s\S]*Commit blocked by secrets-workbench/);

    assert.equal(uninstallHook(dir).action, 'restored');
    assert.deepEqual(readFileSync(hook), original);
    assert.equal(statSync(hook).mode & 0o777, 0o751);
    assert.ok(!existsSync(hook + CHAINED_SUFFIX));
    assert.equal(uninstallHook(dir).action, 'not-installed');
    assert.deepEqual(readFileSync(hook), original);
  });

  it('honours core.hooksPath; uninstall removes only what it added', () => {
    const { dir, git } = repo();
    git('config', 'core.hooksPath', 'githooks');
    const result = installHook(dir, { command: cliCommand });
    assert.equal(result.hookPath, join(dir, 'githooks/pre-commit'));
    assert.ok(!existsSync(join(dir, '.git/hooks/pre-commit')));
    writeFileSync(join(dir, 'app.ts'), `const token = "${gen.githubToken()}";\n`);
    git('add', 'app.ts');
    assert.equal(commit(dir).status, 1);
    assert.equal(uninstallHook(dir).action, 'removed');
    assert.ok(!existsSync(join(dir, 'githooks/pre-commit')));
    assert.equal(commit(dir).status, 0);
  });

  it('husky: appends a block to .husky/pre-commit (after its own lines) and uninstall restores the exact bytes', () => {
    const { dir, git } = repo();
    mkdirSync(join(dir, '.husky/_'), { recursive: true });
    // husky 9's stub runs the user's script with sh -e
    writeFileSync(join(dir, '.husky/_/pre-commit'), '#!/bin/sh\nsh -e "$(dirname "$0")/../pre-commit" "$@"\n');
    chmodSync(join(dir, '.husky/_/pre-commit'), 0o755);
    git('config', 'core.hooksPath', '.husky/_');
    const original = 'echo "lint ran" >&2'; // no final newline: uninstall must not leave one
    writeFileSync(join(dir, '.husky/pre-commit'), original);
    const result = installHook(dir, { command: cliCommand });
    assert.deepEqual([result.kind, result.action], ['husky', 'appended']);
    writeFileSync(join(dir, 'app.ts'), `const token = "${gen.githubToken()}";\n`);
    git('add', 'app.ts');
    const blocked = commit(dir);
    assert.equal(blocked.status, 1, blocked.output);
    assert.match(blocked.output, /lint ran[\s\S]*Commit blocked by secrets-workbench/);
    assert.equal(uninstallHook(dir).action, 'block-removed');
    assert.equal(readFileSync(join(dir, '.husky/pre-commit'), 'utf8'), original);
  });

  it('husky without a pre-commit script: creates one, and uninstall deletes it', () => {
    const { dir, git } = repo();
    mkdirSync(join(dir, '.husky'));
    git('config', 'core.hooksPath', '.husky'); // husky 8 style: git runs .husky/pre-commit itself
    assert.equal(installHook(dir, { command: cliCommand }).action, 'installed');
    writeFileSync(join(dir, 'app.ts'), `const token = "${gen.githubToken()}";\n`);
    git('add', 'app.ts');
    assert.equal(commit(dir).status, 1);
    assert.equal(uninstallHook(dir).action, 'removed');
    assert.ok(!existsSync(join(dir, '.husky/pre-commit')));
  });

  it('not a repository: a clear error', () => {
    const { dir } = repo();
    rmSync(join(dir, '.git'), { recursive: true });
    assert.throws(() => installHook(dir), /not a git repository/);
  });
});
