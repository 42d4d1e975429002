// Command-line options of test/integration/run.mjs, parsed apart from the run so unit tests can check them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { vscodeTarget } from '../../scripts/vscode-cache.mjs';
import { repoRoot } from '../../scripts/lib/workbench.mjs';
import { defaultSuitesDir, defaultWorkspace } from './bundle.mjs';

/** major.minor of the lowest VS Code that engines.vscode accepts (`^1.90.0` → `1.90`). */
export function enginesMinimum(manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))) {
  const match = /^\^?(\d+)\.(\d+)\.\d+$/.exec(manifest.engines?.vscode ?? '');
  if (!match) throw new Error(`engines.vscode '${manifest.engines?.vscode}' is not of the form ^MAJOR.MINOR.PATCH`);
  return `${match[1]}.${match[2]}`;
}

/**
 * The VS Code major.minor the suites must find themselves in: for `min`, engines.vscode's minimum (so the run fails
 * when package.json and the cached build drift apart); for any other target, the version that target installs.
 */
export function expectedVsCode(target, manifest) {
  return target.name === 'min' ? enginesMinimum(manifest) : target.vscode;
}

export function parseRunnerArgs(args) {
  const { values } = parseArgs({
    args,
    options: {
      suites: { type: 'string', default: defaultSuitesDir },
      workspace: { type: 'string', default: defaultWorkspace },
      grep: { type: 'string' },
      timeout: { type: 'string', default: '240' },
      'test-timeout': { type: 'string', default: '20' },
      restricted: { type: 'boolean', default: false },
      vscode: { type: 'string', default: 'current' },
    },
  });
  const target = vscodeTarget(values.vscode);
  return { ...values, target, expectedVsCode: expectedVsCode(target) };
}

/** Whether the VS Code that ran (`1.90.2`) is the expected major.minor (`1.90`); patch releases add no API. */
export function isExpectedVsCode(running, expected) {
  return typeof running === 'string' && running.startsWith(`${expected}.`);
}
