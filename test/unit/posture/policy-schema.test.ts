// The JSON schema contributed for secret policy documents (package.json jsonValidation): real-shaped resource
// policies pass, each grammar mistake fails at its place, and the contribution points at a file the package ships.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { policySyntaxErrors } from '../../../src/core/store/resource-policy';

const schemaPath = 'schemas/secret-resource-policy.schema.json';
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const errorsOf = (policy: unknown) => (validate(policy) ? [] : validate.errors!.map((e) => e.instancePath));

const role = 'arn:aws:iam::111122223333:role/app';
const statement = (fields: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: role }, Action: 'secretsmanager:GetSecretValue', ...fields }],
});

describe('posture: the secret resource-policy JSON schema', () => {
  it('accepts real-shaped resource policies (the IAM grammar, every element)', () => {
    const policies = [
      statement({ Resource: '*' }),
      {
        Version: '2012-10-17',
        Id: 'SecretPolicy',
        Statement: [
          {
            Sid: 'OrgRead',
            Effect: 'Allow',
            Principal: '*',
            Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
              'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/*'] },
              BoolIfExists: { 'aws:SecureTransport': true },
              IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] },
              Null: { 'aws:PrincipalArn': 'false' },
            },
          },
          {
            Effect: 'Deny',
            NotPrincipal: { AWS: [role, '111122223333'] },
            NotAction: 'secretsmanager:Describe*',
            NotResource: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:other-AbCdEf',
          },
          { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: '*' },
        ],
      },
      { Statement: { Effect: 'Allow', Principal: { AWS: role }, Action: 'secretsmanager:*' } },
    ];
    for (const policy of policies) assert.deepEqual(errorsOf(policy), [], JSON.stringify(policy));
    // and they are policies the stores accept too
    for (const policy of policies) assert.deepEqual(policySyntaxErrors(JSON.stringify(policy)), []);
  });

  it('flags each grammar mistake at its place', () => {
    const at = (policy: unknown) => [...new Set(errorsOf(policy))];
    assert.deepEqual(at(statement({ Effect: 'Maybe' })).sort(), ['/Statement', '/Statement/0/Effect']);
    assert.ok(at({ ...statement({}), Version: '2024-01-01' }).includes('/Version'));
    assert.ok(at(statement({ Action: 'GetSecretValue' })).includes('/Statement/0/Action'));
    assert.ok(at(statement({ NotAction: 'secretsmanager:DeleteSecret' })).includes('/Statement/0'), 'both');
    assert.ok(at(statement({ Principal: { Role: role } })).includes('/Statement/0/Principal'));
    assert.ok(
      at(statement({ Condition: { StringEqual: { 'aws:SourceAccount': '1' } } })).includes('/Statement/0/Condition'),
    );
    assert.ok(at(statement({ Sid: 'not allowed!' })).includes('/Statement/0/Sid'));
    assert.ok(at(statement({ Resources: '*' })).includes('/Statement/0'), 'an unknown element');
    assert.ok(
      at({ Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue' }] }).includes('/Statement/0'),
      'no principal',
    );
    assert.deepEqual(at({ Version: '2012-10-17' }), [''], 'no Statement');
  });

  it('offers the Secrets Manager actions and condition keys for completion', () => {
    const text = readFileSync(schemaPath, 'utf8');
    for (const name of [
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutResourcePolicy',
      'aws:PrincipalOrgID',
      'aws:SourceAccount',
    ])
      assert.ok(text.includes(`"${name}"`), name);
  });

  it('is contributed for secret policy documents and shipped with the extension', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      contributes: { jsonValidation: { fileMatch: string; url: string }[] };
    };
    const contribution = manifest.contributes.jsonValidation.find((v) => v.url === `./${schemaPath}`);
    assert.equal(contribution?.fileMatch, 'secrets-workbench-policy:/**/*.policy.json');
    const shipped = readFileSync('.vscodeignore', 'utf8').split('\n');
    assert.ok(shipped.includes(`!${schemaPath}`), '.vscodeignore lets the schema into the package');
  });
});
