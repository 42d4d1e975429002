// Suggested secret names (`<project>/<env>/<purpose>`, e.g. `billing/dev/db-password`) and JSON keys for grouped
// values, valid as AWS validates names.
import { ruleInfo } from '../detection/rules';
import { secretNameProblem } from '../store/validation';
import type { FixFinding } from './types';

const WEAK_WORDS = new Set(['const', 'var', 'let', 'the', 'my', 'default', 'value', 'env', 'config', 'settings']);

/** camelCase, snake_case, kebab-case, dotted and SCREAMING names split into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.toLowerCase())
    .filter((word) => word && !WEAK_WORDS.has(word));
}

function slug(text: string): string {
  return nameWords(text).join('-');
}

export interface NameHints {
  workspaceName?: string;
  /** Workspace-relative path of the file. */
  path: string;
  findings: FixFinding[];
}

function commonPrefix(lists: string[][]): string[] {
  if (!lists.length) return [];
  const prefix: string[] = [];
  for (let i = 0; ; i++) {
    const word = lists[0][i];
    if (word === undefined || lists.some((list) => list[i] !== word)) return prefix;
    prefix.push(word);
  }
}

const ENVIRONMENTS: [RegExp, string][] = [
  [/(^|[^a-z])(prod|production|live)([^a-z]|$)/, 'prod'],
  [/(^|[^a-z])(staging|stage|stg|preprod)([^a-z]|$)/, 'staging'],
  [/(^|[^a-z])(test|testing|qa|ci)([^a-z]|$)/, 'test'],
];

/** The environment a file configures, from its path (`.env.production`, `config/staging.yml`), else dev. */
export function environmentOf(path: string): string {
  const lower = path.toLowerCase();
  return ENVIRONMENTS.find(([pattern]) => pattern.test(lower))?.[1] ?? 'dev';
}

/** A value with no variable is named by its rule's suggested secret name (`github/token` → github-token). */
function ruleWords(ruleId: string): string[] {
  const suggested = ruleInfo(ruleId)?.secret?.name;
  return suggested ? nameWords(suggested.replace(/\//g, '-')) : nameWords(ruleId);
}

/** What the value is for: the variable's words, a group by what its variables share. */
function purposeWords(findings: FixFinding[]): string[] {
  const variableWords = findings.map((finding) =>
    nameWords(
      finding.name
        ?.split(/[.[\]'"]/)
        .filter(Boolean)
        .pop() ?? '',
    ),
  );
  if (findings.length === 1) return variableWords[0].length ? variableWords[0] : ruleWords(findings[0].ruleId);
  let tail = commonPrefix(variableWords);
  if (findings.every((finding) => finding.ruleId.startsWith('aws-')))
    tail = [...(tail.length ? tail : ['aws']), 'credentials'];
  else if (!tail.length || tail.length === variableWords[0].length) tail = [...tail, 'credentials'];
  return tail;
}

/**
 * One readable convention, `<project>/<env>/<purpose>`: the workspace folder, the environment the file
 * configures (dev unless its path says prod, staging or test), and what the variable is for, e.g.
 * `billing/dev/db-password`, `shop/prod/stripe-api-key`.
 */
export function suggestSecretName(hints: NameHints): string {
  const project = slug(hints.workspaceName ?? '') || 'app';
  const purpose = purposeWords(hints.findings).join('-') || 'secret';
  let name = `${project}/${environmentOf(hints.path)}/${purpose}`;
  if (secretNameProblem(name)) name = name.replace(/-([^-/]*)$/, '_$1');
  if (secretNameProblem(name)) name = name.replace(/[^A-Za-z0-9/_+=.@-]/g, '_').slice(0, 512);
  return name;
}

/** JSON keys for a group: the variable names as written (they are what the code knew), unique. */
export function jsonKeysFor(findings: FixFinding[]): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set<string>();
  for (const finding of findings) {
    const base =
      finding.name
        ?.split(/[.[\]'"]/)
        .filter(Boolean)
        .pop() ||
      ruleInfo(finding.ruleId)?.secret?.key ||
      finding.ruleId.replace(/-/g, '_');
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}_${n}`;
    used.add(key);
    keys.set(finding.id, key);
  }
  return keys;
}
