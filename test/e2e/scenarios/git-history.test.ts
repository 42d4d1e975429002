// #22 in the browser: Secrets: Scan Git History from the palette on a repository made in the workspace copy (a
// credential committed then removed, another added later), the Git History view grouped commit → file →
// finding with masked labels, and the warning that says to rotate or revoke. The .git is removed afterwards.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv } from '../../support/git-repo';
import { Synthetic } from '../../support/synthetic';
import { e2e, screenshot } from '../context';
import { notification, runCommand, waitForExtensionsActivated, waitForWorkbench } from '../workbench';

describe('Git history (#22)', () => {
  after(() => rmSync(join(e2e().workspace, '.git'), { recursive: true, force: true }));

  it('Secrets: Scan Git History lists what the history holds, commit → file → finding, values masked', async () => {
    const { page, workspace } = e2e();
    const gen = new Synthetic(2212);
    const tokens = [gen.githubToken(), gen.githubToken()];
    const git = (...args: string[]) => execFileSync('git', ['-C', workspace, ...args], { env: gitEnv });
    git('init', '-q', '-b', 'main');
    mkdirSync(join(workspace, 'deploy'), { recursive: true });
    const leaked = join(workspace, 'deploy', 'publish.ts');
    const ci = join(workspace, 'deploy', 'ci.env');
    writeFileSync(leaked, `export const githubToken = "${tokens[0]}";\n`);
    git('add', 'deploy');
    git('commit', '-q', '-m', 'publish script');
    unlinkSync(leaked);
    git('add', '-A', 'deploy');
    git('commit', '-q', '-m', 'remove the token');
    writeFileSync(ci, `GITHUB_TOKEN=${tokens[1]}\n`);
    git('add', 'deploy');
    git('commit', '-q', '-m', 'ci settings');
    unlinkSync(ci);
    git('add', '-A', 'deploy');
    git('commit', '-q', '-m', 'move ci settings out');

    await waitForWorkbench(page);
    await waitForExtensionsActivated(page);
    await runCommand(page, 'Secrets: Scan Git History');
    await notification(page, /2 credentials, added in 2 commits\. .*rotate or revoke it/).waitFor({ state: 'visible' });
    // the scan reveals its view (opening the Secrets sidebar): no click here, a click would toggle it shut
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.composite.title h2', { hasText: /^Secrets$/i }).waitFor({ state: 'visible' });
    const rows = sidebar.locator('.pane', { has: page.locator('.pane-header', { hasText: /git history/i }) });
    await rows.getByText('GitHub token ghp_••••').first().waitFor({ state: 'visible' });
    assert.equal(await rows.getByText('GitHub token ghp_••••').count(), 2);
    for (const file of ['publish.ts', 'ci.env']) assert.ok(await rows.getByText(file).first().isVisible());
    const text = (await rows.textContent()) ?? '';
    for (const token of tokens) assert.ok(!text.includes(token.slice(4)), 'the view shows no value');
    await notification(page, /Scanning git history/).waitFor({ state: 'hidden' });
    await screenshot('git-history');
    // as found: Clear hides the view again, and the toast goes
    await page.keyboard.press('Escape');
    await runCommand(page, 'Secrets: Clear Git History Results');
    await rows.waitFor({ state: 'hidden' });
  });
});
