// What e2e scenarios share: the page showing the workbench, the workspace copy it opened, and screenshots.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export interface E2eContext {
  /** One Chromium page on the workbench, reused by every scenario (in file order). */
  page: Page;
  /** The throw-away copy of test/fixtures/demo-workspace that VS Code opened. */
  workspace: string;
  baseUrl: string;
  /**
   * The user and the remote (machine) settings.json, as test/e2e/run.mjs wrote them: code-server is a remote window,
   * whose machine-scoped settings (e.g. verification endpoints) are read from the machine one only.
   */
  settingsFiles: string[];
  screenshotsDir: string;
}

const key = '__secretsWorkbenchE2e';

/** Set by test/e2e/run.mjs before the scenarios load. */
export function e2e(): E2eContext {
  const context = (globalThis as Record<string, unknown>)[key] as E2eContext | undefined;
  assert.ok(context, 'no e2e context: run scenarios through test/e2e/run.mjs');
  return context;
}

/**
 * Saves a PNG of the whole page as `<screenshotsDir>/<name>.png` and returns its path; `mask` paints over what must
 * not be readable in the picture (e.g. editor lines holding a credential).
 */
export async function screenshot(name: string, mask: Locator[] = []): Promise<string> {
  const { page, screenshotsDir } = e2e();
  mkdirSync(screenshotsDir, { recursive: true });
  const path = join(screenshotsDir, `${name}.png`);
  await page.mouse.move(0, 0); // no hover tooltip in the picture
  await page.screenshot({ path, mask });
  return path;
}
