import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { e2e, screenshot } from '../context';
import { waitForExtensionsActivated, waitForWorkbench } from '../workbench';

const statusItem = (page: Page, text: RegExp) => page.locator('.part.statusbar .statusbar-item', { hasText: text });

/** Without an OS keyring the local vault asks for a new passphrase (twice) or its passphrase; type it. */
async function answerPassphrasePrompts(page: Page, passphrase: string, until: () => Promise<boolean>) {
  const input = page.locator('.quick-input-widget input[type="password"]');
  const deadline = Date.now() + 45_000;
  while (!(await until())) {
    assert.ok(Date.now() < deadline, 'offline mode did not settle within 45 s');
    if (await input.isVisible()) {
      await input.fill(passphrase);
      await page.keyboard.press('Enter');
    }
    await page.waitForTimeout(300);
  }
}

describe('offline mode', () => {
  const passphrase = `e2e-${randomBytes(12).toString('hex')}`;

  it('goes offline from the status bar, stays offline across a window reload, and goes back online', async () => {
    const { page } = e2e();
    await waitForWorkbench(page);
    await waitForExtensionsActivated(page);
    const online = statusItem(page, /Secrets: Online/);
    const offline = statusItem(page, /Secrets: Offline$/);
    await online.waitFor({ state: 'visible', timeout: 30_000 });

    await online.click();
    await answerPassphrasePrompts(page, passphrase, () => offline.isVisible());
    await screenshot('offline-mode');

    await page.reload();
    await waitForWorkbench(page);
    await answerPassphrasePrompts(page, passphrase, () => offline.isVisible());
    assert.ok(await offline.isVisible(), 'offline mode did not survive the reload');

    await offline.click();
    await online.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await offline.count(), 0);
  });
});
