// Page helpers that drive the VS Code workbench as a person would. Selectors are VS Code's own DOM/ARIA.
import type { Locator, Page } from 'playwright-core';

/** Waits until the workbench is interactive (activity bar rendered and extensions registered). */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
}

/** Waits until the status bar no longer says `Activating Extensions...`. */
export async function waitForExtensionsActivated(page: Page, timeoutMs = 60_000): Promise<void> {
  await page
    .locator('.part.statusbar', { hasText: 'Activating Extensions' })
    .waitFor({ state: 'hidden', timeout: timeoutMs });
}

/** The activity bar entry with this title (e.g. `Secrets`). */
export function activityBarItem(page: Page, title: string): Locator {
  return page.locator(`.part.activitybar .action-item a[aria-label^="${title}"]`).first();
}

/** Opens a view container from the activity bar; no-op when it is already showing. */
export async function openViewContainer(page: Page, title: string): Promise<Locator> {
  const item = activityBarItem(page, title);
  await item.waitFor({ state: 'visible', timeout: 60_000 });
  const sidebar = page.locator('.part.sidebar');
  const header = sidebar.locator('.composite.title h2');
  if (!((await header.isVisible()) && (await header.textContent())?.trim().toLowerCase() === title.toLowerCase())) {
    await item.click();
  }
  await header.filter({ hasText: new RegExp(`^${title}$`, 'i') }).waitFor({ state: 'visible' });
  return sidebar;
}

/** Runs a command through the command palette (F1), by the label shown there, e.g. `Secrets: Show Info`. */
export async function runCommand(page: Page, label: string, options: { exact?: boolean } = {}): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${label}`);
  const rows = page.locator('.quick-input-list .monaco-list-row', { hasText: label });
  if (!options.exact) {
    await rows.first().waitFor();
    await page.keyboard.press('Enter');
    return;
  }
  // Recently used commands rank first: "File: Save" can sort below "File: Compare Active File with Saved".
  const exactRow = rows.filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
  });
  await exactRow.first().click();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Answers one quick-input step: waits until the widget shows `expect` (a prompt, or an item of a pick), types
 * `value`, and for a pick waits for the filtered item before accepting.
 */
export async function answer(page: Page, expect: string, value: string, kind: 'text' | 'pick'): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await widget.filter({ hasText: expect }).waitFor({ state: 'visible' });
  await widget.locator('.quick-input-box input').fill(value);
  if (kind === 'pick') await widget.locator('.quick-input-list .monaco-list-row', { hasText: value }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** A notification toast whose message contains `text`. */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notification-toast', { hasText: text });
}

/** Opens a workspace file by clicking through the Explorer tree, as a person would; resolves when its tab is active. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await openViewContainer(page, 'Explorer');
  const segments = relativePath.split('/');
  for (const [index, segment] of segments.entries()) {
    const row = page
      .locator(`.part.sidebar [role="treeitem"][aria-level="${index + 1}"][aria-label="${segment}"]`)
      .first();
    await row.waitFor({ state: 'visible' });
    const isFile = index === segments.length - 1;
    if (isFile || (await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  }
  await page.locator('.tabs-container .tab.active', { hasText: segments[segments.length - 1] }).waitFor();
}

/**
 * Empties the Problems view's filter (a scenario may have left one) as a user would, and checks it took: a
 * programmatic fill('') has been seen not to.
 */
/** Shows only the Problems of files matching `text`: rows of other files can push them out of the rendered list. */
export async function filterProblems(page: Page, text: string): Promise<void> {
  await clearProblemsFilter(page);
  const filter = page.locator('.part.panel .viewpane-filter input').first();
  await filter.focus();
  await page.keyboard.type(text);
}

export async function clearProblemsFilter(page: Page): Promise<void> {
  const filter = page.locator('.part.panel .viewpane-filter input').first();
  for (let attempt = 0; (await filter.inputValue()) !== '' && attempt < 5; attempt++) {
    // Focused, not clicked: the "Showing 1 of 7" badge can sit over the input's middle and take the click.
    await filter.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(200);
  }
  if ((await filter.inputValue()) !== '') throw new Error('the Problems filter could not be cleared');
}

/** Create Secret… from the palette: a generated password in the local vault, with optional tags. */
export async function createGeneratedSecret(page: Page, name: string, tags = ''): Promise<void> {
  await runCommand(page, 'Secrets: Create Secret…');
  // With AWS connections too, a pick of connections comes first (its rows, not the name prompt's text).
  const widget = page.locator('.quick-input-widget');
  await widget.filter({ hasText: /letters, digits|Local Vault/ }).waitFor({ state: 'visible' });
  if (!(await widget.filter({ hasText: 'letters, digits' }).isVisible())) {
    await answer(page, 'Local Vault', 'Local Vault', 'pick');
  }
  await answer(page, 'Name in Local Vault', name, 'text');
  await answer(page, 'Generated password', 'Generated password', 'pick');
  await answer(page, 'Description (optional)', '', 'text');
  await answer(page, 'Tags (optional)', tags, 'text');
  // Its toast, or its row in the tree (revealed there by the create): a toast has once not been seen in time.
  const leaf = name.split('/').pop()!;
  const row = page.locator('.part.sidebar .monaco-list-row .label-name', {
    hasText: new RegExp(`^(${name}|${leaf})$`),
  });
  await notification(page, `Created secret "${name}"`).or(row).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** The active editor. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
}

/**
 * The text the editor renders, its lines in screen order (Monaco reorders its line elements), joined without
 * separators so a line that word wrap split reads whole. Enough for a document that fits on screen.
 */
export async function renderedText(editor: Locator): Promise<string> {
  const lines = await editor
    .locator('.view-lines .view-line')
    .evaluateAll((elements) =>
      elements.map((e) => ({ top: parseFloat((e as HTMLElement).style.top) || 0, text: e.textContent ?? '' })),
    );
  return lines
    .sort((a, b) => a.top - b.top)
    .map((line) => line.text)
    .join('')
    .replace(/\u00a0/g, ' ');
}
