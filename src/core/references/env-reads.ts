// Environment reads whose variable the project's `env` map names (the reads the env-read quick fix writes, and
// hand-written ones), Compose `${VAR}` substitutions of such variables, and the `env` maps themselves
// (`.secrets-workbench.json`, `secretsWorkbench.env` in launch.json / tasks.json).
import { parseTree, type Node } from 'jsonc-parser';
import { parseSecretReference, type EnvMap } from '../env/env-map';
import type { RawReference } from './types';

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const QUOTED_NAME = `(?:'(${NAME})'|"(${NAME})")`;
/**
 * JS/TS `process.env.X` / `process.env['X']`; Python `os.environ['X']`, `environ.get('X')`, `os.getenv('X')`;
 * Go `os.Getenv("X")` / `os.LookupEnv`; Java `System.getenv("X")`; C# `Environment.GetEnvironmentVariable("X")`.
 */
const ENV_READ = new RegExp(
  [
    String.raw`\bprocess\.env(?:\.(${NAME})\b|\[\s*${QUOTED_NAME}\s*\])`,
    String.raw`\benviron(?:\[\s*|\.get\(\s*)${QUOTED_NAME}`,
    String.raw`\b(?:os\.getenv|os\.Getenv|os\.LookupEnv|System\.getenv|Environment\.GetEnvironmentVariable)\(\s*${QUOTED_NAME}`,
  ].join('|'),
  'g',
);
const COMPOSE_SUBSTITUTION = new RegExp(String.raw`\$\{(${NAME})(?:[:?-][^}\n]*)?\}|\$(${NAME})`, 'g');

export function findEnvReads(text: string, envMap: EnvMap, compose: boolean): RawReference[] {
  const found: RawReference[] = [];
  const add = (variable: string | undefined, offset: number) => {
    const mapped = variable !== undefined && Object.hasOwn(envMap, variable) ? envMap[variable] : undefined;
    if (!mapped) return;
    const { secretId, jsonKey } = parseSecretReference(mapped);
    found.push({
      secretId,
      kind: 'env-read',
      offset,
      length: variable!.length,
      envVariable: variable,
      ...(jsonKey ? { jsonKey } : {}),
    });
  };
  if (/process\.env|environ|etenv|LookupEnv|GetEnvironmentVariable/.test(text)) {
    for (const match of text.matchAll(ENV_READ)) {
      const variable = match.slice(1).find((group) => group !== undefined);
      if (variable) add(variable, match.index + match[0].lastIndexOf(variable));
    }
  }
  if (compose && text.includes('$')) {
    for (const match of text.matchAll(COMPOSE_SUBSTITUTION)) {
      if (text[match.index - 1] === '$') continue; // `$$` escapes a literal dollar
      const variable = match[1] ?? match[2];
      add(variable, match.index + match[0].indexOf(variable));
    }
  }
  return found;
}

export function isComposePath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/.test(base);
}

export function isEnvMapPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === '.secrets-workbench.json' || base === 'launch.json' || base === 'tasks.json';
}

/** The entries of `env` (top level) or `secretsWorkbench.env` (anywhere) objects, at the secret id as written. */
export function findEnvMapEntries(text: string): RawReference[] {
  if (!text.includes('"env"') && !text.includes('"secretsWorkbench.env"')) return [];
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return [];
  const found: RawReference[] = [];
  const readMap = (map: Node | undefined) => {
    if (map?.type !== 'object') return;
    for (const property of map.children ?? []) {
      const [key, value] = property.children ?? [];
      if (value?.type !== 'string' || typeof value.value !== 'string' || !value.value) continue;
      // an escaped string's offsets do not map one to one onto the value: leave it out
      if (text.slice(value.offset, value.offset + value.length) !== JSON.stringify(value.value)) continue;
      const { secretId, jsonKey } = parseSecretReference(value.value);
      found.push({
        secretId,
        kind: 'env-map',
        offset: value.offset + 1,
        length: secretId.length,
        envVariable: String(key.value),
        ...(jsonKey ? { jsonKey } : {}),
      });
    }
  };
  const visit = (node: Node, topLevel: boolean) => {
    if (node.type === 'property') {
      const [key, value] = node.children ?? [];
      if (key?.value === 'secretsWorkbench.env' || (key?.value === 'env' && topLevel)) readMap(value);
      else if (value) visit(value, false);
    } else for (const child of node.children ?? []) visit(child, topLevel);
  };
  visit(root, root.type === 'object');
  return found;
}
