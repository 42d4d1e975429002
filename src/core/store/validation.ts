// Input rules exactly as AWS Secrets Manager applies them.
import { RECOVERY_WINDOW_DAYS, recoveryWindowProblem } from '../policy';
import { invalidParameter } from './errors';
import type { SecretPayload } from './types';

const namePattern = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
// A trailing "-" plus 6 characters looks like the random suffix AWS appends to ARNs.
const arnSuffixLike = /-[A-Za-z0-9/_+=.@]{6}$/;

export const maxSecretBytes = 65_536;

export function secretNameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > 512) return 'Secret names must be 1 to 512 characters long.';
  if (!namePattern.test(name)) return 'Secret names may contain only letters, digits and /_+=.@- characters.';
  if (arnSuffixLike.test(name)) {
    return 'Secret names must not end with a hyphen followed by six characters (that looks like an ARN suffix).';
  }
  return undefined;
}

export function validateSecretName(name: string): void {
  const problem = secretNameProblem(name);
  if (problem) throw invalidParameter(`Invalid name: ${problem}`);
}

export function validateClientRequestToken(token: string | undefined): void {
  if (token !== undefined && (token.length < 32 || token.length > 64)) {
    throw invalidParameter('ClientRequestToken must be 32 to 64 characters long.');
  }
}

/** Returns whether the payload carries a value; rejects both-at-once and oversized values. */
export function validatePayload(payload: SecretPayload, required: boolean): boolean {
  const hasString = payload.secretString !== undefined;
  const hasBinary = payload.secretBinary !== undefined;
  if (hasString && hasBinary) throw invalidParameter('You can specify either SecretString or SecretBinary, not both.');
  if (required && !hasString && !hasBinary) {
    throw invalidParameter('You must provide either SecretString or SecretBinary.');
  }
  const size = hasString ? Buffer.byteLength(payload.secretString!, 'utf8') : (payload.secretBinary?.byteLength ?? 0);
  if (size > maxSecretBytes) throw invalidParameter(`Secret values are limited to ${maxSecretBytes} bytes.`);
  return hasString || hasBinary;
}

export function validateMaxResults(maxResults: number | undefined): number {
  if (maxResults === undefined) return 100;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
    throw invalidParameter('MaxResults must be between 1 and 100.');
  }
  return maxResults;
}

export function validateRecoveryWindow(days: number | undefined, force: boolean | undefined): number | undefined {
  if (force && days !== undefined) {
    throw invalidParameter('You can use either RecoveryWindowInDays or ForceDeleteWithoutRecovery, not both.');
  }
  if (force) return undefined;
  const window = days ?? RECOVERY_WINDOW_DAYS.default;
  if (recoveryWindowProblem(window)) {
    throw invalidParameter(
      `RecoveryWindowInDays must be between ${RECOVERY_WINDOW_DAYS.min} and ${RECOVERY_WINDOW_DAYS.max}.`,
    );
  }
  return window;
}
