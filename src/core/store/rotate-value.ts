// "Rotate" without a rotation Lambda: a new generated value becomes AWSCURRENT. Same user action on every store.
import { invalidParameter } from './errors';
import type { RandomPasswordInput, SecretStore, VersionRef } from './types';

export interface GeneratedRotation {
  secretId: string;
  passwordRules?: RandomPasswordInput;
  /** For a JSON object secret: rotate only this key, keeping the others. */
  jsonKey?: string;
}

export async function rotateWithGeneratedValue(
  store: SecretStore,
  request: GeneratedRotation,
): Promise<VersionRef & { versionStages: string[] }> {
  const password = await store.getRandomPassword(request.passwordRules);
  let secretString = password;
  if (request.jsonKey !== undefined) {
    const current = await store.getSecretValue({ secretId: request.secretId });
    const object = parseJsonObject(current.secretString);
    if (!object) throw invalidParameter('Only a secret whose value is a JSON object can have one key rotated.');
    secretString = JSON.stringify({ ...object, [request.jsonKey]: password });
  }
  return store.putSecretValue({ secretId: request.secretId, secretString });
}

export function parseJsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
