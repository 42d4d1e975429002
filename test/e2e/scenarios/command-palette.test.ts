import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e, screenshot } from '../context';
import { notification, openFile, runCommand, waitForWorkbench } from '../workbench';

const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  version: string;
};

describe('command palette and editor', () => {
  it('runs "Secrets: Show Info" from the palette next to an open .env with hardcoded credentials', async () => {
    const { page } = e2e();
    await waitForWorkbench(page);
    await openFile(page, '.env'); // no language server to start (unlike .ts), so less CPU
    await runCommand(page, 'Secrets: Show Info');
    const toast = notification(page, `Secrets Workbench ${version}`);
    await toast.waitFor({ state: 'visible' });
    assert.ok(await toast.isVisible());
    await screenshot('show-info');
  });
});
