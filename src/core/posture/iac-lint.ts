// Least-privilege lint for infrastructure as code (issue #23): IAM statements in CloudFormation (YAML/JSON),
// Terraform (inline JSON heredocs, `jsonencode({...})`, `aws_iam_policy_document`) and plain policy JSON.
// - an identity policy that reads every secret (`secretsmanager:GetSecretValue` or a wildcard covering it on
//   `Resource: "*"`), with a fix narrowing Resource to the secrets the file defines or references;
// - resource-policy rules (wildcard principals and the rest of policy-findings.ts) wherever a statement names
//   principals;
// - a secret defined with no rotation schedule beside it (information).
import type { PostureFinding } from './finding';
import { attribute, parseHcl, type HclBlock, type HclBody } from './hcl';
import { narrowingFix, type SecretTarget } from './narrow-fix';
import { secretArnAccount, statementFindings, type PolicyContext } from './policy-findings';
import { statementsIn, statementsOfPolicyDocument, type Statement } from './statements';
import { fromJson, fromJsonText, fromYamlText, member, stringOf, type Syntax, type ValueNode } from './tree';
import { parseTree } from 'jsonc-parser';

export type IacKind = 'cloudformation-yaml' | 'cloudformation-json' | 'terraform' | 'policy-json';

/** Cheap test before parsing: the words every finding needs. */
const mentions = /Statement|statement|SecretsManager|aws_secretsmanager_secret/;

export function iacKindOf(path: string, text: string): IacKind | undefined {
  if (!mentions.test(text)) return undefined;
  const lower = path.toLowerCase();
  if (lower.endsWith('.tf')) return 'terraform';
  const json = lower.endsWith('.json') || (lower.endsWith('.template') && text.trimStart().startsWith('{'));
  if (json) return /"AWS::[A-Za-z0-9]+::/.test(text) ? 'cloudformation-json' : 'policy-json';
  if (/\.(ya?ml|template)$/.test(lower) && /AWS::|Statement/.test(text)) return 'cloudformation-yaml';
  return undefined;
}

export function lintIac(path: string, text: string): PostureFinding[] {
  const kind = iacKindOf(path, text);
  if (!kind) return [];
  if (kind === 'terraform') return lintTerraform(text);
  const syntax: Syntax = kind === 'cloudformation-yaml' ? 'yaml' : 'json';
  const roots = syntax === 'yaml' ? fromYamlText(text) : [fromJsonText(text)].flatMap((r) => (r ? [r] : []));
  return roots.flatMap((root) => {
    const targets = kind === 'policy-json' ? literalSecretArns(text) : cloudFormationTargets(root);
    const statements = statementsIn(root);
    const scoped = kind === 'policy-json' ? [] : cloudFormationResourcePolicies(root, text);
    const inScoped = new Set(scoped.flatMap((s) => s.statements.map((statement) => statement.offset)));
    return [
      ...statementFindings(statements.filter((statement) => !inScoped.has(statement.offset))),
      ...scoped.flatMap((s) => statementFindings(s.statements, s.context)),
      ...readAllFindings(statements, syntax, targets),
      ...(kind === 'policy-json' ? [] : cloudFormationRotation(root)),
    ];
  });
}

const secretRead = 'secretsmanager:getsecretvalue';

