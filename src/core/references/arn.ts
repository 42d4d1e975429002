// Secrets Manager ARNs: matching a reference to a secret whether either side is written as a name, a partial
// ARN or a full ARN (whose name carries the 6-character suffix AWS appends), and the finder for ARN literals
// outside the other formats (ECS `valueFrom`, compose `x-aws` secrets, policies naming one secret).
import type { RawReference } from './types';

/** `arn:<partition>:secretsmanager:<region>:<account>:secret:` and the name after it. */
const ARN_HEAD = /^arn:[a-z-]+:secretsmanager:[^:]*:[^:]*:secret:/;
const SUFFIX = /-[A-Za-z0-9]{6}$/;

export interface ParsedSecretId {
  /** The ARN up to and including `secret:`; undefined for a plain name. */
  arnPrefix?: string;
  /** The name part (of an ARN: as written, suffix included). */
  name: string;
}

export function parseSecretId(secretId: string): ParsedSecretId {
  const head = ARN_HEAD.exec(secretId);
  return head ? { arnPrefix: head[0], name: secretId.slice(head[0].length) } : { name: secretId };
}

/** The secret's name: a name as is, an ARN's name part without its 6-character suffix when it has one. */
export function secretNameOf(secretId: string): string {
  const { arnPrefix, name } = parseSecretId(secretId);
  return arnPrefix ? name.replace(SUFFIX, '') : name;
}

/** Keys under which an id is filed, so a name, a partial ARN and a full ARN of one secret meet. */
export function lookupKeys(secretId: string): string[] {
  const { arnPrefix, name } = parseSecretId(secretId);
  if (!arnPrefix) return [name];
  const stripped = name.replace(SUFFIX, '');
  return stripped === name ? [name] : [name, stripped];
}

/**
 * Whether two ids can name the same secret: equal; or equal names where an ARN's name may carry the suffix
 * (`app/db` ~ `arn:…:secret:app/db-Ab12Cd`); two ARNs must also agree on partition, region and account.
 */
export function sameSecret(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = parseSecretId(a);
  const pb = parseSecretId(b);
  if (pa.arnPrefix && pb.arnPrefix && pa.arnPrefix !== pb.arnPrefix) return false;
  if (pa.name === pb.name) return true;
  const suffixed = (arn: ParsedSecretId, other: ParsedSecretId) =>
    !!arn.arnPrefix &&
    arn.name.length === other.name.length + 7 &&
    arn.name.startsWith(other.name) &&
    SUFFIX.test(arn.name);
  return suffixed(pa, pb) || suffixed(pb, pa);
}

// `:json-key:version-stage:version-id` may follow the name in an ECS valueFrom.
const ARN_LITERAL =
  /\barn:aws[a-z-]*:secretsmanager:[a-z0-9-]*:[0-9]*:secret:([A-Za-z0-9/_+=.@-]+)(?::([^:\s"'`,}\]]*)(?::([^:\s"'`,}\]]*)(?::([^:\s"'`,}\]]*))?)?)?/g;

/** Literal Secrets Manager ARNs; an ECS-style `valueFrom` also gives the JSON key, stage and version id. */
export function findArnLiterals(text: string): RawReference[] {
  if (!text.includes(':secretsmanager:')) return [];
  const found: RawReference[] = [];
  for (const match of text.matchAll(ARN_LITERAL)) {
    const after = text[match.index + match[0].length];
    if (after === '*' || after === '?') continue; // a policy wildcard, not one secret
    const secretId = match[0].slice(0, match[0].indexOf(':secret:') + 8 + match[1].length);
    const before = text.slice(Math.max(0, match.index - 40), match.index);
    const ecs = /valueFrom\W*$/i.test(before);
    found.push({
      secretId,
      kind: ecs ? 'ecs' : 'arn',
      offset: match.index,
      length: secretId.length,
      ...(match[2] ? { jsonKey: match[2] } : {}),
      ...(match[3] ? { versionStage: match[3] } : {}),
      ...(match[4] ? { versionId: match[4] } : {}),
    });
  }
  return found;
}
