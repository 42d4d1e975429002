// The Secrets view as a new user first sees it: its welcome content, exactly as package.json's viewsWelcome
// words it (paragraphs and buttons, in order). First in file order, so no scenario has created a secret yet.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e } from '../context';
import { activityBarItem, openViewContainer, waitForExtensionsActivated, waitForWorkbench } from '../workbench';

interface ViewWelcome {
  view: string;
  contents: string;
}
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { viewsWelcome: ViewWelcome[] };
};

/** The welcome text as VS Code renders it: `[label](command:…)` lines become buttons, other lines paragraphs. */
function expectedWelcome(view: string): { paragraphs: string[]; buttons: string[] } {
  const { contents } = manifest.contributes.viewsWelcome.find((w) => w.view === view)!;
  const lines = contents.split('\n');
  const button = /^\[(.+)\]\(command:[\w.]+\)$/;
  return {
    paragraphs: lines.filter((line) => !button.test(line)),
    buttons: lines.flatMap((line) => button.exec(line)?.[1] ?? []),
  };
}

describe('Secrets view before any secret exists', () => {
  it('opens from the activity bar on the welcome content package.json contributes, word for word', async () => {
    const { page } = e2e();
    await waitForWorkbench(page);
    await waitForExtensionsActivated(page);
    const sidebar = await openViewContainer(page, 'Secrets');
    const pane = sidebar.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: /^Secrets/ }) });
    const welcome = pane.first().locator('.welcome-view-content');
    await welcome.waitFor({ state: 'visible' });
    const expected = expectedWelcome('secretsWorkbench.explorer');
    assert.deepEqual(expected.buttons, ['Create Secret', 'Add AWS Connection']); // the manifest parsed as meant
    assert.deepEqual(
      (await welcome.locator('p').allInnerTexts()).map((text) => text.trim()),
      expected.paragraphs,
    );
    assert.deepEqual(
      (await welcome.locator('.monaco-button').allInnerTexts()).map((text) => text.trim()),
      expected.buttons,
    );
    // the next scenarios start where a new window does: on the Explorer
    await activityBarItem(page, 'Explorer').click();
  });
});
