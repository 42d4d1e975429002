// Helpers for integration suites (they run inside the extension host, with the real `vscode` API and Node).
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ExtensionId } from '../../src/vscode/constants';
import { ExpectedVsCodeEnv, FixturesEnv, WorkspaceEnv } from './harness/run-suites';

/** Absolute path of the workspace folder VS Code opened: a throw-away copy of the fixture, safe to write into. */
export function workspaceDir(): string {
  const dir = process.env[WorkspaceEnv];
  assert.ok(dir, `${WorkspaceEnv} is not set: is this running under test/integration/run.mjs?`);
  return dir;
}

/** A path inside the repo's read-only test/fixtures folder. */
export function fixturePath(...segments: string[]): string {
  const dir = process.env[FixturesEnv];
  assert.ok(dir, `${FixturesEnv} is not set`);
  return join(dir, ...segments);
}

/** major.minor of the VS Code the runner started (`1.139`, or engines.vscode's minimum with `--vscode min`). */
export function expectedVsCode(): string {
  const version = process.env[ExpectedVsCodeEnv];
  assert.ok(version, `${ExpectedVsCodeEnv} is not set: is this running under test/integration/run.mjs?`);
  return version;
}

/** The extension under test, activated. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(ExtensionId);
  assert.ok(extension, `extension ${ExtensionId} is not installed`);
  await extension.activate();
  return extension;
}
