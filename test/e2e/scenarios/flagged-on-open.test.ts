// #16 "flagged on open": the background scan on startup lists the demo's credentials in Problems, also for
// files nobody has opened (no scenario before this one opens src/deploy.ts or config/database.yml).
import { strict as assert } from 'node:assert';
import { e2e } from '../context';
import { clearProblemsFilter, runCommand, waitForExtensionsActivated, waitForWorkbench } from '../workbench';

describe('Flagged on open', () => {
  it('Problems lists credentials of demo files never opened, found by the background scan on startup', async () => {
    const { page } = e2e();
    await waitForWorkbench(page);
    await waitForExtensionsActivated(page);
    await runCommand(page, 'Problems: Focus on Problems View');
    const problems = page.locator('.markers-panel .monaco-list-row');
    const filter = page.locator('.part.panel .viewpane-filter input').first();
    try {
      // One variable name at a time in the filter, so its row is among the few rendered (the list is virtual).
      for (const [name, message] of [
        ['githubToken', /GitHub token assigned to 'githubToken'/],
        ["'password'", /Password assigned to 'password'/],
      ] as const) {
        await filter.fill(name);
        await problems.filter({ hasText: message }).first().waitFor({ timeout: 30_000 });
      }
    } finally {
      await clearProblemsFilter(page); // later scenarios read Problems unfiltered
    }
    assert.equal(await filter.inputValue(), '', 'the Problems filter is cleared for later scenarios');
  });
});
