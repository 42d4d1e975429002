// Resolves an `env` map against a store: one GetSecretValue per secret (however many variables read its
// keys), every error naming the variable and the reference, never a value.
import type { SecretStore } from '../store/types';
import { parseSecretReference, type EnvMap } from './env-map';

export class EnvResolutionError extends Error {
  constructor(readonly problems: string[]) {
    super(`could not resolve the env map:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvResolutionError';
  }
}

/** Variable → value. Throws EnvResolutionError listing every variable that could not be resolved. */
export async function resolveEnvMap(store: SecretStore, map: EnvMap): Promise<Record<string, string>> {
  const { values, problems } = await resolveEnvEntries(store, map);
  if (problems.length) throw new EnvResolutionError(problems);
  return values;
}

/** What resolves, and a value-free problem per variable that does not (for callers that go on without it). */
export async function resolveEnvEntries(
  store: SecretStore,
  map: EnvMap,
): Promise<{ values: Record<string, string>; problems: string[] }> {
  const fetches = new Map<string, Promise<string>>();
  const secretString = (secretId: string) => {
    let pending = fetches.get(secretId);
    if (!pending) {
      pending = store.getSecretValue({ secretId }).then((value) => {
        if (value.secretString === undefined) throw new Error('it holds a binary value, not a string');
        return value.secretString;
      });
      fetches.set(secretId, pending);
    }
    return pending;
  };
  const resolved: Record<string, string> = {};
  const problems: string[] = [];
  await Promise.all(
    Object.entries(map).map(async ([variable, text]) => {
      const reference = parseSecretReference(text);
      try {
        const value = await secretString(reference.secretId);
        resolved[variable] = reference.jsonKey === undefined ? value : jsonField(value, reference.jsonKey);
      } catch (error) {
        problems.push(`${variable} → ${text}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  return { values: resolved, problems: problems.sort() };
}

function jsonField(secretString: string, key: string): string {
  let object: unknown;
  try {
    object = JSON.parse(secretString);
  } catch {
    throw new Error(`the secret is not a JSON object, so it has no key "${key}"`);
  }
  if (!object || typeof object !== 'object' || Array.isArray(object))
    throw new Error(`the secret is not a JSON object, so it has no key "${key}"`);
  const field = (object as Record<string, unknown>)[key];
  if (field === undefined) throw new Error(`the secret has no key "${key}"`);
  // Numbers and booleans (a database secret's port) become their JSON text; objects their JSON.
  return typeof field === 'string' ? field : JSON.stringify(field);
}
