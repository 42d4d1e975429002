// The quick fix for a statement that reads every secret: replace its `"*"` Resource with the secrets the same
// file defines or references, written the way the file's syntax refers to them (`!Ref Db` in YAML
// CloudFormation, `{"Ref": "Db"}` in JSON, `aws_secretsmanager_secret.db.arn` in Terraform, ARNs in a policy
// file). Pure: it returns text edits; nothing to offer when the file names no secret.
import type { PostureFix } from './finding';
import type { Statement } from './statements';
import type { Syntax, ValueNode } from './tree';

export type SecretTarget =
  | { kind: 'cloudformation'; logicalId: string }
  | { kind: 'terraform'; reference: string }
  | { kind: 'arn'; arn: string };

function written(target: SecretTarget, syntax: Syntax, inHeredoc: boolean): string {
  switch (target.kind) {
    case 'cloudformation':
      return syntax === 'yaml' ? `!Ref ${target.logicalId}` : `{ "Ref": ${JSON.stringify(target.logicalId)} }`;
    case 'terraform':
      return inHeredoc ? `"\${${target.reference}}"` : target.reference;
    case 'arn':
      return JSON.stringify(target.arn);
  }
}

export function narrowingFix(
  syntax: Syntax,
  statement: Statement,
  star: ValueNode,
  targets: SecretTarget[],
  inHeredoc = false,
): PostureFix | undefined {
  if (!targets.length) return undefined;
  const items = targets.map((t) => written(t, syntax, inHeredoc));
  // "*" alone as Resource (not in a list): a single target replaces it; several become a list
  const alone = statement.resources.length === 1 && !isListItem(statement, star);
  const newText = alone && items.length > 1 ? `[${items.join(', ')}]` : items.join(', ');
  const names = targets.map((t) =>
    t.kind === 'cloudformation' ? t.logicalId : t.kind === 'terraform' ? t.reference : t.arn,
  );
  return {
    title: `Narrow Resource to ${names.length === 1 ? names[0] : `${names.length} secrets`}`,
    edits: [{ offset: star.offset, length: star.length, newText }],
  };
}

/** Whether `star` sits inside a list (`["*"]`, `- "*"`) rather than being the Resource value itself. */
function isListItem(statement: Statement, star: ValueNode): boolean {
  return statement.resourceList && star.kind === 'string';
}
