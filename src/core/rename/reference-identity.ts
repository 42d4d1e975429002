// Which secret a reference designates, and what it becomes after a rename, keeping the form it is written in:
// a name, a full ARN (with the 6-character suffix AWS appends) or a partial ARN (without it). Matching is the
// reference index's (core/references/arn.ts).
import { parseSecretId, sameSecret, secretNameOf } from '../references/arn';

/** Whether `secretId` (as written in code) designates `secret`; an ARN must also match its region and account. */
export function refersTo(secretId: string, secret: { name: string; arn?: string }): boolean {
  if (secretNameOf(secretId) !== secret.name) return false;
  return sameSecret(secretId, secret.arn ?? secret.name);
}

/**
 * The text that replaces `secretId` after a rename, in the same form: a name becomes the new name, a partial ARN
 * the new partial ARN, and a full ARN the new secret's full ARN (or its partial ARN when that is not known).
 */
export function renamedSecretId(secretId: string, newName: string, newArn?: string): string {
  const { arnPrefix, name } = parseSecretId(secretId);
  if (!arnPrefix) return newName;
  const fullArn = secretNameOf(secretId) !== name;
  if (fullArn && newArn && parseSecretId(newArn).arnPrefix === arnPrefix) return newArn;
  return `${arnPrefix}${newName}`;
}
