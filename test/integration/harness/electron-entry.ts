// `extensionTestsPath` for @vscode/test-electron (`npm run test:electron`): the same suites and runner as in
// code-server; the config file is named by an environment variable set by test/integration/electron.mjs.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { type HarnessConfig, runSuites, writeResult } from './run-suites';

export const ConfigEnv = 'SECRETS_WORKBENCH_HARNESS_CONFIG';

export async function run(): Promise<void> {
  const configFile = process.env[ConfigEnv];
  if (!configFile) throw new Error(`${ConfigEnv} is not set`);
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as HarnessConfig;
  const result = await runSuites(config, vscode.version);
  writeResult(config.resultFile, result);
  if (result.failures) throw new Error(`${result.failures} integration test(s) failed`);
}
