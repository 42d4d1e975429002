// Finding and reading the project's `env` map: the nearest `.secrets-workbench.json` from a folder upwards
// (as git finds its repository), validated like every other part of the config.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, parseConfig } from '../detection/config';
import type { EnvMap } from './env-map';

/** The nearest config file at or above `startDir`, or undefined. */
export function findProjectConfig(startDir: string): string | undefined {
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The validated `env` map of a config text ({} when it has none); throws ConfigError when invalid. */
export function envMapOf(text: string, source = CONFIG_FILE_NAME): EnvMap {
  parseConfig(text, source);
  const env = (JSON.parse(text) as { env?: EnvMap }).env;
  return { ...env };
}

export function readEnvMap(path: string): EnvMap {
  return envMapOf(readFileSync(path, 'utf8'), path);
}
