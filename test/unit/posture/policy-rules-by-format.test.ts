// #23 acceptance: every resource-policy diagnostic has a positive and a negative case in each format a policy is
// written in: CloudFormation (YAML and JSON), Terraform (`jsonencode` and `aws_iam_policy_document`) and the
// secret's own JSON policy document. Each case is one statement beside an own-account grant that must stay quiet.
import { strict as assert } from 'node:assert';
import type { PostureFinding } from '../../../src/core/posture/finding';
import { lintIac } from '../../../src/core/posture/iac-lint';
import { policyDocumentFindings } from '../../../src/core/posture/policy-findings';

const foreignAccount = '444455556666';
const ownAccount = '111122223333';
const foreign = `arn:aws:iam::${foreignAccount}:root`;

interface Case {
  effect: 'Allow' | 'Deny';
  principal?: string;
  notPrincipal?: string;
  action: string;
  orgCondition?: boolean;
  /** Whether the secret is encrypted with a customer-managed key. */
  customerKey?: boolean;
}

interface Rule {
  ruleId: string;
  /** What the finding points at. */
  marks: string;
  positive: Case;
  negative: Case;
}

const read = 'secretsmanager:GetSecretValue';
const rules: Rule[] = [
  {
    ruleId: 'policy-public-principal',
    marks: '*',
    positive: { effect: 'Allow', principal: '*', action: read },
    negative: { effect: 'Allow', principal: '*', action: read, orgCondition: true },
  },
  {
    ruleId: 'policy-cross-account-unrestricted',
    marks: foreignAccount,
    positive: { effect: 'Allow', principal: foreign, action: read, customerKey: true },
    negative: { effect: 'Allow', principal: foreign, action: read, orgCondition: true, customerKey: true },
  },
  {
    ruleId: 'policy-allow-not-principal',
    marks: foreignAccount,
    positive: { effect: 'Allow', notPrincipal: foreign, action: read },
    negative: { effect: 'Deny', notPrincipal: foreign, action: read },
  },
  {
    ruleId: 'policy-cross-account-all-actions',
    marks: 'secretsmanager:*',
    positive: {
      effect: 'Allow',
      principal: foreign,
      action: 'secretsmanager:*',
      orgCondition: true,
      customerKey: true,
    },
    negative: { effect: 'Allow', principal: foreign, action: read, orgCondition: true, customerKey: true },
  },
  {
    ruleId: 'policy-cross-account-aws-managed-key',
    marks: foreignAccount,
    positive: { effect: 'Allow', principal: foreign, action: read, orgCondition: true },
    negative: { effect: 'Allow', principal: foreign, action: read, orgCondition: true, customerKey: true },
  },
];

// ---- the formats

function cloudFormationYaml(c: Case): string {
  const who = c.principal ? 'Principal' : 'NotPrincipal';
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AppKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub arn:aws:iam::\${AWS::AccountId}:root
            Action: kms:*
            Resource: '*'
  DbSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: prod/db
${c.customerKey ? '      KmsKeyId: !Ref AppKey\n' : ''}  DbSecretPolicy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref DbSecret
      BlockPublicPolicy: true
      ResourcePolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: App
            Effect: Allow
            Principal:
              AWS: !Sub arn:aws:iam::\${AWS::AccountId}:role/app
            Action: ${read}
            Resource: '*'
          - Sid: Case
            Effect: ${c.effect}
            ${who}:
              AWS: '${c.principal ?? c.notPrincipal}'
            Action: '${c.action}'
            Resource: '*'
${c.orgCondition ? '            Condition:\n              StringEquals:\n                aws:PrincipalOrgID: o-a1b2c3d4e5\n' : ''}`;
}

const jsonStatement = (c: Case) => ({
  Sid: 'Case',
  Effect: c.effect,
  [c.principal ? 'Principal' : 'NotPrincipal']: { AWS: c.principal ?? c.notPrincipal },
  Action: c.action,
  Resource: '*',
  ...(c.orgCondition ? { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } } : {}),
});

function cloudFormationJson(c: Case): string {
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      AppKey: { Type: 'AWS::KMS::Key', Properties: { Description: 'app secrets' } },
      DbSecret: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: { Name: 'prod/db', ...(c.customerKey ? { KmsKeyId: { Ref: 'AppKey' } } : {}) },
      },
      DbSecretPolicy: {
        Type: 'AWS::SecretsManager::ResourcePolicy',
        Properties: {
          SecretId: { Ref: 'DbSecret' },
          ResourcePolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'App',
                Effect: 'Allow',
                Principal: { AWS: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/app' } },
                Action: read,
                Resource: '*',
              },
              jsonStatement(c),
            ],
          },
        },
      },
    },
  };
  return JSON.stringify(template, null, 2);
}

const terraformHead = (c: Case) => `data "aws_caller_identity" "current" {}

resource "aws_kms_key" "app" {
  description = "app secrets"
}

resource "aws_secretsmanager_secret" "db" {
  name = "prod/db"
${c.customerKey ? '  kms_key_id = aws_kms_key.app.arn\n' : ''}}
`;

function terraformJsonencode(c: Case): string {
  const who = c.principal ? 'Principal' : 'NotPrincipal';
  const condition = c.orgCondition
    ? '\n        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }'
    : '';
  return `${terraformHead(c)}
resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "App"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:role/app" }
        Action    = "${read}"
        Resource  = "*"
      },
      {
        Sid      = "Case"
        Effect   = "${c.effect}"
        ${who} = { AWS = "${c.principal ?? c.notPrincipal}" }
        Action   = "${c.action}"
        Resource = "*"${condition}
      },
    ]
  })
}
`;
}

function terraformPolicyDocument(c: Case): string {
  const who = c.principal ? 'principals' : 'not_principals';
  const condition = c.orgCondition
    ? `
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }`
    : '';
  return `${terraformHead(c)}
