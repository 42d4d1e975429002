// Run-time injection into debug sessions and tasks: a launch configuration or task definition names variables
// and secret references under `secretsWorkbench.env` (the `env` map's format); the values are resolved at
// launch and reach the process environment only. No vscode import: the shape rules are unit-tested here.
import { envMapProblems, type EnvMap } from './env-map';

export const INJECT_ENV_KEY = 'secretsWorkbench.env';
export const INJECT_CONNECTION_KEY = 'secretsWorkbench.connection';

export interface InjectionRequest {
  map: EnvMap;
  /** A connection id (`local`, `aws:PROFILE:REGION[:ENDPOINT]`) when the configuration names one. */
  connection?: string;
}

/**
 * The request a configuration carries: undefined when it carries none, else the map and connection, or the
 * value-free problems that stop the launch.
 */
export function injectionRequestOf(
  config: Record<string, unknown>,
): { request: InjectionRequest } | { problems: string[] } | undefined {
  const raw = config[INJECT_ENV_KEY];
  const connection = config[INJECT_CONNECTION_KEY];
  if (raw === undefined && connection === undefined) return undefined;
  const problems = raw === undefined ? [`"${INJECT_CONNECTION_KEY}" is set but "${INJECT_ENV_KEY}" is missing`] : [];
  if (raw !== undefined)
    problems.push(...envMapProblems(raw).map((p) => p.replace(/^("?)env\b/, `$1${INJECT_ENV_KEY}`)));
  if (connection !== undefined && (typeof connection !== 'string' || !connection))
    problems.push(`"${INJECT_CONNECTION_KEY}" must be a connection id ("local" or "aws:PROFILE:REGION")`);
  if (problems.length) return { problems };
  return { request: { map: { ...(raw as EnvMap) }, ...(connection ? { connection: connection as string } : {}) } };
}

/** A copy of the configuration without our keys (adapters and task runners never see them). */
export function withoutInjectionKeys<T extends Record<string, unknown>>(config: T): T {
  const copy: Record<string, unknown> = { ...config };
  delete copy[INJECT_ENV_KEY];
  delete copy[INJECT_CONNECTION_KEY];
  return copy as T;
}

/**
 * Why a launch configuration would print injected values, or undefined when it would not. An adapter that runs
 * the program in a terminal asks VS Code to (`runInTerminal`), and VS Code writes the environment into the
 * terminal's command line (`/usr/bin/env 'NAME=value' …`), where it shows and lands in the shell's history.
 */
export function terminalConsoleProblem(config: Record<string, unknown>): string | undefined {
  const console = config.console;
  if (console === 'integratedTerminal' || console === 'externalTerminal')
    return (
      `"console": "${console}" would show the injected variables on the terminal's command line; ` +
      'use "console": "internalConsole" with "secretsWorkbench.env"'
    );
  return undefined;
}

/** The process environment of a launch: the configuration's own `env` with the injected values on top. */
export function mergedEnv(existing: unknown, values: Record<string, string>): Record<string, string | null> {
  const base =
    existing && typeof existing === 'object' && !Array.isArray(existing)
      ? (existing as Record<string, string | null>)
      : {};
  return { ...base, ...values };
}
