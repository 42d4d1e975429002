// Access history (#23) as a person sees it: go offline (the extension serves the local vault on 127.0.0.1), run
// an app in a new integrated terminal that reads a secret twice with the AWS SDK, unchanged (it gets the
// endpoint and keys from the terminal's environment), then "Who Read This Secret" lists both reads from the
// server's access log. The app prints and writes no value, only how many reads succeeded.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { e2e, screenshot } from '../context';
import {
  activeEditor,
  answer,
  createGeneratedSecret,
  openViewContainer,
  renderedText,
  runCommand,
  waitForExtensionsActivated,
  waitForWorkbench,
} from '../workbench';

const repoRoot = join(__dirname, '..', '..', '..');
const statusItem = (page: Page, text: RegExp) => page.locator('.part.statusbar .statusbar-item', { hasText: text });

/** The app: plain AWS SDK v3 code with no endpoint or credentials of its own; writes what it saw to `out`. */
function appSource(secretName: string, out: string): string {
  return `import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
const require = createRequire(${JSON.stringify(join(repoRoot, 'package.json'))});
const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
const client = new SecretsManagerClient({});
let reads = 0;
try {
  for (let i = 0; i < 2; i++) {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: ${JSON.stringify(secretName)} }));
    if (SecretString) reads++;
  }
  const endpoint = process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? '';
  writeFileSync(${JSON.stringify(out)}, JSON.stringify({ reads, endpoint }));
  console.log('read the secret ' + reads + ' times');
} catch (error) {
  writeFileSync(${JSON.stringify(out)}, JSON.stringify({ reads, error: String(error?.name ?? error) }));
}
`;
}

/** Polls `check` (a file the app writes is no UI state to wait on). */
async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `${what} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Access history', function () {
  this.timeout(180_000);
  const run = randomBytes(4).toString('hex'); // eight: a hyphen and six would look like an ARN suffix
  const name = `access-e2e/app-${run}`;
  const dir = mkdtempSync(join(tmpdir(), 'sw-e2e-app-'));
  const out = join(dir, 'reads.json');

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Who Read This Secret lists the two reads an app made through the offline local server', async () => {
    const { page } = e2e();
    await waitForWorkbench(page);
    await waitForExtensionsActivated(page);
    await openViewContainer(page, 'Secrets');
    await createGeneratedSecret(page, name);

    const online = statusItem(page, /Secrets: Online/);
    const offline = statusItem(page, /Secrets: Offline$/);
    await online.waitFor({ state: 'visible', timeout: 30_000 });
    await online.click();
    await offline.waitFor({ state: 'visible', timeout: 45_000 });

    try {
      // A terminal opened now gets the offline variables (endpoint, generated keys, profile).
      const app = join(dir, 'app.mjs');
      writeFileSync(app, appSource(name, out));
      await runCommand(page, 'Terminal: Create New Terminal', { exact: true });
      const terminal = page.locator('.part.panel .terminal-wrapper.active .xterm');
      await terminal.waitFor({ state: 'visible' });
      await terminal.click();
      await page.keyboard.type(`"${process.execPath}" --no-warnings "${app}"`); // no Node-version notice
      await page.keyboard.press('Enter');
      await waitUntil(async () => existsSync(out), 'the app finished');
      const result = JSON.parse(readFileSync(out, 'utf8')) as { reads: number; endpoint?: string; error?: string };
      assert.equal(result.error, undefined, `the app failed: ${result.error}`);
      assert.equal(result.reads, 2);
      assert.match(result.endpoint ?? '', /^http:\/\/127\.0\.0\.1:\d+$/, 'the app used the local server');

      await runCommand(page, 'Secrets: Who Read This Secret');
      await answer(page, name, name, 'pick'); // the pick of the vault's secrets
      await page.locator('.tabs-container .tab.active', { hasText: `app-${run}.access.md` }).waitFor();
      const editor = activeEditor(page);
      await editor.locator('.view-line', { hasText: `# Who read ${name}` }).waitFor({ state: 'visible' });
      const text = await renderedText(editor);
      const today = new Date().toISOString().slice(0, 10);
      assert.match(text, new RegExp(`Last accessed \\(DescribeSecret, to the day\\): ${today}`));
      assert.match(text, /2 call\(s\), 2 value read\(s\), newest first, from the local server's access log/);
      const rows = [
        ...text.matchAll(
          /\| (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC) \| ([^|]+) \| ([^|]+) \| GetSecretValue \| ([^|]*) \| ok \|/g,
        ),
      ];
      assert.equal(rows.length, 2, `two GetSecretValue rows in: ${text}`);
      for (const [, time, , sourceIp] of rows) {
        assert.ok(time!.startsWith(today), time);
        assert.match(sourceIp!, /127\.0\.0\.1/);
      }
      await runCommand(page, 'Notifications: Clear All Notifications');
      await screenshot('access-history');
      await runCommand(page, 'View: Close Editor', { exact: true });
      await runCommand(page, 'Terminal: Kill the Active Terminal Instance', { exact: true });
    } finally {
      // Leave the window online, as found.
      if (await offline.isVisible()) {
        await offline.click();
        await online.waitFor({ state: 'visible', timeout: 30_000 });
      }
    }
  });
});
