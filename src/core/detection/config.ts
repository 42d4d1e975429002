// `.secrets-workbench.json`: validated project configuration. Allowed values are stored as SHA-256
// hashes so the config file itself never holds a secret.
import { KEYED_PREFIX } from './value-hash';
import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { envMapProblems } from '../env/env-map';
import { postureRules } from '../posture/rules';
import { allRuleInfos } from './rules';

export const CONFIG_FILE_NAME = '.secrets-workbench.json';

export interface CustomRuleConfig {
  id: string;
  kind: string;
  description?: string;
  /** JavaScript regular expression source; capture group `value` (or group 1, or the whole match) is the secret. */
  pattern: string;
  flags?: string;
  /** Literal fragments, one of which must be on the line, so the rule only runs on candidate lines. */
  keywords: string[];
  confidence?: number;
  level?: 'error' | 'warning' | 'note';
}

export interface DetectionConfig {
  ignore: string[];
  disabledRules: string[];
  /** Lower-case SHA-256 hex digests of values that are known not to be secrets. */
  allowedValues: string[];
  /** Entries given as a report's keyed valueHash (`hmac-sha256:<hex>`), matched under `valueHashSalt`. */
  allowedKeyedValues?: string[];
  customRules: CustomRuleConfig[];
  /** Key of the value hashes in reports and SARIF (value-hash.ts); stable across runs when set. */
  valueHashSalt?: string;
}

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export const emptyConfig: DetectionConfig = Object.freeze({
  ignore: [],
  disabledRules: [],
  allowedValues: [],
  customRules: [],
}) as DetectionConfig;

// `env` (variable → secret reference) is validated here and read by core/env.
const KNOWN_KEYS = new Set([
  '$schema',
  'ignore',
  'disabledRules',
  'allowedValues',
  'customRules',
  'env',
  'valueHashSalt',
]);
const CUSTOM_KEYS = new Set(['id', 'kind', 'description', 'pattern', 'flags', 'keywords', 'confidence', 'level']);

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Parses and validates config text; throws ConfigError listing every problem (never echoing values). */
export function parseConfig(text: string, source = CONFIG_FILE_NAME): DetectionConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(source, [`not valid JSON (${(error as Error).message})`]);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(source, ['must be a JSON object']);
  const obj = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(obj)) {
    if (!KNOWN_KEYS.has(key))
      problems.push(`unknown property "${key}" (expected one of: ${[...KNOWN_KEYS].slice(1).join(', ')})`);
  }
  const config: DetectionConfig = { ignore: [], disabledRules: [], allowedValues: [], customRules: [] };

  if (obj.ignore !== undefined) {
    if (!isStringArray(obj.ignore)) problems.push('"ignore" must be an array of glob strings');
    else config.ignore = obj.ignore;
  }
  // posture rules too: `scan --posture` and the editor's posture problems honour disabledRules
  const knownRules = new Set([...allRuleInfos, ...postureRules].map((r) => r.id));
  const customIds = new Set<string>();
  if (obj.customRules !== undefined) {
    if (!Array.isArray(obj.customRules)) problems.push('"customRules" must be an array');
    else
      obj.customRules.forEach((rule: unknown, i) => {
        const where = `customRules[${i}]`;
        if (!rule || typeof rule !== 'object' || Array.isArray(rule)) {
          problems.push(`${where} must be an object`);
          return;
        }
        const r = rule as Record<string, unknown>;
        for (const key of Object.keys(r))
          if (!CUSTOM_KEYS.has(key)) problems.push(`${where}: unknown property "${key}"`);
        if (typeof r.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(r.id)) {
          problems.push(`${where}.id must be a lower-case kebab-case string`);
        } else if (knownRules.has(r.id) || customIds.has(r.id)) problems.push(`${where}.id "${r.id}" is already used`);
        else customIds.add(r.id);
        if (typeof r.kind !== 'string' || !r.kind.trim()) problems.push(`${where}.kind must be a non-empty string`);
        if (r.description !== undefined && typeof r.description !== 'string')
          problems.push(`${where}.description must be a string`);
        if (typeof r.pattern !== 'string' || !r.pattern) problems.push(`${where}.pattern must be a non-empty string`);
        else {
          try {
            new RegExp(r.pattern, `${typeof r.flags === 'string' ? r.flags.replace('g', '') : ''}g`);
          } catch (error) {
            problems.push(`${where}.pattern is not a valid regular expression: ${(error as Error).message}`);
          }
        }
        if (r.flags !== undefined && (typeof r.flags !== 'string' || !/^[imsu]*$/.test(r.flags))) {
          problems.push(`${where}.flags may only contain i, m, s, u`);
        }
        if (!isStringArray(r.keywords) || !r.keywords.length || r.keywords.some((k) => !k)) {
          problems.push(
            `${where}.keywords must be a non-empty array of non-empty strings (lines without one are not scanned)`,
          );
        }
        if (r.confidence !== undefined && (typeof r.confidence !== 'number' || r.confidence < 0 || r.confidence > 1)) {
          problems.push(`${where}.confidence must be a number between 0 and 1`);
        }
        if (r.level !== undefined && !['error', 'warning', 'note'].includes(r.level as string)) {
          problems.push(`${where}.level must be "error", "warning" or "note"`);
        }
        config.customRules.push(r as unknown as CustomRuleConfig);
      });
  }
  if (obj.disabledRules !== undefined) {
    if (!isStringArray(obj.disabledRules)) problems.push('"disabledRules" must be an array of rule ids');
    else {
      for (const id of obj.disabledRules) {
        if (!knownRules.has(id) && !customIds.has(id))
          problems.push(`disabledRules: unknown rule id "${id}" (see docs/rules.md)`);
      }
      config.disabledRules = obj.disabledRules;
    }
  }
  if (obj.allowedValues !== undefined) {
    if (!Array.isArray(obj.allowedValues)) problems.push('"allowedValues" must be an array of SHA-256 digests');
    else
      obj.allowedValues.forEach((entry: unknown, i) => {
        const text = typeof entry === 'string' ? entry.toLowerCase() : '';
        const keyed = text.startsWith(KEYED_PREFIX);
        const digest = keyed ? text.slice(KEYED_PREFIX.length) : text.replace(/^sha256:/, '');
        // Never echo the entry: a user may have pasted the raw secret here by mistake.
        if (!/^[0-9a-f]{64}$/.test(digest)) {
          problems.push(
            `allowedValues[${i}] must be "sha256:<64 hex digits>" (the SHA-256 of the value) or "${KEYED_PREFIX}<64 hex digits>" (a report's valueHash under valueHashSalt), not the value itself`,
          );
        } else if (keyed) (config.allowedKeyedValues ??= []).push(digest);
        else config.allowedValues.push(digest);
      });
    if (config.allowedKeyedValues?.length && typeof obj.valueHashSalt !== 'string')
      problems.push(`allowedValues: "${KEYED_PREFIX}" entries need the valueHashSalt they were made with`);
  }
  if (obj.valueHashSalt !== undefined) {
    // Never echo it: it keys the report hashes.
    if (typeof obj.valueHashSalt !== 'string' || !/^[A-Za-z0-9+/=_-]{32,}$/.test(obj.valueHashSalt))
      problems.push('"valueHashSalt" must be at least 32 base64 characters (e.g. 32 random bytes)');
    else config.valueHashSalt = obj.valueHashSalt;
  }
  if (obj.env !== undefined) problems.push(...envMapProblems(obj.env));
  if (problems.length) throw new ConfigError(source, problems);
  return config;
}

