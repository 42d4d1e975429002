import { strict as assert } from 'node:assert';
import { statSync } from 'node:fs';
import { e2e, screenshot } from '../context';
import { openViewContainer, waitForExtensionsActivated, waitForWorkbench } from '../workbench';

describe('Secrets view', () => {
  it('opens from the activity bar and shows its welcome content or the local vault', async () => {
    const { page } = e2e();
    await waitForWorkbench(page);
    const sidebar = await openViewContainer(page, 'Secrets');
    const view = sidebar.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /secrets/i }) });
    await view.first().waitFor({ state: 'visible' });
    const content = sidebar.getByText(/keeps your credentials|local vault/i).first();
    await content.waitFor({ state: 'visible' });
    assert.ok(await content.isVisible());

    await waitForExtensionsActivated(page);
    const file = await screenshot('secrets-view');
    assert.ok(statSync(file).size > 10_000, 'the screenshot is suspiciously small');
  });
});
