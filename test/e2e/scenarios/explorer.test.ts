// As a person would: create a secret from the palette (revealed in the tree), expand the connection, the secret
// and its versions, rotate it from the palette (the selected secret, confirmed by name) and see the new
// AWSCURRENT, open a diff of two versions, then edit the value and cancel saves. Screenshots of each.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { e2e, screenshot } from '../context';
import {
  answer,
  notification,
  openViewContainer,
  runCommand,
  waitForExtensionsActivated,
  waitForWorkbench,
} from '../workbench';

function treeRow(page: Page, label: string | RegExp) {
  return page
    .locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) })
    .first();
}

/**
 * Expands a tree row unless it already is (a click on an expanded row would collapse it). The twistie, as a user
 * would: a click elsewhere on a secret's row opens its details instead.
 */
async function expand(page: Page, label: string | RegExp): Promise<void> {
  const row = treeRow(page, label);
  await row.waitFor({ state: 'visible' });
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
  await page.waitForFunction((element) => element?.getAttribute('aria-expanded') === 'true', await row.elementHandle());
}

describe('Secrets explorer (browser)', function () {
  this.timeout(120_000);
  it('creates a secret and shows connection → folder → secret → versions', async () => {
    const { page } = e2e();
    await waitForWorkbench(page);
    await waitForExtensionsActivated(page);
    await openViewContainer(page, 'Secrets');
    await runCommand(page, 'Secrets: Create Secret…');
    await answer(page, 'Name in Local Vault', 'demo/database', 'text');
    await answer(page, 'Generated password', 'Key/value', 'pick');
    await answer(page, 'First key', 'username', 'text');
    await answer(page, 'Value of "username"', 'app_user', 'text');
    await answer(page, 'keys so far: username)', 'password', 'text');
    await answer(page, 'Value of "password"', randomBytes(12).toString('base64url'), 'text');
    await answer(page, 'keys so far: username, password', '', 'text');
    await answer(page, 'Description (optional)', 'Primary database of the demo app', 'text');
    await answer(page, 'Tags (optional)', 'team=payments', 'text');
    await notification(page, 'Created secret "demo/database"').waitFor({ state: 'visible', timeout: 30_000 });

    await treeRow(page, 'Local Vault').waitFor({ state: 'visible' });
    // Revealed and selected without a click: the tree opened Local Vault → demo to show it.
    await page
      .locator('.part.sidebar .monaco-list-row.selected', {
        has: page.locator('.label-name', { hasText: /^database$/ }),
      })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await expand(page, /^demo$/);
    await expand(page, /^database$/);
    await treeRow(page, 'AWSCURRENT').waitFor({ state: 'visible' });
    // The tooltip (ARN, description, tags…) in the screenshot; it never holds the value.
    await treeRow(page, /^database$/).hover();
    await page
      .locator('.monaco-hover', { hasText: 'Primary database of the demo app' })
      .waitFor({ state: 'visible', timeout: 5000 })
      .catch(() => undefined);
    await screenshot('explorer-tree');
  });

  it('rotates the secret from the command palette and shows the new AWSCURRENT', async () => {
    const { page } = e2e();
    await page.keyboard.press('Escape');
    await page.mouse.move(900, 600); // away from the tree, so no tooltip hides the versions
    await runCommand(page, 'Secrets: Rotate Secret…');
    // The selected secret is the default; a modal names it and its connection before anything changes.
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Rotate "demo/database" in Local Vault?' });
    await dialog.waitFor({ state: 'visible' });
    await screenshot('rotate-confirmation');
    await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
    await answer(page, 'The whole value', 'Key "password"', 'pick');
    const toast = notification(page, /Rotated "demo\/database": version [0-9a-f]{8} is now AWSCURRENT/);
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    const versionPrefix = /version ([0-9a-f]{8})/.exec((await toast.textContent()) ?? '')![1];
    await expand(page, /^demo$/);
    await expand(page, /^database$/);
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
    await answer(page, 'Enter a secret name', 'demo/database', 'pick');
    await answer(page, 'Two versions', 'AWSPREVIOUS', 'pick');
    const diff = page.locator('.monaco-diff-editor').first();
    await diff.waitFor({ state: 'visible', timeout: 30_000 });
    await page
      .locator('.tab', { hasText: /AWSPREVIOUS.*AWSCURRENT/ })
      .first()
      .waitFor({ state: 'visible' });
    await page
      .locator('.monaco-diff-editor .char-insert, .monaco-diff-editor .line-insert')
      .first()
      .waitFor({ state: 'visible' });
    assert.ok(await page.locator('.monaco-diff-editor .char-insert, .monaco-diff-editor .line-insert').count());
    await screenshot('compare-versions');
  });

  it('refuses to save invalid JSON into the key/value secret; cancelling a save keeps the edit and shows no error', async () => {
    const { page } = e2e();
    await page.keyboard.press('Escape');
    await runCommand(page, 'Secrets: Open Secret Value');
    await answer(page, 'Enter a secret name', 'demo/database', 'pick');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines', { hasText: '"username"' }).waitFor({ state: 'visible', timeout: 30_000 });
    const dirtyTab = page.locator('.tabs-container .tab.active.dirty');
    // VS Code in a browser auto-saves after a delay by default; secret documents are outside the workspace, so
    // the extension's default files.autoSaveWorkspaceFilesOnly keeps a save prompt from popping up while typing.
    // Drop the comma after the first key's value: no longer JSON.
    await editor.locator('.view-line', { hasText: '"username"' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await dirtyTab.waitFor({ state: 'visible' });
    await page.keyboard.press('Control+S');
    const refusal = page.locator('.monaco-dialog-box', { hasText: 'this text is not valid JSON' });
    await refusal.waitFor({ state: 'visible' });
    await screenshot('invalid-json-refused');
    await refusal.getByRole('button', { name: 'Cancel' }).click();
    await page.keyboard.press('Control+Shift+M');
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: /Not valid JSON \(comma expected\)/ })
      .first()
      .waitFor({ state: 'visible' });

    // Put the comma back: valid JSON, so the save asks for the new version; cancel that too.
    await editor.locator('.view-line', { hasText: '"username"' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(',');
    await page.keyboard.press('Control+S');
    const confirm = page.locator('.monaco-dialog-box', { hasText: 'Save a new version of "demo/database"' });
    await confirm.waitFor({ state: 'visible' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.waitForTimeout(2000); // an error toast would show by now
    assert.equal(await notification(page, /Failed to save/).count(), 0, 'no "Failed to save" error');
    assert.ok(await dirtyTab.isVisible(), 'the edit is kept (the document stays dirty)');

    // The other ways VS Code saves reach the file system without the save command; cancelling there is silent too.
    await runCommand(page, 'File: Save', { exact: true });
    await confirm.waitFor({ state: 'visible' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    // Closing the editor: VS Code asks to save, then the extension asks for the version.
    await runCommand(page, 'View: Close Editor', { exact: true });
    const closing = page.locator('.monaco-dialog-box', { hasText: 'Do you want to save the changes' });
    await closing.waitFor({ state: 'visible' });
    await closing.getByRole('button', { name: 'Save', exact: true }).click();
    await confirm.waitFor({ state: 'visible' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.waitForTimeout(2000);
    assert.equal(
      await notification(page, /Failed to save/).count(),
      0,
      'no "Failed to save" after File: Save or close',
    );
    assert.ok(await dirtyTab.isVisible(), 'the editor stays open with the edit');
    await runCommand(page, 'File: Revert File');
    await dirtyTab.waitFor({ state: 'hidden' });
  });
});