/** Reads and validates a config file; ConfigError on invalid content, the fs error if unreadable. */
export function loadConfigFile(path: string): DetectionConfig {
  return parseConfig(readFileSync(path, 'utf8'), path);
}

const matcherCache = new WeakMap<DetectionConfig, (path: string) => boolean>();

/** Whether a path (relative to the config's folder, '/'-separated) is excluded by `ignore`. */
export function isIgnoredByConfig(config: DetectionConfig, relativePath: string): boolean {
  if (!config.ignore.length) return false;
  let matcher = matcherCache.get(config);
  if (!matcher) {
    matcher = picomatch(config.ignore, { dot: true });
    matcherCache.set(config, matcher);
  }
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  return matcher(path);
}

/** Only what the config adds (custom rules): `--no-config` in CI, where the repository must not narrow the scan. */
export function additionsOnly(config: DetectionConfig): DetectionConfig {
  return {
    ignore: [],
    disabledRules: [],
    allowedValues: [],
    customRules: config.customRules,
    valueHashSalt: config.valueHashSalt,
  };
}

/**
 * A path named explicitly (on the command line) is scanned, as ripgrep does: `ignore` globs that exclude it
 * wholesale (it, and everything under it) are dropped for the scan; globs that only exclude some files inside
 * it still apply. Returns the config to scan with and the dropped globs, which the summary names.
 */
export function configForExplicitPaths(
  config: DetectionConfig,
  relativePaths: readonly string[],
): { config: DetectionConfig; overridden: string[] } {
  const named = relativePaths.map((p) => p.replace(/\\/g, '/').replace(/^\.\/|\/$/g, '')).filter((p) => p && p !== '.');
  const covers = (glob: string) => {
    const match = picomatch(glob, { dot: true });
    // A glob covering the named path's whole subtree matches it or any name just under it.
    return named.some(
      (path) => match(path) || match(`${path}/\u0000probe`) || match(`${path}/\u0000probe/\u0000probe`),
    );
  };
  const overridden = config.ignore.filter(covers);
  if (!overridden.length) return { config, overridden };
  return { config: { ...config, ignore: config.ignore.filter((glob) => !overridden.includes(glob)) }, overridden };
}
