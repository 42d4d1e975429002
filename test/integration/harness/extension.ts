// Test-only extension installed next to the extension under test in code-server: on startup it runs the
// integration suites with the real `vscode` API and writes the result file that test/integration/run.mjs awaits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { crashResult, type HarnessConfig, runSuites, writeResult } from './run-suites';

export function activate(context: vscode.ExtensionContext): void {
  const config = JSON.parse(readFileSync(join(context.extensionPath, 'harness-config.json'), 'utf8')) as HarnessConfig;
  // Not awaited: activation must finish for the workbench (and the suites' own activations) to proceed.
  void runSuites(config, vscode.version)
    .catch((error: unknown) => crashResult(error, vscode.version))
    .then((result) => writeResult(config.resultFile, result));
}

export function deactivate(): void {
  // nothing to dispose
}