/** Whether an action pattern (`*`, `secretsmanager:*`, `secretsmanager:Get*`) covers GetSecretValue. */
export function coversSecretRead(action: string): boolean {
  const pattern = action
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`).test(secretRead);
}

function readAllFindings(
  statements: Statement[],
  syntax: Syntax,
  targets: SecretTarget[],
  inHeredoc = false,
): PostureFinding[] {
  return statements.flatMap((statement) => {
    // a resource policy's Resource "*" means "this secret": only identity policies (no principals) count
    if (statement.effect !== 'Allow' || statement.principals.length || statement.notPrincipal) return [];
    if (statement.notAction || !statement.actions.some((a) => coversSecretRead(a.value))) return [];
    const star = statement.resources.find((r) => r.kind === 'string' && r.value === '*');
    if (!star) return [];
    const fix = narrowingFix(syntax, statement, star, targets, inHeredoc);
    return [
      {
        ruleId: 'iac-secret-read-on-all-resources' as const,
        severity: 'warning' as const,
        message:
          'This statement lets its holder read every secret in the account (GetSecretValue on Resource "*"). ' +
          'Name the secrets it needs.',
        offset: star.offset,
        length: star.length,
        ...(fix ? { fix } : {}),
      },
    ];
  });
}

function cloudFormationResources(
  root: ValueNode,
): { id: string; keyOffset: number; keyLength: number; type: string; node: ValueNode }[] {
  const resources = member(root, 'Resources');
  if (resources?.kind !== 'object') return [];
  return resources.entries.map((entry) => ({
    id: entry.key,
    keyOffset: entry.keySpan.offset,
    keyLength: entry.keySpan.length,
    type: stringOf(member(entry.value, 'Type')) ?? '',
    node: entry.value,
  }));
}

function cloudFormationTargets(root: ValueNode): SecretTarget[] {
  return cloudFormationResources(root)
    .filter((r) => r.type === 'AWS::SecretsManager::Secret')
    .map((r) => ({ kind: 'cloudformation', logicalId: r.id }));
}

/** Whether `node` (a SecretId: `!Ref X`, `{"Ref": "X"}`, `X`, `!GetAtt X.Id`) points at logical id `id`. */
function refersTo(node: ValueNode | undefined, id: string): boolean {
  if (!node) return false;
  if (node.kind === 'string') return node.value === id;
  if (node.kind === 'object')
    return stringOf(member(node, 'Ref')) === id || node.entries.some((e) => refersTo(e.value, id));
  if (node.kind === 'array') return node.items.some((item) => refersTo(item, id));
  return new RegExp(`(^|[^A-Za-z0-9])${id}([^A-Za-z0-9]|$)`).test(node.text.replace(/^!\w+\s*/, ' '));
}

/**
 * What an IaC file says of the secret a policy is attached to. `secretId`: how the policy names it (a literal ARN
 * gives its account); `secret`: the secret's definition when the file holds it, with its key id (none, or the
 * aws/secretsmanager alias, is the AWS-managed key); `symbolicAccount`: the file names its own account only as
 * AWS::AccountId / aws_caller_identity, so literal accounts are others.
 */
function secretPolicyContext(
  secretId: ValueNode | undefined,
  secret: { kmsKeyId: ValueNode | undefined } | undefined,
  symbolicAccount: boolean,
): PolicyContext {
  const accountId = secretArnAccount(stringOf(secretId));
  const keyId = secret?.kmsKeyId;
  const awsManaged = !keyId || /alias\/aws\/secretsmanager$/.test(stringOf(keyId) ?? '');
  return {
    ...(accountId ? { accountId } : { literalAccountsAreForeign: symbolicAccount }),
    ...(secret ? { kmsKey: awsManaged ? 'aws-managed' : 'customer-managed' } : {}),
  };
}

/**
 * Each AWS::SecretsManager::ResourcePolicy's statements with what the template says of its secret: the key of a
 * secret it defines, and the account (a literal ARN's, else "the deploying one" when it writes AWS::AccountId).
 */
function cloudFormationResourcePolicies(root: ValueNode, text: string) {
  const resources = cloudFormationResources(root);
  const symbolicAccount = text.includes('AWS::AccountId');
  return resources
    .filter((r) => r.type === 'AWS::SecretsManager::ResourcePolicy')
    .map((r) => {
      const properties = member(r.node, 'Properties');
      const secretId = member(properties, 'SecretId');
      const secret = resources.find((s) => s.type === 'AWS::SecretsManager::Secret' && refersTo(secretId, s.id));
      const definition = secret && { kmsKeyId: member(member(secret.node, 'Properties'), 'KmsKeyId') };
      const context = secretPolicyContext(secretId, definition, symbolicAccount);
      return { statements: statementsIn(member(properties, 'ResourcePolicy')), context };
    });
}

function cloudFormationRotation(root: ValueNode): PostureFinding[] {
  const resources = cloudFormationResources(root);
  const schedules = resources
    .filter((r) => r.type === 'AWS::SecretsManager::RotationSchedule')
    .map((r) => member(member(r.node, 'Properties'), 'SecretId'));
  return resources
    .filter((r) => r.type === 'AWS::SecretsManager::Secret' && !schedules.some((s) => refersTo(s, r.id)))
    .map((r) => ({
      ruleId: 'iac-secret-without-rotation' as const,
      severity: 'information' as const,
      message: `Secret ${r.id} has no AWS::SecretsManager::RotationSchedule in this template. Add one so it rotates.`,
      offset: r.keyOffset,
      length: r.keyLength,
    }));
}

const secretArn = /arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+/g;

function literalSecretArns(text: string): SecretTarget[] {
  return [...new Set(text.match(secretArn) ?? [])].map((arn) => ({ kind: 'arn', arn }));
}

// ---- Terraform

function blocksOf(body: HclBody, type: string, label0: string): HclBlock[] {
  return body.blocks.filter((b) => b.type === type && b.labels[0] === label0);
}

/**
 * What the file says of the secret behind each aws_secretsmanager_secret_policy: its key (from the secret's
 * kms_key_id when the file defines it) and whether literal accounts are others (the file uses
 * aws_caller_identity). Keyed by the policy block, and by the policy document it points at.
 */
function terraformSecretPolicies(body: HclBody, text: string) {
  const symbolicAccount = text.includes('aws_caller_identity');
  const blocks = new Map<HclBlock, PolicyContext>();
  const documents = new Map<string, PolicyContext>();
  for (const block of blocksOf(body, 'resource', 'aws_secretsmanager_secret_policy')) {
    const secretArn = attribute(block.body, 'secret_arn');
    const secretText = secretArn?.kind === 'expr' ? secretArn.text : '';
    const secret = blocksOf(body, 'resource', 'aws_secretsmanager_secret').find((s) =>
      secretText.includes(`aws_secretsmanager_secret.${s.labels[1]}.`),
    );
    const definition = secret && { kmsKeyId: attribute(secret.body, 'kms_key_id') };
    const context = secretPolicyContext(secretArn, definition, symbolicAccount);
    blocks.set(block, context);
    const policy = attribute(block.body, 'policy');
    const document = /data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json/.exec(
      policy?.kind === 'expr' ? policy.text : '',
    );
    if (document) documents.set(document[1]!, context);
  }
  return { blocks, documents };
}

function lintTerraform(text: string): PostureFinding[] {
  const body = parseHcl(text);
  const targets: SecretTarget[] = [
    ...blocksOf(body, 'resource', 'aws_secretsmanager_secret').map((b) => ({
      kind: 'terraform' as const,
      reference: `aws_secretsmanager_secret.${b.labels[1]}.arn`,
    })),
    ...blocksOf(body, 'data', 'aws_secretsmanager_secret').map((b) => ({
      kind: 'terraform' as const,
      reference: `data.aws_secretsmanager_secret.${b.labels[1]}.arn`,
    })),
  ];
  const findings: PostureFinding[] = [];
  const secretPolicies = terraformSecretPolicies(body, text);
  for (const block of blocksOf(body, 'data', 'aws_iam_policy_document')) {
    const statements = statementsOfPolicyDocument(block);
    const context = secretPolicies.documents.get(block.labels[1] ?? '');
    findings.push(...statementFindings(statements, context), ...readAllFindings(statements, 'hcl', targets));
  }
  const visit = (node: ValueNode | undefined, context?: PolicyContext): void => {
    if (!node) return;
    if (node.kind === 'string' && node.raw && node.value.trimStart().startsWith('{')) {
      // a heredoc holding a JSON policy: its offsets map one to one onto the file
      const tree = parseTree(node.value);
      if (!tree) return;
      const statements = statementsIn(fromJson(tree, node.value, node.offset));
      findings.push(...statementFindings(statements, context), ...readAllFindings(statements, 'json', targets, true));
    } else if (node.kind === 'expr' && node.call === 'jsonencode') {
      const statements = node.args?.flatMap((arg) => statementsIn(arg)) ?? [];
      findings.push(...statementFindings(statements, context), ...readAllFindings(statements, 'hcl', targets));
    } else if (node.kind === 'expr') node.args?.forEach((arg) => visit(arg, context));
    else if (node.kind === 'array') node.items.forEach((item) => visit(item, context));
    else if (node.kind === 'object') node.entries.forEach((e) => visit(e.value, context));
  };
  const walk = (b: HclBody, context?: PolicyContext): void => {
    for (const a of b.attributes) visit(a.value, context);
    for (const child of b.blocks) {
      if (child.type === 'data' && child.labels[0] === 'aws_iam_policy_document') continue;
      walk(child.body, secretPolicies.blocks.get(child) ?? context);
    }
  };
  walk(body);
  const rotations = blocksOf(body, 'resource', 'aws_secretsmanager_secret_rotation').map((b) =>
    attribute(b.body, 'secret_id'),
  );
  for (const secret of blocksOf(body, 'resource', 'aws_secretsmanager_secret')) {
    const name = secret.labels[1] ?? '';
    const prefix = `aws_secretsmanager_secret.${name}.`;
    if (rotations.some((r) => r?.kind === 'expr' && r.text.includes(prefix))) continue;
    const header = text.slice(secret.span.offset, text.indexOf('{', secret.span.offset)).trimEnd();
    findings.push({
      ruleId: 'iac-secret-without-rotation',
      severity: 'information',
      message: `Secret ${name} has no aws_secretsmanager_secret_rotation in this file. Add one so it rotates.`,
      offset: secret.span.offset,
      length: header.length,
    });
  }
  return findings.sort((a, b) => a.offset - b.offset);
}
