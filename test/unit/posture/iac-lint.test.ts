import { strict as assert } from 'node:assert';
import type { PostureFinding } from '../../../src/core/posture/finding';
import { coversSecretRead, lintIac } from '../../../src/core/posture/iac-lint';

const at = (text: string, f: PostureFinding) => text.slice(f.offset, f.offset + f.length);
const marked = (path: string, text: string) => lintIac(path, text).map((f) => `${f.ruleId}@${at(text, f)}`);
/** The text after applying a finding's fix. */
const fixed = (text: string, f: PostureFinding) =>
  [...f.fix!.edits]
    .sort((a, b) => b.offset - a.offset)
    .reduce((t, e) => t.slice(0, e.offset) + e.newText + t.slice(e.offset + e.length), text);

const cfnYaml = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString:
        SecretStringTemplate: '{"username": "app"}'
        GenerateStringKey: password
  DbSecretRotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref DbSecret
      RotationRules:
        ScheduleExpression: rate(30 days)
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read-secrets
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action:
                  - secretsmanager:GetSecretValue
                Resource: "*"
`;

describe('posture: least-privilege IaC lint', () => {
  it('knows which action patterns read secrets', () => {
    for (const a of ['*', 'secretsmanager:*', 'SecretsManager:Get*', 'secretsmanager:GetSecretValue']) {
      assert.ok(coversSecretRead(a), a);
    }
    for (const a of ['secretsmanager:DescribeSecret', 'secretsmanager:List*', 's3:*'])
      assert.ok(!coversSecretRead(a), a);
  });

  describe('CloudFormation YAML', () => {
    it('flags GetSecretValue on "*" and narrows it to !Ref of the template\'s secret', () => {
      const findings = lintIac('stack.yaml', cfnYaml);
      assert.deepEqual(
        findings.map((f) => `${f.ruleId}@${at(cfnYaml, f)}`),
        ['iac-secret-read-on-all-resources@"*"'],
      );
      assert.equal(findings[0]!.fix!.title, 'Narrow Resource to DbSecret');
      const after = fixed(cfnYaml, findings[0]!);
      assert.match(after, /Resource: !Ref DbSecret\n/);
      assert.deepEqual(lintIac('stack.yaml', after), []);
    });

    it('leaves a statement already on a named secret, and a non-secret action, alone', () => {
      assert.deepEqual(lintIac('stack.yaml', cfnYaml.replace('Resource: "*"', 'Resource: !Ref DbSecret')), []);
      assert.deepEqual(lintIac('stack.yaml', cfnYaml.replace('secretsmanager:GetSecretValue', 's3:GetObject')), []);
    });

    it('reports a secret with no rotation schedule beside it (information), not one with a schedule', () => {
      const noRotation = cfnYaml.replace(/ {2}DbSecretRotation:[\s\S]*?rate\(30 days\)\n/, '');
      const findings = lintIac('stack.yaml', noRotation).filter((f) => f.ruleId === 'iac-secret-without-rotation');
      assert.deepEqual(
        findings.map((f) => [f.severity, at(noRotation, f)]),
        [['information', 'DbSecret']],
      );
      assert.ok(!lintIac('stack.yaml', cfnYaml).some((f) => f.ruleId === 'iac-secret-without-rotation'));
    });

    it('flags a wildcard principal in AWS::SecretsManager::ResourcePolicy, not one restricted to the org', () => {
      const policy = `Resources:
  DbSecretPolicy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref DbSecret
      BlockPublicPolicy: true
      ResourcePolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: '*'
            Action: secretsmanager:GetSecretValue
            Resource: '*'
`;
      assert.deepEqual(marked('policy.yml', policy), ["policy-public-principal@'*'"]);
      const restricted = `${policy}            Condition:\n              StringEquals:\n                aws:PrincipalOrgID: o-a1b2c3d4e5\n`;
      assert.deepEqual(marked('policy.yml', restricted), []);
    });
  });

  describe('CloudFormation JSON', () => {
    const template = (resource: string, extra = '') => `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "ApiKey": { "Type": "AWS::SecretsManager::Secret", "Properties": { "Description": "api" } },
    "TokenSecret": { "Type": "AWS::SecretsManager::Secret", "Properties": {} },${extra}
    "ReaderPolicy": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Action": "secretsmanager:*", "Resource": ${resource} }]
        }
      }
    }
  }
}`;
    it('flags secretsmanager:* on ["*"] and narrows to both secrets with Ref', () => {
      const text = template('["*"]');
      const read = lintIac('template.json', text).filter((f) => f.ruleId === 'iac-secret-read-on-all-resources');
      assert.equal(read.length, 1);
      const after = fixed(text, read[0]!);
      assert.match(after, /"Resource": \[\{ "Ref": "ApiKey" \}, \{ "Ref": "TokenSecret" \}\]/);
      assert.doesNotThrow(() => JSON.parse(after));
      assert.deepEqual(
        lintIac('template.json', after).filter((f) => f.ruleId === 'iac-secret-read-on-all-resources'),
        [],
      );
    });

    it('wraps several targets in a list when Resource was a lone "*"', () => {
      const text = template('"*"');
      const [read] = lintIac('template.json', text).filter((f) => f.ruleId === 'iac-secret-read-on-all-resources');
      assert.doesNotThrow(() => JSON.parse(fixed(text, read!)));
    });

    it('reports each secret without a rotation schedule; a RotationSchedule with {"Ref"} covers one', () => {
      const rotation = `
    "ApiKeyRotation": { "Type": "AWS::SecretsManager::RotationSchedule", "Properties": { "SecretId": { "Ref": "ApiKey" } } },`;
      const text = template('{ "Ref": "ApiKey" }', rotation);
      assert.deepEqual(marked('template.json', text), ['iac-secret-without-rotation@"TokenSecret"']);
    });
  });

  describe('Terraform', () => {
    const tf = `resource "aws_secretsmanager_secret" "db" {
  name = "prod/db"
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = aws_lambda_function.rotator.arn
  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_iam_policy" "reader" {
  name = "reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
        Resource = "*"
      },
    ]
  })
}
`;
    it('flags jsonencode GetSecretValue on "*" and narrows to the resource reference', () => {
      const findings = lintIac('main.tf', tf);
      assert.deepEqual(
        findings.map((f) => `${f.ruleId}@${at(tf, f)}`),
        ['iac-secret-read-on-all-resources@"*"'],
      );
      const after = fixed(tf, findings[0]!);
      assert.match(after, /Resource = aws_secretsmanager_secret\.db\.arn\n/);
      assert.deepEqual(lintIac('main.tf', after), []);
    });

    it('flags an inline JSON heredoc and narrows it with an interpolation', () => {
      const heredoc = `data "aws_secretsmanager_secret" "shared" {
  name = "shared/api"
}

