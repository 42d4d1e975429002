// Secret posture (#23) as a person sees it: a secret's resource policy granting `"Principal": "*"` gets a
// posture problem (squiggle and Problems entry) and its save is refused; the Rotation Health report of the
// local vault counts the states of secrets made never rotated, not configured (a tagged credential) and
// healthy (rotated through the local server). Secrets are generated passwords: no value is ever typed or shown.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { DescribeSecretCommand, RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { e2e, screenshot } from '../context';
import { addVaultPassphrase, serveVault } from '../local-server';
import {
  activeEditor,
  answer,
  clearProblemsFilter,
  createGeneratedSecret,
  notification,
  openViewContainer,
  renderedText,
  runCommand,
  waitForExtensionsActivated,
  waitForWorkbench,
} from '../workbench';

// Eight characters: a name ending in a hyphen and six would look like an ARN suffix, which names may not.
const run = randomBytes(4).toString('hex');

/** RotateSecret on the served vault with the built-in stand-in Lambda, every 30 days; waits until it finished. */
async function rotateWithSimulatedLambda(env: Record<string, string>, name: string): Promise<void> {
  const client = new SecretsManagerClient({
    endpoint: env.AWS_ENDPOINT_URL_SECRETS_MANAGER,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! },
  });
  try {
    await client.send(
      new RotateSecretCommand({
        SecretId: name,
        RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:secrets-workbench-generated-password',
        RotationRules: { AutomaticallyAfterDays: 30 },
        RotateImmediately: true,
      }),
    );
    const deadline = Date.now() + 30_000;
    while (!(await client.send(new DescribeSecretCommand({ SecretId: name }))).LastRotatedDate) {
      assert.ok(Date.now() < deadline, `the rotation of ${name} did not finish in 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    client.destroy();
  }
}

describe('Secret posture', function () {
  this.timeout(180_000);

  before(async () => {
    const { page } = e2e();
    await waitForWorkbench(page);
    await waitForExtensionsActivated(page);
    await openViewContainer(page, 'Secrets');
  });

  it('Edit Resource Policy: "Principal": "*" is a posture problem, and the save is refused', async () => {
    const { page } = e2e();
    const name = `posture-e2e/policy-${run}`;
    await createGeneratedSecret(page, name);
    await runCommand(page, 'Secrets: Edit Resource Policy');
    await answer(page, name, name, 'pick'); // the pick of the vault's secrets
    const file = `policy-${run}.policy.json`;
    await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor();
    const editor = activeEditor(page);
    // No policy yet: the skeleton to fill in.
    await editor.locator('.view-line', { hasText: '"Statement": []' }).waitFor({ state: 'visible' });

    await editor.locator('.view-line', { hasText: '"Statement": []' }).click();
    await page.keyboard.press('Control+A');
    // One line, inserted whole (typed, each bracket would be auto-closed), then formatted by VS Code's JSON support.
    await page.keyboard.insertText(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
      }),
    );
    // Monaco auto-closes the first `{"` of an insertion: drop whatever it added after the cursor.
    await page.keyboard.press('Control+Shift+End');
    await page.keyboard.press('Delete');
    await runCommand(page, 'Format Document', { exact: true });
    const principal = editor.locator('.view-line', { hasText: /^\s*"Principal":\s"\*",\s*$/ });
    await principal.waitFor({ state: 'visible' });
    await editor.locator('.squiggly-error').first().waitFor({ state: 'attached' });

    await page.keyboard.press('Control+Shift+M');
    await clearProblemsFilter(page);
    const panel = page.locator('.markers-panel');
    await panel.locator('.monaco-list-row', { hasText: file }).first().waitFor({ state: 'visible' });
    const problem = panel.locator('.monaco-list-row', {
      hasText: 'A wildcard principal without a restricting condition lets anyone with AWS credentials use this secret.',
    });
    await problem.first().waitFor({ state: 'visible' });
    assert.match((await problem.first().textContent()) ?? '', /Secrets Workbench posture/);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await screenshot('posture-policy-problem');

    // The store refuses a public policy (BlockPublicPolicy); VS Code's save error gives its reason.
    await editor.locator('.view-line', { hasText: '"Principal"' }).click();
    await page.keyboard.press('Control+S');
    const refused = notification(page, /The resource policy was not saved\. PublicPolicyException/);
    await refused.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.tabs-container .tab.active.dirty', { hasText: file }).waitFor();
    await runCommand(page, 'File: Revert File');
    await editor.locator('.view-line', { hasText: '"Statement": []' }).waitFor({ state: 'visible' });
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'hidden' });
    await runCommand(page, 'View: Close Editor', { exact: true });
    await runCommand(page, 'View: Hide Panel', { exact: true });
    await runCommand(page, 'Notifications: Clear All Notifications');
  });

  it('Rotation Health: the report counts never rotated, not configured and healthy secrets', async () => {
    const { page } = e2e();
    /** Opens (or re-opens) the report; re-opened, it is recomputed: wait until it lists `names`. */
    const report = async (names: string[] = []): Promise<string> => {
      await runCommand(page, 'Secrets: Rotation Health');
      await page.locator('.tabs-container .tab.active', { hasText: 'Rotation Health.md' }).waitFor();
      const editor = activeEditor(page);
      await editor.locator('.view-line', { hasText: '# Rotation health: Local Vault' }).waitFor({ state: 'visible' });
      const deadline = Date.now() + 30_000;
      for (;;) {
        const text = await renderedText(editor);
        if (names.every((name) => text.includes(`| ${name} |`))) return text;
        assert.ok(Date.now() < deadline, `the report lists ${names.join(', ')}: ${text.slice(0, 300)}`);
        await page.waitForTimeout(250);
      }
    };
    const counts = (text: string) => {
      const summary =
        /(\d+) secret\(s\), .* UTC\. Failed: (\d+) · Overdue: (\d+) · Not configured \(credential\): (\d+) · Never rotated: (\d+) · Healthy: (\d+)/.exec(
          text,
        );
      assert.ok(summary, `the summary line in: ${text.slice(0, 400)}`);
      const [total, failed, overdue, notConfigured, never, healthy] = summary.slice(1).map(Number);
      return { total, failed, overdue, notConfigured, never, healthy };
    };

    const before = counts(await report());
    await runCommand(page, 'View: Close Editor', { exact: true });

    const plain = `posture-e2e/plain-${run}`;
    const credential = `posture-e2e/db-${run}`;
    const rotated = `posture-e2e/rotated-${run}`;
    await createGeneratedSecret(page, plain);
    // The tag marks a hand-made database credential (metadata only: the report reads no value).
    await createGeneratedSecret(page, credential, 'secrets-workbench:database=postgres');
    await createGeneratedSecret(page, rotated);
    // Its rotation, configured and run through the local server with the simulated rotation Lambda (the
    // vault's own Rotate Secret… only puts a new version, which AWS does not count as a rotation either).
    const server = await serveVault(await addVaultPassphrase(page));
    try {
      await rotateWithSimulatedLambda(server.env, rotated);
    } finally {
      await server.stop();
    }

    await runCommand(page, 'Notifications: Clear All Notifications');
    const text = await report([plain, credential, rotated]);
    const after = counts(text);
    assert.deepEqual(
      { ...after },
      {
        total: before.total + 3,
        failed: before.failed,
        overdue: before.overdue,
        notConfigured: before.notConfigured + 1,
        never: before.never + 1,
        healthy: before.healthy + 1,
      },
    );
    const today = new Date().toISOString().slice(0, 10);
    assert.match(
      text,
      new RegExp(
        `\\| ${credential} \\| Not configured \\(credential\\) \\| This credential has no rotation configured\\.`,
      ),
    );
    assert.match(
      text,
      new RegExp(`\\| ${plain} \\| Never rotated \\| Never rotated since it was created on ${today}\\.`),
    );
    assert.match(
      text,
      new RegExp(
        `\\| ${rotated} \\| Healthy \\| Last rotated on ${today}; next on \\d{4}-\\d{2}-\\d{2}\\. \\| Nothing to do\\. \\|`,
      ),
    );
    // Worst first: the credential's row above the never-rotated one, which is above the healthy one.
    const at = (name: string) => text.indexOf(`| ${name} |`);
    assert.ok(at(credential) < at(plain) && at(plain) < at(rotated), 'rows ordered worst state first');
    await screenshot('posture-rotation-health');
    await runCommand(page, 'View: Close Editor', { exact: true });
    await runCommand(page, 'Notifications: Clear All Notifications');
  });
});
