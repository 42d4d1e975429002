// Which secret a reference designates. Code names a secret by its name, its full ARN (with the 6-character
// suffix AWS appends) or a partial ARN (without it). Secrets Manager refuses names that end in "-" plus six
// characters, so an ARN's suffix can be told apart from its name.

const arnPattern = /^(arn:[^:\s]+:secretsmanager:[^:\s]*:[^:\s]*:secret:)(.+)$/;
const arnSuffix = /-[A-Za-z0-9]{6}$/;

export interface ParsedSecretId {
  /** The secret's name (an ARN's suffix removed). */
  name: string;
  /** `arn:<partition>:secretsmanager:<region>:<account>:secret:` when the id is an ARN. */
  arnPrefix?: string;
  /** True for an ARN that carries AWS's random suffix. */
  fullArn: boolean;
}

export function parseSecretId(secretId: string): ParsedSecretId {
  const arn = arnPattern.exec(secretId);
  if (!arn) return { name: secretId, fullArn: false };
  const fullArn = arnSuffix.test(arn[2]);
  return { name: fullArn ? arn[2].slice(0, -7) : arn[2], arnPrefix: arn[1], fullArn };
}

/** Whether `secretId` (as written in code) designates `secret`; an ARN must also match its region and account. */
export function refersTo(secretId: string, secret: { name: string; arn?: string }): boolean {
  const written = parseSecretId(secretId);
  if (written.name !== secret.name) return false;
  if (!written.arnPrefix || !secret.arn) return true;
  return parseSecretId(secret.arn).arnPrefix === written.arnPrefix;
}

/**
 * The text that replaces `secretId` after a rename, in the same form: a name becomes the new name, a partial ARN
 * the new partial ARN, and a full ARN the new secret's full ARN (or its partial ARN when that is not known).
 */
export function renamedSecretId(secretId: string, newName: string, newArn?: string): string {
  const written = parseSecretId(secretId);
  if (!written.arnPrefix) return newName;
  if (written.fullArn && newArn && parseSecretId(newArn).arnPrefix === written.arnPrefix) return newArn;
  return `${written.arnPrefix}${newName}`;
}

/** Whether two ids as written designate the same secret (same name; same region and account when both are ARNs). */
export function sameSecret(a: string, b: string): boolean {
  const parsed = parseSecretId(b);
  return refersTo(a, { name: parsed.name, ...(parsed.arnPrefix ? { arn: b } : {}) });
}
