// The local vault outside the browser, as a user reaches it: a passphrase added from the palette, then
// `secrets-workbench serve` on that vault, which any AWS SDK talks to (docs/server.md).
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { notification, runCommand } from './workbench';

const cli = join(__dirname, '..', '..', 'dist', 'cli.js');

export interface VaultForCli {
  path: string;
  passphrase: string;
}

/** Secrets: Add Passphrase to Local Vault, answered twice; its notification names the vault file. */
export async function addVaultPassphrase(page: Page): Promise<VaultForCli> {
  const passphrase = `e2e-${randomBytes(12).toString('hex')}`;
  await runCommand(page, 'Secrets: Add Passphrase to Local Vault');
  for (const step of ['Choose a passphrase', 'Enter the same passphrase again']) {
    const input = page.locator('.quick-input-widget', { hasText: step }).locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(passphrase);
    await page.keyboard.press('Enter');
  }
  const toast = notification(page, 'now also opens with your passphrase');
  await toast.waitFor({ state: 'visible', timeout: 30_000 });
  const path = /The local vault (.+\.swv) now also opens/.exec((await toast.textContent()) ?? '')?.[1];
  assert.ok(path, 'the notification names the vault');
  return { path, passphrase };
}

export interface ServedVault {
  /** AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** `secrets-workbench serve --vault …`; resolves with the variables it prints once it listens. */
export function serveVault(vault: VaultForCli): Promise<ServedVault> {
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--vault', vault.path], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SECRETS_WORKBENCH_PASSPHRASE: vault.passphrase },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => fail(new Error(`serve did not start in 30 s: ${stderr.slice(0, 500)}`)), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop().then(() => reject(error));
    };
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const early = (code: number | null) => fail(new Error(`serve exited with ${code}: ${stderr.slice(0, 500)}`));
    child.once('exit', early);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const env = Object.fromEntries(
        [...stdout.matchAll(/(AWS_[A-Z_]+)='([^']*)'/g)].map((match) => [match[1]!, match[2]!]),
      );
      if (env.AWS_REGION) {
        clearTimeout(timer);
        child.off('exit', early);
        resolve({ env, stop });
      }
    });
  });
}
