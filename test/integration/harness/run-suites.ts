// Runs the bundled mocha suites inside the extension host (real `vscode` API) and returns a JSON-able result.
// Shared by the code-server harness extension and the @vscode/test-electron entry, so both run suites alike.
import { renameSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';

export interface HarnessConfig {
  /** Absolute path of mocha (the repo's own dev dependency), bundled into one CommonJS file by bundle.mjs. */
  mochaPath: string;
  /** Bundled suite files, one per `test/integration/suite/**\/*.test.ts`. */
  suiteFiles: string[];
  resultFile: string;
  /** The throw-away copy of the fixture workspace that VS Code opened. */
  workspace: string;
  /** The repo's test/fixtures folder (read-only). */
  fixturesDir: string;
  grep?: string;
  testTimeoutMs: number;
  /** major.minor of the VS Code the runner asked for (`1.139`, or engines.vscode's minimum). */
  expectedVsCode?: string;
}

export interface TestOutcome {
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface HarnessResult {
  passes: number;
  failures: number;
  pending: number;
  tests: TestOutcome[];
  /** mocha's spec reporter output, printed by the runner. */
  report: string;
  vscodeVersion: string;
}

// The env vars suites read through test/integration/support.ts.
export const WorkspaceEnv = 'SECRETS_WORKBENCH_TEST_WORKSPACE';
export const FixturesEnv = 'SECRETS_WORKBENCH_TEST_FIXTURES';
export const ExpectedVsCodeEnv = 'SECRETS_WORKBENCH_TEST_EXPECTED_VSCODE';

interface MochaTest {
  fullTitle(): string;
  duration?: number;
}

export async function runSuites(config: HarnessConfig, vscodeVersion: string): Promise<HarnessResult> {
  process.env[WorkspaceEnv] = config.workspace;
  process.env[FixturesEnv] = config.fixturesDir;
  if (config.expectedVsCode) process.env[ExpectedVsCodeEnv] = config.expectedVsCode;
  // mocha is loaded from the repo at run time, not bundled: it loads suite files with its own require.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(config.mochaPath);
  const Mocha = loaded.default ?? loaded;
  const lines: string[] = [];
  const Base = Mocha.reporters.Base;
  const { consoleLog, useColors } = Base;
  Base.consoleLog = (...args: unknown[]) => lines.push(format(...args));
  Base.useColors = false; // the report goes into a JSON file, then to a log
  const tests: TestOutcome[] = [];
  try {
    const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: config.testTimeoutMs });
    if (config.grep) mocha.grep(config.grep);
    for (const file of config.suiteFiles) mocha.addFile(file);
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (test: MochaTest) =>
        tests.push({ fullTitle: test.fullTitle(), state: 'passed', durationMs: test.duration }),
      );
      runner.on('pending', (test: MochaTest) => tests.push({ fullTitle: test.fullTitle(), state: 'pending' }));
      runner.on('fail', (test: MochaTest, error: Error) =>
        tests.push({ fullTitle: test.fullTitle(), state: 'failed', error: error?.stack ?? String(error) }),
      );
    });
  } finally {
    Base.consoleLog = consoleLog;
    Base.useColors = useColors;
  }
  const count = (state: TestOutcome['state']) => tests.filter((test) => test.state === state).length;
  return {
    passes: count('passed'),
    failures: count('failed'),
    pending: count('pending'),
    tests,
    report: lines.join('\n'),
    vscodeVersion,
  };
}

/** A result for when the suites could not even be loaded, so the runner reports instead of timing out. */
export function crashResult(error: unknown, vscodeVersion: string): HarnessResult {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    passes: 0,
    failures: 1,
    pending: 0,
    tests: [{ fullTitle: 'loading the integration suites', state: 'failed', error: message }],
    report: `  loading the integration suites failed:\n${message}\n\n  0 passing\n  1 failing`,
    vscodeVersion,
  };
}

/** Written atomically: the runner polls for the file and must never read half of it. */
export function writeResult(file: string, result: HarnessResult): void {
  writeFileSync(`${file}.partial`, JSON.stringify(result, null, 2));
  renameSync(`${file}.partial`, file);
}
