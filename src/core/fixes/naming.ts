// Suggested secret names (e.g. `billing/db/password`) and JSON keys for grouped values, valid as AWS
// validates names.
import { secretNameProblem } from '../store/validation';
import type { FixFinding } from './types';

const GENERIC_STEMS = new Set([
  'index',
  'main',
  'app',
  'config',
  'settings',
  'env',
  'secrets',
  'credentials',
  'constants',
  'default',
  'application',
  'template',
  'docker-compose',
  'compose',
  'values',
  'variables',
]);
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

function fileStem(path: string): string {
  const base = path.split('/').pop() ?? '';
  return base.replace(/^\./, '').replace(/\..*$/, '');
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

/** `<workspace>/<file, if telling>/<variable words>`; a group is named by what its variables share. */
export function suggestSecretName(hints: NameHints): string {
  const segments: string[] = [];
  const workspace = slug(hints.workspaceName ?? '');
  if (workspace) segments.push(workspace);
  const stem = slug(fileStem(hints.path));
  const variableWords = hints.findings.map((finding) => nameWords(finding.name ?? ''));
  let tail: string[];
  if (hints.findings.length === 1) {
    tail = variableWords[0];
    if (!tail.length) tail = nameWords(hints.findings[0].ruleId);
  } else {
    tail = commonPrefix(variableWords);
    if (hints.findings.every((finding) => finding.ruleId.startsWith('aws-')))
      tail = [...(tail.length ? tail : ['aws']), 'credentials'];
    else if (!tail.length || tail.length === variableWords[0].length) tail = [...tail, 'credentials'];
  }
  if (stem && !GENERIC_STEMS.has(stem) && !tail.join('-').startsWith(stem) && stem !== workspace) segments.push(stem);
  // Last two words stay together (`api-key`), earlier ones become path levels (`db/password`).
  if (tail.length >= 2 && ['key', 'id', 'token', 'secret', 'credentials'].includes(tail.at(-1)!)) {
    segments.push(...tail.slice(0, -2), tail.slice(-2).join('-'));
  } else segments.push(...tail);
  let name = segments.filter(Boolean).join('/') || 'secret';
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
        .pop() || finding.ruleId.replace(/-/g, '_');
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}_${n}`;
    used.add(key);
    keys.set(finding.id, key);
  }
  return keys;
}
