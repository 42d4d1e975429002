// "Rotate" without a rotation Lambda: a new generated value becomes AWSCURRENT. Same user action on every store.
// Stores that record rotations (the engine-backed ones) get its two steps recorded as a rotation Lambda logs
// them: createSecret (the new value is made) and finishSecret (it is stored as AWSCURRENT).
import { randomUUID } from 'node:crypto';
import { invalidParameter } from './errors';
import { generatedValueRotation, stepLogOf } from './rotation-steps';
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
  const log = stepLogOf(store);
  const clientRequestToken = randomUUID();
  // the records name the secret by ARN, as a Lambda's log lines do (an unknown id fails at createSecret below)
  const secretArn = log && (await store.describeSecret(request.secretId).catch(() => undefined))?.arn;
  const run = <T>(step: 'createSecret' | 'finishSecret', fn: () => Promise<T>): Promise<T> =>
    log
      ? log.run(
          { functionName: generatedValueRotation, secretArn: secretArn ?? request.secretId, clientRequestToken, step },
          fn,
        )
      : fn();
  const secretString = await run('createSecret', () => newValue(store, request));
  return run('finishSecret', () =>
    store.putSecretValue({ secretId: request.secretId, secretString, clientRequestToken }),
  );
}

async function newValue(store: SecretStore, request: GeneratedRotation): Promise<string> {
  const password = await store.getRandomPassword(request.passwordRules);
  if (request.jsonKey === undefined) return password;
  const current = await store.getSecretValue({ secretId: request.secretId });
  const object = parseJsonObject(current.secretString);
  if (!object) throw invalidParameter('Only a secret whose value is a JSON object can have one key rotated.');
  return JSON.stringify({ ...object, [request.jsonKey]: password });
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
