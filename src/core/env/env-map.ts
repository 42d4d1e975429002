// The project's `env` map in `.secrets-workbench.json`: environment variable → secret reference
// (`name`, `name#jsonKey`, an ARN, or either with `#key`). It holds references only, never values; the values
// are resolved from a store at run time (`secrets-workbench run`, offline mode, terminals, tasks).
import { secretNameProblem } from '../store/validation';

export type EnvMap = Record<string, string>;

export interface SecretReference {
  /** Secret name or ARN. */
  secretId: string;
  /** A key of the secret's JSON object, when the variable holds one field. */
  jsonKey?: string;
}

/** POSIX-portable variable names (what every shell and `os.environ` accept). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Variables the injector must never replace: they decide how the child itself runs or reaches AWS.
const RESERVED = new Set(['PATH', 'HOME', 'NODE_OPTIONS', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES']);

export function parseSecretReference(text: string): SecretReference {
  const hash = text.lastIndexOf('#');
  if (hash < 0) return { secretId: text };
  return { secretId: text.slice(0, hash), jsonKey: text.slice(hash + 1) };
}

export function formatSecretReference(reference: SecretReference): string {
  return reference.jsonKey === undefined ? reference.secretId : `${reference.secretId}#${reference.jsonKey}`;
}

/** Problems of a raw `env` value (never echoing anything but variable names and the references' shape). */
export function envMapProblems(raw: unknown): string[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return ['"env" must be an object mapping variable names to secret references ("name" or "name#key")'];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!ENV_NAME.test(name)) problems.push(`env: "${name}" is not a valid environment variable name`);
    else if (RESERVED.has(name)) problems.push(`env: ${name} cannot be injected (it controls how programs run)`);
    if (typeof value !== 'string' || !value) {
      problems.push(`env.${name} must be a secret reference string ("name" or "name#key")`);
      continue;
    }
    const reference = parseSecretReference(value);
    const nameProblem = reference.secretId.startsWith('arn:') ? undefined : secretNameProblem(reference.secretId);
    if (nameProblem) problems.push(`env.${name}: ${nameProblem}`);
    if (reference.jsonKey === '') problems.push(`env.${name}: the JSON key after "#" is empty`);
  }
  return problems;
}

/**
 * The config text with `entries` merged into its `env` map (other properties, their order and the file's
 * indentation kept). Creates the config when `text` is undefined or blank.
 */
export function withEnvEntries(text: string | undefined, entries: EnvMap): string {
  const source = text?.trim() ? text : '{}';
  const config = JSON.parse(source) as Record<string, unknown>;
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw new Error('the config is not an object');
  const current = config.env && typeof config.env === 'object' ? (config.env as EnvMap) : {};
  config.env = { ...current, ...entries };
  const indent = /\n([ \t]+)"/.exec(source)?.[1] ?? '  ';
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  return JSON.stringify(config, null, indent).replace(/\n/g, eol) + eol;
}

/** `STRIPE_API_KEY` from `stripeApiKey`, `stripe-api.key`, `STRIPE_API_KEY`; undefined when nothing is usable. */
export function envVariableName(words: readonly string[]): string | undefined {
  const name = words
    .join('_')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (!name) return undefined;
  return /^[0-9]/.test(name) ? `SECRET_${name}` : name;
}

/**
 * A variable name for `reference` that does not clash with the map: the wanted name when it is free or already
 * maps to the same reference, else WANTED_2, WANTED_3, …
 */
export function freeVariableName(wanted: string, reference: string, taken: EnvMap): string {
  let name = RESERVED.has(wanted) ? `APP_${wanted}` : wanted;
  for (let n = 2; taken[name] !== undefined && taken[name] !== reference; n++) name = `${wanted}_${n}`;
  return name;
}
