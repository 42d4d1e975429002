// ValidateResourcePolicy findings through the real AWS SDK client, real HTTP and SigV4 against the project's
// local server: what the store says, once, and only what the local rules do not already say.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { policyDocumentFindings } from '../../../src/core/posture/policy-findings';
import { storeValidationFindings, validateWithStore } from '../../../src/core/posture/store-validation';
import type { AwsSecretStore } from '../../../src/core/aws/index';
import { startLocalAws, type LocalAws } from '../aws/helpers';

const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
const publicRead = policy({ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue' });

describe('posture: the store ValidateResourcePolicy findings (AWS SDK against the local server)', () => {
  let local: LocalAws;
  let store: AwsSecretStore;
  const name = 'posture/validated';

  before(async () => {
    local = await startLocalAws();
    store = await local.connect();
    await store.createSecret({ name, secretString: randomBytes(18).toString('base64url') });
  });
  after(() => local.close());

  it("turns the store's broad-access check into one finding on the first line, with the store's words", async () => {
    const errors = await validateWithStore(store, { secretId: name, text: publicRead });
    assert.deepEqual(
      errors.map((e) => e.checkName),
      ['BROAD_ACCESS'],
    );
    const findings = storeValidationFindings([...errors, ...errors], publicRead, []);
    assert.equal(findings.length, 1, 'a repeated answer is shown once');
    const [finding] = findings;
    assert.equal(finding!.ruleId, 'policy-store-validation');
    assert.equal(finding!.severity, 'error');
    assert.equal(finding!.message, `ValidateResourcePolicy BROAD_ACCESS: ${errors[0]!.errorMessage}`);
    assert.equal(publicRead.slice(finding!.offset, finding!.offset + finding!.length), '{');
  });

  it('leaves out what the local rules already report: the wildcard principal and the syntax problems', async () => {
    const publicLocal = policyDocumentFindings(publicRead);
    assert.deepEqual(
      publicLocal.map((f) => f.ruleId),
      ['policy-public-principal'],
    );
    const broad = await validateWithStore(store, { secretId: name, text: publicRead });
    assert.deepEqual(storeValidationFindings(broad, publicRead, publicLocal), []);

    const malformed = policy({ Effect: 'Maybe', Principal: { AWS: '111122223333' }, Action: 'secretsmanager:Get' });
    const syntax = await validateWithStore(store, { secretId: name, text: malformed });
    assert.ok(syntax.length > 0 && syntax.every((e) => e.checkName === 'POLICY_SYNTAX'), JSON.stringify(syntax));
    assert.equal(storeValidationFindings(syntax, malformed, []).length, syntax.length, 'each shown without local');
    assert.deepEqual(storeValidationFindings(syntax, malformed, policyDocumentFindings(malformed)), []);
  });

  it('says nothing for a policy the store accepts, and stores nothing while validating', async () => {
    const narrow = policy({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:role/app' },
      Action: 'secretsmanager:GetSecretValue',
    });
    assert.deepEqual(await validateWithStore(store, { secretId: name, text: narrow }), []);
    assert.equal((await store.getResourcePolicy(name)).resourcePolicy, undefined);
  });

  it('abandons the request when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      validateWithStore(store, { secretId: name, text: publicRead, signal: controller.signal }),
      /AbortError/,
    );
  });

  it('passes on a failure that is not about the policy (an unknown secret)', async () => {
    await assert.rejects(
      validateWithStore(store, { secretId: 'posture/absent', text: publicRead }),
      (error: { code?: string }) => error.code === 'ResourceNotFoundException',
    );
  });
});
