// Shared by the explorer suites: the extension's test API, a scripted UserInput, tree reading, a local
// Secrets Manager server with an AWS profile pointing at it, and a record of every secret value used.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  simulatedRotationFunction,
  startSecretsServer,
  type RunningSecretsServer,
  type SecretsServerOptions,
} from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';
import type { SecretStore } from '../../../src/core/store/types';
import { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';
import type { SecretsWorkbenchApi, TestingApi } from '../../../src/vscode/test-api';
import type { ExplorerNode } from '../../../src/vscode/tree/nodes';
import { activateExtension } from '../support';

/** Every value a test put into a store or read back: none may appear in logs or notifications. */
export const usedValues = new Set<string>();

export function syntheticValue(): string {
  const value = `sw-${randomBytes(18).toString('base64url')}`;
  usedValues.add(value);
  return value;
}

export async function extensionApi(): Promise<{ api: SecretsWorkbenchApi; testing: TestingApi }> {
  const extension = await activateExtension();
  const api = extension.exports as SecretsWorkbenchApi;
  assert.ok(api?.testing, 'the extension exposes its test API under the harness');
  return { api, testing: api.testing };
}

export class MemoryClipboard {
  text = '';
  async readText() {
    return this.text;
  }
  async writeText(text: string) {
    this.text = text;
  }
}

export function scriptedInput(testing: TestingApi): ScriptedUserInput {
  const ui = new ScriptedUserInput();
  testing.setUserInput(ui);
  return ui;
}

export function label(testing: TestingApi, node: ExplorerNode): string {
  const item = testing.tree.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

export async function children(testing: TestingApi, node?: ExplorerNode): Promise<ExplorerNode[]> {
  return testing.tree.getChildren(node);
}

export async function childLabels(testing: TestingApi, node?: ExplorerNode): Promise<string[]> {
  return (await children(testing, node)).map((n) => label(testing, n));
}

/** Walks the tree by labels, e.g. ['Local Vault', 'app', 'db'], failing with what was there instead. */
export async function nodeAt(testing: TestingApi, path: string[]): Promise<ExplorerNode> {
  let node: ExplorerNode | undefined;
  for (const step of path) {
    const list = await children(testing, node);
    const next = list.find((n) => label(testing, n) === step);
    assert.ok(
      next,
      `no "${step}" under ${node ? label(testing, node) : 'the root'}: ${list.map((n) => label(testing, n)).join(' | ')}`,
    );
    node = next;
  }
  return node!;
}

export interface LocalAws {
  server: RunningSecretsServer;
  /** The store behind the server: assertions read the service's state from here. */
  store: SecretStore;
  profile: string;
  region: string;
  close(): Promise<void>;
}

/** A local Secrets Manager server (simulated rotation Lambdas included) and an AWS profile for it. */
export async function startLocalAws(options: Partial<SecretsServerOptions> = {}): Promise<LocalAws> {
  const store = new MemoryStore({ region: 'eu-west-1', rotationFunction: simulatedRotationFunction });
  const server = await startSecretsServer({ store, port: 0, region: 'eu-west-1', ...options });
  const dir = mkdtempSync(join(tmpdir(), 'sw-explorer-aws-'));
  const profile = 'workbench-test';
  writeFileSync(join(dir, 'config'), `[profile ${profile}]\nregion = eu-west-1\n`);
  writeFileSync(
    join(dir, 'credentials'),
    `[${profile}]\naws_access_key_id = ${server.accessKeyId}\naws_secret_access_key = ${server.secretAccessKey}\n`,
  );
  // The extension host is this process: the AWS store reads its profiles from these files.
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  return { server, store, profile, region: 'eu-west-1', close: () => server.close() };
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5000,
  describe?: () => unknown,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what}${describe ? `: ${JSON.stringify(await describe())}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function config() {
  return vscode.workspace.getConfiguration('secretsWorkbench');
}
