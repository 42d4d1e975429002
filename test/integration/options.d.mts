import type { VsCodeTarget } from '../../scripts/vscode-cache.mjs';

export interface RunnerOptions {
  suites: string;
  workspace: string;
  grep?: string;
  timeout: string;
  'test-timeout': string;
  restricted: boolean;
  vscode: string;
  target: VsCodeTarget;
  /** major.minor the run must report */
  expectedVsCode: string;
}
export function enginesMinimum(manifest?: { engines?: { vscode?: string } }): string;
export function expectedVsCode(target: VsCodeTarget, manifest?: { engines?: { vscode?: string } }): string;
export function parseRunnerArgs(args: string[]): RunnerOptions;
export function isExpectedVsCode(running: string | undefined, expected: string): boolean;
