// #25 as a person sees it: on a hardcoded AWS key pair, Ctrl+. → "Check whether this credential is live…"; the
// question names the host and request first; the answer is Live with the identity (the IAM user's ARN), from the
// project's own server on 127.0.0.1 answering STS GetCallerIdentity (real SDK, real SigV4).
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startSecretsServer, type RunningSecretsServer } from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';
import { Synthetic } from '../../support/synthetic';
import { e2e, screenshot } from '../context';
import { notification, waitForExtensionsActivated, waitForWorkbench } from '../workbench';

const checkTitle = 'Check whether this credential is live…';

/**
 * Ctrl+. on the cursor's finding, then the row with `title` in the quick fix menu, walked to with the keyboard when
 * the menu is too long to show it. The light bulb waits for every code-action provider, so Ctrl+. is retried.
 */
async function chooseQuickFix(page: Page, title: string): Promise<void> {
  const menu = page.locator('.action-widget').filter({ visible: true });
  const row = menu.locator('.monaco-list-row', { hasText: title });
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await menu.first().waitFor({ state: 'visible', timeout: 15_000 });
      for (let step = 0; step < 25 && !(await row.first().isVisible()); step++) await page.keyboard.press('ArrowDown');
      await row.first().waitFor({ state: 'visible', timeout: 2_000 });
      await row.first().click();
      return;
    } catch (error) {
      const shown = (await menu.allTextContents().catch(() => [])).join(' | ');
      await page.keyboard.press('Escape');
      if (attempt === 3)
        throw new Error(`no "${title}" in the quick fix menu (showing: ${shown || 'nothing'})`, { cause: error });
    }
  }
}

describe('Check whether a hardcoded AWS key pair is live', () => {
  let server: RunningSecretsServer | undefined;
  after(() => server?.close());

  it('Ctrl+. → Check…, the question naming host and request, then Live with the identity', async function () {
    this.timeout(180_000);
    const { page, workspace, settingsFiles } = e2e();
    await waitForWorkbench(page);
    await waitForExtensionsActivated(page);
    const gen = new Synthetic(Date.now() % 100_000);
    const pair = { accessKeyId: gen.awsKeyId(), secretAccessKey: gen.awsSecret(), userName: 'deploy-bot' };
    server = await startSecretsServer({ store: new MemoryStore(), accountId: '123456789012', identities: [pair] });
    const host = new URL(server.endpoint).host;
    for (const file of settingsFiles) {
      const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      settings['secretsWorkbench.verification.endpoints'] = { aws: server.endpoint };
      writeFileSync(file, JSON.stringify(settings, null, 2));
    }

    mkdirSync(join(workspace, 'deploy'), { recursive: true });
    writeFileSync(
      join(workspace, 'deploy', 'ci.env'),
      `# CI deploy user\nAWS_ACCESS_KEY_ID=${pair.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${pair.secretAccessKey}\n`,
    );
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Control+P');
      const quickOpen = page.locator('.quick-input-widget input');
      await quickOpen.waitFor({ state: 'visible' });
      await quickOpen.fill('deploy/ci.env');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'ci.env' }).first();
      try {
        await row.waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        break;
      } catch (error) {
        await page.keyboard.press('Escape');
        if (attempt === 5) throw error;
      }
    }
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 30_000 });
    // The pictures show the editor behind the question and the answer: its credential lines are painted over.
    const credentialLines = [editor.locator('.view-line', { hasText: 'AWS_' })];

    const dialog = page.locator('.monaco-dialog-box');
    for (let attempt = 0; ; attempt++) {
      const keyLine = editor.locator('.view-line', { hasText: 'AWS_ACCESS_KEY_ID' }).first();
      const box = await keyLine.boundingBox();
      assert.ok(box, 'the key line is on screen');
      await page.mouse.click(box.x + 200, box.y + box.height / 2); // cursor inside the key id
      await chooseQuickFix(page, checkTitle);
      await dialog.waitFor({ state: 'visible', timeout: 15_000 });
      // settings files are read on change: until then the question names the public STS host
      const asked = (await dialog.textContent()) ?? '';
      if (asked.includes(host)) break;
      await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
      if (attempt === 5) assert.fail(`the question never named ${host}: ${asked}`);
      await page.waitForTimeout(2_000);
    }
    const question = (await dialog.textContent()) ?? '';
    assert.match(question, new RegExp(`Check whether this AWS access key ID is live\\? .* send it to ${host}`));
    assert.match(question, /Request: POST http:\/\/127\.0\.0\.1:\d+\/ \(Action=GetCallerIdentity/);
    for (const value of [pair.accessKeyId, pair.secretAccessKey]) assert.ok(!question.includes(value), 'no value');
    await screenshot('verify-1-question', credentialLines);
    await dialog.locator('.monaco-button', { hasText: /^Check$/ }).click();

    const live = notification(page, /Live: 127\.0\.0\.1:\d+ accepts this AWS access key ID/).first();
    await live.waitFor({ timeout: 30_000 });
    await notification(page, `Asking ${host}`).waitFor({ state: 'hidden', timeout: 10_000 });
    const answer = (await live.textContent()) ?? '';
    assert.match(answer, /it belongs to arn:aws:iam::123456789012:user\/deploy-bot/);
    assert.match(answer, /Deactivate This Access Key…/);
    for (const value of [pair.accessKeyId, pair.secretAccessKey]) assert.ok(!answer.includes(value), 'no value');
    await screenshot('verify-2-live', credentialLines);
  });
});
