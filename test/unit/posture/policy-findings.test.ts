import { strict as assert } from 'node:assert';
import { findPolicyFindings, policyDocumentFindings } from '../../../src/core/posture/policy-findings';

const own = '111122223333';
const other = '444455556666';
const secretArn = `arn:aws:secretsmanager:eu-west-1:${own}:secret:prod/db-AbCdEf`;
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
const rules = (text: string, context = {}) => findPolicyFindings(text, context).map((f) => f.ruleId);
/** The source text each finding points at. */
const marked = (text: string, context = {}) =>
  findPolicyFindings(text, context).map((f) => `${f.ruleId}@${text.slice(f.offset, f.offset + f.length)}`);

describe('posture: resource-policy findings', () => {
  it('flags Principal "*" and AWS "*" without a condition, at the principal', () => {
    const text = policy(
      { Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: 'secretsmanager:GetSecretValue', Resource: '*' },
    );
    assert.deepEqual(marked(text), ['policy-public-principal@"*"', 'policy-public-principal@"*"']);
    const [first, second] = findPolicyFindings(text);
    assert.ok(first!.offset < second!.offset);
    assert.equal(findPolicyFindings(text)[0]!.severity, 'error');
  });

  it('accepts a wildcard principal restricted by aws:PrincipalOrgID, and a Deny with "*"', () => {
    const text = policy(
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      },
      { Effect: 'Deny', Principal: '*', Action: 'secretsmanager:DeleteSecret', Resource: '*' },
    );
    assert.deepEqual(rules(text), []);
  });

  it('does not count an IfExists condition or an unrelated one as restricting', () => {
    const withIfExists = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
      Condition: {
        StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
        Bool: { 'aws:SecureTransport': 'true' },
      },
    });
    assert.deepEqual(rules(withIfExists), ['policy-public-principal']);
  });

  it('flags a cross-account principal without PrincipalOrgID or SourceAccount', () => {
    const text = policy({
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${own}:role/app`, `arn:aws:iam::${other}:root`] },
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
    });
    assert.deepEqual(marked(text, { accountId: own }), [
      `policy-cross-account-unrestricted@"arn:aws:iam::${other}:root"`,
    ]);
    // the account can come from the statement's Resource ARN
    const byArn = policy({
      Effect: 'Allow',
      Principal: { AWS: other },
      Action: 'secretsmanager:GetSecretValue',
      Resource: secretArn,
    });
    assert.deepEqual(marked(byArn), [`policy-cross-account-unrestricted@"${other}"`]);
  });

  it('accepts a cross-account principal with aws:PrincipalOrgID, and same-account principals', () => {
    const restricted = policy({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${other}:role/reader` },
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    });
    assert.deepEqual(rules(restricted, { accountId: own }), []);
    const sameAccount = policy({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${own}:role/app`, Service: 'lambda.amazonaws.com' },
      Action: 'secretsmanager:*',
      Resource: '*',
    });
    assert.deepEqual(rules(sameAccount, { accountId: own }), []);
    // no account known: no guess
    assert.deepEqual(rules(policy({ Effect: 'Allow', Principal: { AWS: other }, Action: '*', Resource: '*' })), []);
  });

  it('flags Allow with NotPrincipal but not Deny with NotPrincipal', () => {
    const allow = policy({
      Effect: 'Allow',
      NotPrincipal: { AWS: `arn:aws:iam::${own}:role/blocked` },
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
    });
    assert.deepEqual(marked(allow), [
      `policy-allow-not-principal@{\n        "AWS": "arn:aws:iam::${own}:role/blocked"\n      }`,
    ]);
    const deny = allow.replace('"Allow"', '"Deny"');
    assert.deepEqual(rules(deny), []);
  });

  it('flags secretsmanager:* granted to another account, at the action', () => {
    const text = policy({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${other}:role/ops` },
      Action: ['secretsmanager:*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    });
    assert.deepEqual(marked(text, { accountId: own }), ['policy-cross-account-all-actions@"secretsmanager:*"']);
    const narrow = text.replace('secretsmanager:*', 'secretsmanager:GetSecretValue');
    assert.deepEqual(rules(narrow, { accountId: own }), []);
  });

  it('flags a cross-account grant on a secret under the AWS-managed key, not under a customer key', () => {
    const text = policy({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${other}:role/reader` },
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    });
    assert.deepEqual(rules(text, { accountId: own, kmsKey: 'aws-managed' }), ['policy-cross-account-aws-managed-key']);
    assert.deepEqual(rules(text, { accountId: own, kmsKey: 'customer-managed' }), []);
  });

  it('returns nothing for text that is not JSON', () => {
    assert.deepEqual(rules('not a policy'), []);
  });
});

describe('posture: policy documents in the editor', () => {
  it('reports why IAM would refuse a malformed policy, and the access findings of a well-formed one', () => {
    const malformed = '{\n  "Statement": [{ "Effect": "Allow", "Action": "secretsmanager:GetSecretValue" }]\n}';
    const [syntax, ...rest] = policyDocumentFindings(malformed);
    assert.deepEqual(rest, []);
    assert.equal(syntax!.ruleId, 'policy-syntax');
    assert.match(syntax!.message, /MalformedPolicyDocumentException.*Principal/);
    const open = policy({ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' });
    assert.deepEqual(
      policyDocumentFindings(open).map((f) => f.ruleId),
      ['policy-public-principal'],
    );
  });
});
