// CloudFormation dynamic references, `{{resolve:secretsmanager:<id>[:SecretString[:<key>[:<stage>[:<versionId>]]]]}}`,
// in YAML or JSON templates (and anywhere else they are written: SAM, CDK output, .env templates). Parsed by
// hand rather than with one regex: the id may be an ARN, which has colons of its own.
import type { RawReference } from './types';

const PREFIX = '{{resolve:secretsmanager:';
/** Longer than any valid reference (a 2,048-character ARN plus its parts); beyond, it is not one. */
const MAX_BODY = 2400;

export function findDynamicReferences(text: string): RawReference[] {
  const found: RawReference[] = [];
  for (let at = text.indexOf(PREFIX); at >= 0; at = text.indexOf(PREFIX, at + PREFIX.length)) {
    const start = at + PREFIX.length;
    // bounded, so a stray prefix never makes the search run to the end of a huge file
    const end = text.slice(start, start + MAX_BODY + 2).indexOf('}}');
    if (end < 0) continue;
    const parts = text.slice(start, start + end).split(':');
    const idParts = parts[0] === 'arn' ? 7 : 1;
    const secretId = parts.slice(0, idParts).join(':');
    // `${Param}` (Fn::Sub) or a line break: not a literal id
    if (!secretId || parts.length < idParts || /[\s${}]/.test(secretId)) continue;
    const [, key, stage, versionId] = parts.slice(idParts);
    found.push({
      secretId,
      kind: 'cloudformation',
      offset: start,
      length: secretId.length,
      ...(key ? { jsonKey: key } : {}),
      ...(stage ? { versionStage: stage } : {}),
      ...(versionId ? { versionId } : {}),
    });
  }
  return found;
}
