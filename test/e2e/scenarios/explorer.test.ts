// As a person would: create a secret from the palette, expand the connection, the secret and its versions,
// rotate it from the palette and see the new AWSCURRENT, then open a diff of two versions. Screenshots of each.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { e2e, screenshot } from '../context';
import {
  notification,
  openViewContainer,
  runCommand,
  waitForExtensionsActivated,
  waitForWorkbench,
} from '../workbench';

/** Waits for the quick input to show `text` (its title, prompt or an item), fills it with `value`, accepts. */
async function answer(page: Page, text: string | RegExp, value: string): Promise<void> {
  const widget = page.locator('.quick-input-widget', { hasText: text });
  await widget.waitFor({ state: 'visible' });
  const input = widget.locator('input').first();
  await input.fill(value);
  if (value)
    await page
      .locator('.quick-input-widget')
      .getByText(value.split(' ')[0])
      .first()
      .waitFor()
      .catch(() => undefined);
  await page.keyboard.press('Enter');
}

function treeRow(page: Page, label: string | RegExp) {
  return page
    .locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) })
    .first();
}

describe('Secrets explorer (browser)', () => {
  it('creates a secret and shows connection → folder → secret → versions', async () => {
    const { page } = e2e();
    await waitForWorkbench(page);
    await waitForExtensionsActivated(page);
    await openViewContainer(page, 'Secrets');
    await runCommand(page, 'Secrets: Create Secret…');
    await answer(page, '(1/5)', 'demo/database');
    await answer(page, '(2/5)', 'Key/value');
    await answer(page, 'First key', 'username');
    await answer(page, 'Value of "username"', 'app_user');
    await answer(page, 'Next key', 'password');
    await answer(page, 'Value of "password"', randomBytes(12).toString('base64url'));
    await answer(page, 'Next key', '');
    await answer(page, '(4/5)', 'Primary database of the demo app');
    await answer(page, '(5/5)', 'team=payments');
    await notification(page, 'Created secret "demo/database"').waitFor({ state: 'visible', timeout: 30_000 });

    await treeRow(page, 'Local Vault').waitFor({ state: 'visible' });
    await treeRow(page, /^demo$/).click();
    await treeRow(page, /^database$/).click();
    await treeRow(page, 'AWSCURRENT').waitFor({ state: 'visible' });
    await treeRow(page, /^database$/).hover();
    await page
      .locator('.monaco-hover', { hasText: 'Primary database of the demo app' })
      .waitFor({ state: 'visible' })
      .catch(() => undefined);
    await screenshot('explorer-tree');
  });

  it('rotates the secret from the command palette and shows the new AWSCURRENT', async () => {
    const { page } = e2e();
    await page.keyboard.press('Escape');
    await runCommand(page, 'Secrets: Rotate Secret…');
    await answer(page, 'Choose a secret', 'demo/database');
    await answer(page, 'What to regenerate', 'Key "password"');
    const toast = notification(page, /Rotated "demo\/database": version [0-9a-f]{8} is now AWSCURRENT/);
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    const versionPrefix = /version ([0-9a-f]{8})/.exec((await toast.textContent()) ?? '')![1];
    const current = treeRow(page, 'AWSCURRENT');
    await page
      .locator('.part.sidebar .monaco-list-row', { hasText: versionPrefix })
      .filter({ hasText: 'AWSCURRENT' })
      .waitFor({ state: 'visible' });
    await treeRow(page, 'AWSPREVIOUS').waitFor({ state: 'visible' });
    assert.match((await current.textContent()) ?? '', new RegExp(versionPrefix));
    await screenshot('rotate-secret');
  });

  it('opens a diff of AWSPREVIOUS and AWSCURRENT', async () => {
    const { page } = e2e();
    await runCommand(page, 'Secrets: Compare…');
    await answer(page, 'Choose a secret', 'demo/database');
    await answer(page, 'Compare "demo/database" with', 'AWSPREVIOUS');
    const diff = page.locator('.monaco-diff-editor').first();
    await diff.waitFor({ state: 'visible', timeout: 30_000 });
    await page
      .locator('.tab', { hasText: /AWSPREVIOUS.*AWSCURRENT/ })
      .first()
      .waitFor({ state: 'visible' });
    assert.ok(await page.locator('.monaco-diff-editor .line-insert, .monaco-diff-editor .char-insert').count());
    await screenshot('compare-versions');
  });
});
