import { strict as assert } from 'node:assert';
import {
  grantsPublicAccess,
  maxPolicyLength,
  parsePolicy,
  policySyntaxErrors,
  validatePolicy,
} from '../../../src/core/store/resource-policy';

const statement = (extra: Record<string, unknown>) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*', ...extra }],
  });
const role = { AWS: 'arn:aws:iam::123456789012:role/app' };

describe('resource policies (what PutResourcePolicy accepts)', () => {
  it('accepts a well-formed policy, a single statement object and an action list', () => {
    assert.deepEqual(policySyntaxErrors(statement({ Principal: role })), []);
    const single = { Statement: { Effect: 'Deny', Principal: '*', NotAction: ['secretsmanager:Describe*'] } };
    assert.deepEqual(policySyntaxErrors(JSON.stringify(single)), []);
  });

  const malformed: [string, string, RegExp][] = [
    ['not JSON', '{', /not valid JSON/],
    ['not an object', '[]', /JSON object/],
    ['no statement', '{"Version":"2012-10-17"}', /no Statement/],
    ['a bad version', JSON.stringify({ Version: '2020-01-01', Statement: [] }), /Version/],
    ['a bad effect', statement({ Principal: role, Effect: 'Maybe' }), /Effect/],
    ['no action', JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: role }] }), /Action/],
    ['an action without a service', statement({ Principal: role, Action: 'GetSecretValue' }), /not an action/],
    ['no principal', statement({}), /Principal/],
    ['both principal kinds', statement({ Principal: role, NotPrincipal: role }), /exactly one of Principal/],
    ['an unknown principal type', statement({ Principal: { Group: 'x' } }), /unknown principal type/],
    ['a non-object condition', statement({ Principal: role, Condition: 'yes' }), /Condition/],
    ['an over-long document', `{"x":"${'a'.repeat(maxPolicyLength)}"}`, /1 to 20480/],
  ];
  for (const [what, text, message] of malformed) {
    it(`refuses ${what} with MalformedPolicyDocumentException`, () => {
      assert.throws(
        () => parsePolicy(text),
        (e: Error) => e.name === 'MalformedPolicyDocumentException' && message.test(e.message),
      );
    });
  }

  it('calls an unconditioned Allow to everyone public, and nothing narrower', () => {
    const pub = (extra: Record<string, unknown>) => grantsPublicAccess(parsePolicy(statement(extra)));
    assert.equal(pub({ Principal: '*' }), true);
    assert.equal(pub({ Principal: { AWS: '*' } }), true);
    assert.equal(pub({ Principal: { AWS: ['arn:aws:iam::123456789012:root', '*'] } }), true);
    assert.equal(pub({ NotPrincipal: role }), true);
    assert.equal(pub({ Principal: role }), false);
    assert.equal(pub({ Principal: { Service: 'lambda.amazonaws.com' } }), false);
    assert.equal(pub({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }), false);
    assert.equal(pub({ Principal: '*', Effect: 'Deny' }), false);
  });

  it('validates without throwing: syntax and broad-access findings by check name', () => {
    assert.deepEqual(validatePolicy(statement({ Principal: role })), {
      policyValidationPassed: true,
      validationErrors: [],
    });
    const broad = validatePolicy(statement({ Principal: '*' }));
    assert.deepEqual(
      broad.validationErrors.map((e) => e.checkName),
      ['BROAD_ACCESS'],
    );
    const bad = validatePolicy('{"Statement":[{}]}');
    assert.equal(bad.policyValidationPassed, false);
    assert.ok(bad.validationErrors.length >= 3 && bad.validationErrors.every((e) => e.checkName === 'POLICY_SYNTAX'));
  });
});