resource "aws_iam_role_policy" "app" {
  role   = aws_iam_role.app.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*" }]
}
EOF
}
`;
      const [read, ...rest] = lintIac('iam.tf', heredoc);
      assert.deepEqual(rest, []);
      assert.equal(at(heredoc, read!), '"*"');
      assert.match(fixed(heredoc, read!), /"Resource": "\$\{data\.aws_secretsmanager_secret\.shared\.arn\}"/);
      const named = heredoc.replace(
        '"Resource": "*"',
        '"Resource": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:shared/api-AbCdEf"',
      );
      assert.deepEqual(lintIac('iam.tf', named), []);
    });

    it('reads aws_iam_policy_document: resources ["*"] flagged, wildcard principals in a secret policy flagged', () => {
      const doc = `resource "aws_secretsmanager_secret" "api" {
  name = "api"
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["secretsmanager:*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "secret_policy" {
  statement {
    effect  = "Allow"
    actions = ["secretsmanager:GetSecretValue"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    resources = ["*"]
  }
}

resource "aws_secretsmanager_secret_policy" "api" {
  secret_arn = aws_secretsmanager_secret.api.arn
  policy     = data.aws_iam_policy_document.secret_policy.json
}
`;
      assert.deepEqual(marked('policy.tf', doc), [
        'iac-secret-without-rotation@resource "aws_secretsmanager_secret" "api"',
        'iac-secret-read-on-all-resources@"*"',
        'policy-public-principal@"*"',
      ]);
      const [, read] = lintIac('policy.tf', doc);
      assert.match(fixed(doc, read!), /resources = \[aws_secretsmanager_secret\.api\.arn\]/);
      const withCondition = doc.replace(
        '    resources = ["*"]\n  }\n}\n\nresource "aws_secretsmanager_secret_policy"',
        '    resources = ["*"]\n    condition {\n      test     = "StringEquals"\n      variable = "aws:PrincipalOrgID"\n      values   = ["o-a1b2c3d4e5"]\n    }\n  }\n}\n\nresource "aws_secretsmanager_secret_policy"',
      );
      assert.ok(!marked('policy.tf', withCondition).includes('policy-public-principal@"*"'));
      assert.equal(marked('policy.tf', withCondition).length, 2);
    });

    it('flags wildcard principals in aws_secretsmanager_secret_policy jsonencode', () => {
      const text = `resource "aws_secretsmanager_secret_policy" "p" {
  secret_arn = aws_secretsmanager_secret.x.arn
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "secretsmanager:GetSecretValue", Resource = "*" }]
  })
}
`;
      assert.deepEqual(marked('p.tf', text), ['policy-public-principal@"*"']);
      assert.deepEqual(
        marked('p.tf', text.replace('Principal = "*"', 'Principal = { AWS = aws_iam_role.app.arn }')),
        [],
      );
    });
  });

  describe('plain policy JSON', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf';
    it('flags Resource "*" and narrows to the ARNs the file names', () => {
      const text = JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'secretsmanager:DescribeSecret', Resource: arn },
            { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: '*' },
          ],
        },
        null,
        2,
      );
      const findings = lintIac('policies/reader.json', text);
      assert.deepEqual(
        findings.map((f) => at(text, f)),
        ['"*"'],
      );
      assert.equal(JSON.parse(fixed(text, findings[0]!)).Statement[1].Resource, arn);
    });

    it('offers no fix when the file names no secret, and nothing on a Deny or another service', () => {
      const text = '{"Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}';
      const [finding] = lintIac('p.json', text);
      assert.equal(finding!.fix, undefined);
      assert.deepEqual(lintIac('p.json', text.replace('Allow', 'Deny')), []);
      assert.deepEqual(lintIac('p.json', text.replace('secretsmanager:GetSecretValue', 'kms:Decrypt')), []);
      assert.deepEqual(lintIac('package.json', '{"name": "x"}'), []);
    });
  });
});