data "aws_iam_policy_document" "db" {
  statement {
    sid       = "App"
    actions   = ["${read}"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::\${data.aws_caller_identity.current.account_id}:role/app"]
    }
  }
  statement {
    sid       = "Case"
    effect    = "${c.effect}"
    actions   = ["${c.action}"]
    resources = ["*"]
    ${who} {
      type        = "AWS"
      identifiers = ["${c.principal ?? c.notPrincipal}"]
    }${condition}
  }
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy     = data.aws_iam_policy_document.db.json
}
`;
}

/** The secret's policy as the editor opens it: the store tells the account and the key. */
function secretPolicyDocument(c: Case): string {
  const app = { Sid: 'App', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ownAccount}:role/app` }, Action: read };
  return JSON.stringify({ Version: '2012-10-17', Statement: [app, jsonStatement(c)] }, null, 2);
}

const formats: { name: string; render: (c: Case) => string; findings: (text: string, c: Case) => PostureFinding[] }[] =
  [
    { name: 'CloudFormation YAML', render: cloudFormationYaml, findings: (t) => lintIac('stack.yaml', t) },
    { name: 'CloudFormation JSON', render: cloudFormationJson, findings: (t) => lintIac('stack.template.json', t) },
    { name: 'Terraform jsonencode', render: terraformJsonencode, findings: (t) => lintIac('secret.tf', t) },
    {
      name: 'Terraform aws_iam_policy_document',
      render: terraformPolicyDocument,
      findings: (t) => lintIac('secret.tf', t),
    },
    {
      name: "the secret's JSON policy document",
      render: secretPolicyDocument,
      findings: (t, c) =>
        policyDocumentFindings(t, {
          accountId: ownAccount,
          kmsKey: c.customerKey ? 'customer-managed' : 'aws-managed',
        }),
    },
  ];

const policyFindings = (text: string, c: Case, format: (typeof formats)[number]) =>
  format.findings(text, c).filter((f) => f.ruleId.startsWith('policy-'));

describe('posture: each resource-policy rule, positive and negative, in every format', () => {
  for (const format of formats) {
    describe(format.name, () => {
      for (const rule of rules) {
        it(`${rule.ruleId}: flagged on the positive case, at the ${rule.marks === '*' ? 'wildcard' : 'culprit'}`, () => {
          const text = format.render(rule.positive);
          const found = policyFindings(text, rule.positive, format);
          assert.deepEqual(
            found.map((f) => f.ruleId),
            [rule.ruleId],
            text,
          );
          const marked = text.slice(found[0]!.offset, found[0]!.offset + found[0]!.length);
          assert.ok(marked.includes(rule.marks), `points at ${JSON.stringify(marked)}`);
          assert.ok(text.indexOf('Case') < found[0]!.offset, 'on the case statement, not the own-account grant');
        });
        it(`${rule.ruleId}: quiet on the negative case`, () => {
          const text = format.render(rule.negative);
          assert.deepEqual(policyFindings(text, rule.negative, format), [], text);
        });
      }
    });
  }

  it("a literal secret ARN tells the policy's own account: its principals are not foreign, another account's are", () => {
    const policy = (principal: string) => `resource "aws_secretsmanager_secret_policy" "shared" {
  secret_arn = "arn:aws:secretsmanager:eu-west-1:${ownAccount}:secret:shared/api-AbCdEf"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "${principal}" }, Action = "${read}", Resource = "*" }]
  })
}
`;
    const rules = (text: string) => lintIac('shared.tf', text).map((f) => f.ruleId);
    assert.deepEqual(rules(policy(`arn:aws:iam::${ownAccount}:role/app`)), []);
    assert.deepEqual(rules(policy(foreign)), ['policy-cross-account-unrestricted']);
  });

  it('in a template that never names its own account symbolically, a literal account is not assumed foreign', () => {
    const c = rules[1]!.positive;
    const text = cloudFormationYaml(c).replace(/!Sub arn:aws:iam::\$\{AWS::AccountId\}:(root|role\/app)/g, 'x');
    assert.deepEqual(policyFindings(text, c, formats[0]!), []);
  });
});
