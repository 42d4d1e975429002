// #22, the core pieces behind the editor's Git History view: a cancellable history scan, commit → file → finding
// grouping with value-free labels, the managed-secret matcher (keyed hashes only), the remedy text and the
// revoke-page table, a file read at a commit, and a baseline parsed from text.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanText } from '../../../src/core/detection/scanner';
import { providerRuleData } from '../../../src/core/detection/rules';
import { structuredRules } from '../../../src/core/detection/providers/structured';
import { revokableRuleIds, revokePage } from '../../../src/core/detection/revoke';
import {
  BaselineError,
  baselineFingerprint,
  baselineFor,
  baselineStatus,
  createBaselineFilter,
  markReviewed,
  parseBaseline,
} from '../../../src/core/git/baseline';
import { HistoryScanCancelled, scanHistory } from '../../../src/core/git/history';
import { findingLabel, findingLine, groupByCommit } from '../../../src/core/git/history-groups';
import { indexManagedSecrets, ManagedSecretIndex } from '../../../src/core/git/managed-secrets';
import { exposedRemedy, HISTORY_IS_NOT_ENOUGH } from '../../../src/core/git/remedy';
import { fileAtCommit, repositoryRoot } from '../../../src/core/git/repository';
import { MemoryStore } from '../../../src/core/store/index';
import { fastImportCommits, tempRepo } from '../../support/git-repo';
import { Synthetic } from '../../support/synthetic';

const gen = new Synthetic(2207);

describe('git history in the editor: core pieces (#22)', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** A repository of `count` commits made with fast-import (one file changed per commit), plus a leak. */
  function longRepo(count: number) {
    const repo = tempRepo('swb-cancel-');
    dirs.push(repo.dir);
    fastImportCommits(repo.dir, count, 50);
    repo.git('reset', '-q', '--hard', 'main');
    return repo;
  }

  it('a scan stopped through its AbortSignal kills git and rejects with HistoryScanCancelled, partway', async () => {
    const repo = longRepo(3000);
    const controller = new AbortController();
    let seen = 0;
    await assert.rejects(
      scanHistory(repo.dir, {
        signal: controller.signal,
        onCommit: (commits) => {
          seen = commits;
          if (commits === 10) controller.abort();
        },
      }),
      (e: unknown) => e instanceof HistoryScanCancelled,
    );
    assert.equal(seen, 10, 'no commit is read after the abort');
    // the same repository scans completely without a signal: the cancel above was not a failure of git
    const complete = await scanHistory(repo.dir, { onCommit: (c) => (seen = c) });
    assert.equal(complete.commits, 3000);
    // an already aborted signal does not start git at all
    await assert.rejects(scanHistory(repo.dir, { signal: AbortSignal.abort() }), HistoryScanCancelled);
  });

  it('groups commit → file → finding in log order, and labels name the kind and prefix, never the value', async () => {
    const { dir, commit } = tempRepo();
    dirs.push(dir);
    const tokens = [gen.githubToken(), gen.githubToken(), gen.githubToken()];
    writeFileSync(join(dir, 'a.ts'), `const a = "${tokens[0]}";\n`);
    const first = commit('a');
    writeFileSync(join(dir, 'a.ts'), `const a = "${tokens[0]}";\n\nconst b = "${tokens[1]}";\n`);
    writeFileSync(join(dir, 'b.ts'), `const c = "${tokens[2]}";\n`);
    const second = commit('b');
    const groups = groupByCommit((await scanHistory(dir)).findings);
    assert.deepEqual(
      groups.map((g) => [g.commit, g.files.map((f) => [f.path, f.findings.map((x) => findingLine(x))])]),
      [
        [
          second,
          [
            ['a.ts', ['line 3']],
            ['b.ts', ['line 1']],
          ],
        ],
        [first, [['a.ts', ['line 1']]]],
      ],
    );
    const label = findingLabel(groups[0].files[0].findings[0]);
    assert.equal(label, 'GitHub token ghp_••••');
    for (const token of tokens) assert.ok(!label.includes(token.slice(4, 12)));
  });

  it('matches an exposed value to the managed secret holding it (whole value or a JSON key), by keyed hash only', async () => {
    const store = new MemoryStore();
    const token = gen.githubToken();
    const password = gen.password();
    await store.createSecret({ name: 'ci/github', secretString: token });
    await store.createSecret({ name: 'db/main', secretString: JSON.stringify({ username: 'app', password }) });
    await store.createSecret({ name: 'other', secretString: gen.apiKey() });
    const index = await indexManagedSecrets([{ connectionId: 'local', connectionLabel: 'Local vault', store }]);
    const [finding] = scanText(`const t = "${token}";\n`).findings;
    assert.deepEqual(index.match(finding.valueHash), {
      connectionId: 'local',
      connectionLabel: 'Local vault',
      secretName: 'ci/github',
    });
    const [db] = scanText(`password = "${password}"\n`, { path: 'app.ini' }).findings;
    assert.equal(index.match(db.valueHash)?.jsonKey, 'password');
    assert.equal(index.match(scanText(`const t = "${gen.githubToken()}";\n`).findings[0].valueHash), undefined);
    // short JSON values ("app") are not indexed: they would match unrelated strings
    assert.equal(index.size, 4);
    // nothing of the values is kept: only 64-hex keyed hashes
    const kept = JSON.stringify([...(index as unknown as { refs: Map<string, unknown> }).refs.keys()]);
    for (const value of [token, password]) assert.ok(!kept.includes(value));
    assert.ok(
      [...(index as unknown as { refs: Map<string, unknown> }).refs.keys()].every((k) => /^[0-9a-f]{64}$/.test(k)),
    );
  });

  it('keys the index per instance, so its hashes match nothing else', () => {
    const a = new ManagedSecretIndex();
    const b = new ManagedSecretIndex();
    const value = gen.apiKey();
    a.add({ connectionId: 'x', connectionLabel: 'X', secretName: 's' }, value);
    b.add({ connectionId: 'x', connectionLabel: 'X', secretName: 's' }, value);
    const keys = (i: ManagedSecretIndex) => [...(i as unknown as { refs: Map<string, unknown> }).refs.keys()];
    assert.notDeepEqual(keys(a), keys(b));
  });

  it('a store that cannot be read is named incomplete and does not stop the others', async () => {
    const good = new MemoryStore();
    const token = gen.githubToken();
    await good.createSecret({ name: 'ok', secretString: token });
    const broken = {
      listSecrets: async () => {
        throw new Error('AccessDenied');
      },
      getSecretValue: async () => {
        throw new Error('unreachable');
      },
    };
    const index = await indexManagedSecrets([
      { connectionId: 'aws', connectionLabel: 'prod', store: broken },
      { connectionId: 'local', connectionLabel: 'Local vault', store: good },
    ]);
    assert.deepEqual(index.incomplete, ['prod']);
    assert.equal(index.match(scanText(`x = "${token}"\n`).findings[0].valueHash)?.secretName, 'ok');
  });

  it('the remedy says rotate for a managed secret, the revoke page otherwise, and always that rewriting is not enough', () => {
    const managed = { connectionId: 'local', connectionLabel: 'Local vault', secretName: 'ci/github' };
    const rotate = exposedRemedy({ kind: 'GitHub token', ruleId: 'github-token' }, managed);
    assert.equal(rotate.action, 'rotate');
    assert.match(rotate.message, /current value of "ci\/github" in Local vault: rotate it/);
    const revoke = exposedRemedy({ kind: 'GitHub token', ruleId: 'github-token' });
    assert.equal(revoke.action, 'revoke');
    assert.equal(revoke.revoke?.url, 'https://github.com/settings/tokens');
    assert.match(revoke.message, /Revoke it at GitHub/);
    const change = exposedRemedy({ kind: 'Password', ruleId: 'generic-password' });
    assert.equal(change.action, 'change');
    for (const r of [rotate, revoke, change]) assert.ok(r.message.includes(HISTORY_IS_NOT_ENOUGH));
  });

  it('every issuer rule has a revoke page (https), and the table names no rule that does not exist', () => {
    const issuerless = new Set(['azure-storage-key', 'azure-sas-token']);
    const structured = new Set(structuredRules.map((r) => r.id).filter((id) => !issuerless.has(id)));
    const issued = providerRuleData.map((r) => r.id).filter((id) => !structured.has(id));
    const missing = issued.filter((id) => !revokePage(id));
    assert.deepEqual(missing, []);
    assert.ok(revokePage('aws-secret-access-key'), 'the AWS secret key (a context rule) has the IAM page');
    const known = new Set([...providerRuleData.map((r) => r.id), 'aws-secret-access-key']);
    assert.deepEqual(
      revokableRuleIds().filter((id) => !known.has(id)),
      [],
    );
    for (const id of revokableRuleIds()) assert.match(revokePage(id)!.url, /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/|$)/);
    for (const id of ['generic-password', 'private-key', 'url-password']) assert.equal(revokePage(id), undefined);
  });

  it('reads the repository root from a subfolder, and a file as a commit recorded it', async () => {
    const { dir, commit } = tempRepo();
    dirs.push(dir);
    execFileSync('mkdir', ['-p', join(dir, 'src/deep')]);
    writeFileSync(join(dir, 'src/deep/x.ts'), 'first\n');
    const first = commit('one');
    writeFileSync(join(dir, 'src/deep/x.ts'), 'second\n');
    commit('two');
    assert.equal(
      await repositoryRoot(join(dir, 'src/deep')),
      execFileSync('realpath', [dir], { encoding: 'utf8' }).trim(),
    );
    assert.equal(await fileAtCommit(dir, first, 'src/deep/x.ts'), 'first\n');
    await assert.rejects(fileAtCommit(dir, first, 'nope.ts'), /not in commit/);
    await assert.rejects(fileAtCommit(dir, '--output=x', 'src/deep/x.ts'), /bad commit id/);
  });

  it('parses a baseline from text with the same checks as the file reader', () => {
    const [finding] = scanText(`const t = "${gen.githubToken()}";\n`).findings;
    const baseline = baselineFor([finding]);
    const parsed = parseBaseline(JSON.stringify(baseline), 'b.json');
    assert.equal(createBaselineFilter(parsed)(finding), false);
    assert.equal(createBaselineFilter(parsed)(scanText(`const t = "${gen.githubToken()}";\n`).findings[0]), true);
    assert.throws(() => parseBaseline('{', 'b.json'), BaselineError);
    // new, known (recorded), reviewed (marked not a secret by a person)
    const [other] = scanText(`const u = "${gen.githubToken()}";\n`).findings;
    const both = baselineFor([finding, other]);
    assert.ok(markReviewed(both, baselineFingerprint(both, other), 'test value'));
    const status = baselineStatus(both);
    assert.deepEqual([finding, other, scanText(`const v = "${gen.githubToken()}";\n`).findings[0]].map(status), [
      'known',
      'reviewed',
      'new',
    ]);
    assert.throws(() => parseBaseline('{"format":"x"}', 'b.json'), /not a secrets-workbench baseline/);
  });
});
