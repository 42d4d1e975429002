// The store contract: AWS Secrets Manager's observable behaviour, written once and run against every store.
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import { rotateWithGeneratedValue, type SecretStore } from '../../../src/core/store/index';
import { describeReplicationContract } from './replication-contract';

export interface StoreFixture {
  store: SecretStore;
  /** Moves the store's clock forward, where the backend allows it (purge and pruning tests need it). */
  advanceClock?(ms: number): void;
  dispose(): Promise<void>;
}

const day = 24 * 60 * 60 * 1000;

export async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.equal((error as { code?: string }).code, code, `expected ${code}, got ${String(error)}`);
    if (message) assert.match((error as Error).message, message);
    return true;
  });
}

/** Synthetic value of a realistic shape; never a real credential. */
/** A one-statement policy allowing GetSecretValue, with `statement`'s fields. */
const readPolicy = (statement: Record<string, unknown>) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', ...statement }],
  });

export const syntheticValue = () => `sv-${randomBytes(18).toString('base64url')}`;

export function describeStoreContract(label: string, createFixture: () => Promise<StoreFixture>): void {
  describe(`SecretStore contract: ${label}`, function () {
    this.timeout(60_000);
    let fixture: StoreFixture;
    let store: SecretStore;
    const uniqueName = (base: string) => `contract/${base}/${randomUUID().slice(0, 8)}x`;

    beforeEach(async () => {
      fixture = await createFixture();
      store = fixture.store;
    });
    afterEach(async () => fixture.dispose());

    async function stagesById(secretId: string, includeDeprecated = false): Promise<Map<string, string[]>> {
      const stages = new Map<string, string[]>();
      let nextToken: string | undefined;
      do {
        const page = await store.listSecretVersionIds({ secretId, includeDeprecated, nextToken });
        for (const v of page.versions) stages.set(v.versionId, [...v.versionStages].sort());
        nextToken = page.nextToken;
      } while (nextToken);
      return stages;
    }

    describe('create, describe, get', () => {
      it('gives the first version AWSCURRENT and returns its value', async () => {
        const name = uniqueName('first');
        const value = syntheticValue();
        const created = await store.createSecret({
          name,
          secretString: value,
          description: 'db',
          tags: [{ key: 'team', value: 'billing' }],
        });
        assert.equal(created.name, name);
        assert.match(created.arn, /^arn:aws:secretsmanager:[^:]+:\d{12}:secret:.+-[A-Za-z0-9]{6}$/);
        assert.ok(created.versionId);
        const got = await store.getSecretValue({ secretId: name });
        assert.equal(got.secretString, value);
        assert.deepEqual(got.versionStages, ['AWSCURRENT']);
        assert.equal(got.versionId, created.versionId);
        const described = await store.describeSecret(name);
        assert.equal(described.description, 'db');
        assert.deepEqual(described.tags, [{ key: 'team', value: 'billing' }]);
        assert.deepEqual(described.versionIdsToStages, { [created.versionId!]: ['AWSCURRENT'] });
        assert.ok(described.createdDate instanceof Date);
      });

      it('finds a secret by its ARN as well as its name', async () => {
        const name = uniqueName('arn');
        const created = await store.createSecret({ name, secretString: syntheticValue() });
        assert.equal((await store.describeSecret(created.arn)).name, name);
        assert.equal((await store.getSecretValue({ secretId: created.arn })).name, name);
      });

      it('round-trips a binary value byte for byte', async () => {
        const name = uniqueName('binary');
        const bytes = randomBytes(300);
        await store.createSecret({ name, secretBinary: bytes });
        const got = await store.getSecretValue({ secretId: name });
        assert.equal(got.secretString, undefined);
        assert.deepEqual(Buffer.from(got.secretBinary!), bytes);
      });

      it('creates a secret without a value, which has no version to read', async () => {
        const name = uniqueName('empty');
        const created = await store.createSecret({ name });
        assert.equal(created.versionId, undefined);
        await rejectsWith(store.getSecretValue({ secretId: name }), 'ResourceNotFoundException');
        assert.deepEqual((await store.describeSecret(name)).versionIdsToStages, {});
      });

      it('refuses a duplicate name, invalid names, and both value kinds at once', async () => {
        const name = uniqueName('dup');
        await store.createSecret({ name, secretString: syntheticValue() });
        await rejectsWith(store.createSecret({ name, secretString: syntheticValue() }), 'ResourceExistsException');
        for (const bad of ['', 'has space', 'bad#char', 'x'.repeat(513), 'looks-like-arn-abcdef']) {
          await rejectsWith(store.createSecret({ name: bad, secretString: 'v' }), 'InvalidParameterException');
        }
        await rejectsWith(
          store.createSecret({ name: uniqueName('both'), secretString: 'a', secretBinary: Buffer.from('b') }),
          'InvalidParameterException',
        );
      });

      it('treats names that are also JavaScript property names as ordinary secrets', async () => {
        const suffix = randomUUID().slice(0, 4);
        const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
        for (const name of names) await rejectsWith(store.describeSecret(name), 'ResourceNotFoundException');
        for (const name of names) {
          const value = `${syntheticValue()}${suffix}`;
          await store.createSecret({ name, secretString: value });
          assert.equal((await store.getSecretValue({ secretId: name })).secretString, value);
          assert.equal((await store.describeSecret(name)).name, name);
        }
        const listed = await store.listSecrets({ filters: [{ key: 'name', values: names }], maxResults: 100 });
        assert.deepEqual(listed.secrets.map((s) => s.name).sort(), [...names].sort());
        for (const name of names) await store.deleteSecret({ secretId: name, forceDeleteWithoutRecovery: true });
        for (const name of names) await rejectsWith(store.describeSecret(name), 'ResourceNotFoundException');
      });

      it('reports an unknown secret as ResourceNotFound for every operation', async () => {
        const missing = uniqueName('missing');
        await rejectsWith(store.describeSecret(missing), 'ResourceNotFoundException');
        await rejectsWith(store.getSecretValue({ secretId: missing }), 'ResourceNotFoundException');
        await rejectsWith(store.putSecretValue({ secretId: missing, secretString: 'x' }), 'ResourceNotFoundException');
        await rejectsWith(store.listSecretVersionIds({ secretId: missing }), 'ResourceNotFoundException');
        await rejectsWith(store.deleteSecret({ secretId: missing }), 'ResourceNotFoundException');
      });
    });

    describe('versions and stages', () => {
      it('moves AWSCURRENT to a new value and AWSPREVIOUS to the version it left', async () => {
        const name = uniqueName('stages');
        const v1 = (await store.createSecret({ name, secretString: syntheticValue() })).versionId!;
        const v2 = (await store.putSecretValue({ secretId: name, secretString: syntheticValue() })).versionId;
        assert.deepEqual(
          await stagesById(name),
          new Map([
            [v2, ['AWSCURRENT']],
            [v1, ['AWSPREVIOUS']],
          ]),
        );
        const v3 = (await store.putSecretValue({ secretId: name, secretString: syntheticValue() })).versionId;
        assert.deepEqual(
          await stagesById(name),
          new Map([
            [v3, ['AWSCURRENT']],
            [v2, ['AWSPREVIOUS']],
          ]),
        );
        const all = await stagesById(name, true);
        assert.deepEqual(all.get(v1), [], 'the oldest version is deprecated, but kept');
        assert.equal(all.size, 3);
      });

      it('lists versions newest first with dates', async () => {
        const name = uniqueName('order');
        const v1 = (await store.createSecret({ name, secretString: syntheticValue() })).versionId!;
        const v2 = (await store.putSecretValue({ secretId: name, secretString: syntheticValue() })).versionId;
        const out = await store.listSecretVersionIds({ secretId: name });
        assert.deepEqual(
          out.versions.map((v) => v.versionId),
          [v2, v1],
        );
        assert.ok(out.versions.every((v) => v.createdDate instanceof Date));
        assert.equal(out.name, name);
      });

      it('reads a version by stage, by id, or both when they agree', async () => {
        const name = uniqueName('read');
        const first = syntheticValue();
        const second = syntheticValue();
        const v1 = (await store.createSecret({ name, secretString: first })).versionId!;
        const v2 = (await store.putSecretValue({ secretId: name, secretString: second })).versionId;
        assert.equal((await store.getSecretValue({ secretId: name, versionStage: 'AWSPREVIOUS' })).secretString, first);
        assert.equal((await store.getSecretValue({ secretId: name, versionId: v1 })).secretString, first);
        assert.equal(
          (await store.getSecretValue({ secretId: name, versionId: v2, versionStage: 'AWSCURRENT' })).secretString,
          second,
        );
        await rejectsWith(
          store.getSecretValue({ secretId: name, versionId: v1, versionStage: 'AWSCURRENT' }),
          'ResourceNotFoundException',
        );
        await rejectsWith(store.getSecretValue({ secretId: name, versionStage: 'NOPE' }), 'ResourceNotFoundException');
      });

      it('makes a put idempotent by ClientRequestToken and refuses the token with other data', async () => {
        const name = uniqueName('token');
        await store.createSecret({ name, secretString: syntheticValue() });
        const token = randomUUID();
        const value = syntheticValue();
        const a = await store.putSecretValue({ secretId: name, secretString: value, clientRequestToken: token });
        const b = await store.putSecretValue({ secretId: name, secretString: value, clientRequestToken: token });
        assert.equal(a.versionId, token);
        assert.equal(b.versionId, token);
        assert.equal((await stagesById(name, true)).size, 2);
        await rejectsWith(
          store.putSecretValue({ secretId: name, secretString: syntheticValue(), clientRequestToken: token }),
          'ResourceExistsException',
        );
        await rejectsWith(
          store.putSecretValue({ secretId: name, secretString: 'x', clientRequestToken: 'short' }),
          'InvalidParameterException',
        );
      });

      it('puts a version with custom stages without touching AWSCURRENT', async () => {
        const name = uniqueName('pending');
        const v1 = (await store.createSecret({ name, secretString: syntheticValue() })).versionId!;
        const put = await store.putSecretValue({
          secretId: name,
          secretString: syntheticValue(),
          versionStages: ['AWSPENDING'],
        });
        assert.deepEqual(put.versionStages, ['AWSPENDING']);
        assert.deepEqual(
          await stagesById(name),
          new Map([
            [v1, ['AWSCURRENT']],
            [put.versionId, ['AWSPENDING']],
          ]),
        );
      });

      it('keeps a label on one version at a time and requires RemoveFromVersionId to move it', async () => {
        const name = uniqueName('labels');
        const v1 = (await store.createSecret({ name, secretString: syntheticValue() })).versionId!;
        const v2 = (await store.putSecretValue({ secretId: name, secretString: syntheticValue() })).versionId;
        await store.updateSecretVersionStage({ secretId: name, versionStage: 'blue', moveToVersionId: v1 });
        await rejectsWith(
          store.updateSecretVersionStage({ secretId: name, versionStage: 'blue', moveToVersionId: v2 }),
          'InvalidParameterException',
        );
        await store.updateSecretVersionStage({
          secretId: name,
          versionStage: 'blue',
          moveToVersionId: v2,
          removeFromVersionId: v1,
        });
        const stages = await stagesById(name);
        assert.deepEqual(stages.get(v2), ['AWSCURRENT', 'blue']);
        assert.deepEqual(stages.get(v1), ['AWSPREVIOUS']);
        await store.updateSecretVersionStage({ secretId: name, versionStage: 'blue', removeFromVersionId: v2 });
        assert.deepEqual((await stagesById(name)).get(v2), ['AWSCURRENT']);
      });

      it('moves AWSPREVIOUS along when AWSCURRENT is moved back (a rollback)', async () => {
        const name = uniqueName('rollback');
        const v1 = (await store.createSecret({ name, secretString: syntheticValue() })).versionId!;
        const v2 = (await store.putSecretValue({ secretId: name, secretString: syntheticValue() })).versionId;
        await store.updateSecretVersionStage({
          secretId: name,
          versionStage: 'AWSCURRENT',
          moveToVersionId: v1,
          removeFromVersionId: v2,
        });
        assert.deepEqual(
          await stagesById(name),
          new Map([
            [v1, ['AWSCURRENT']],
            [v2, ['AWSPREVIOUS']],
          ]),
        );
      });

      it('keeps every version younger than 24 hours even past 100 versions', async () => {
        const name = uniqueName('many');
        await store.createSecret({ name, secretString: syntheticValue() });
        for (let i = 0; i < 104; i++) await store.putSecretValue({ secretId: name, secretString: `v${i}` });
        assert.equal((await stagesById(name, true)).size, 105);
      });

      it('prunes deprecated versions beyond the 100 most recent once they are older than 24 hours', async function () {
        if (!fixture.advanceClock) this.skip();
        const name = uniqueName('prune');
        await store.createSecret({ name, secretString: syntheticValue() });
        for (let i = 0; i < 104; i++) await store.putSecretValue({ secretId: name, secretString: `old${i}` });
        fixture.advanceClock!(2 * day);
        await store.putSecretValue({ secretId: name, secretString: 'fresh' });
        const versions = await stagesById(name, true);
        assert.equal(versions.size, 100);
      });

      it('paginates versions without loss or repeats', async () => {
        const name = uniqueName('vpages');
        await store.createSecret({ name, secretString: syntheticValue() });
        for (let i = 0; i < 11; i++) await store.putSecretValue({ secretId: name, secretString: `p${i}` });
        const seen: string[] = [];
        const sizes: number[] = [];
        let nextToken: string | undefined;
        do {
          const page = await store.listSecretVersionIds({
            secretId: name,
            includeDeprecated: true,
            maxResults: 5,
            nextToken,
          });
          sizes.push(page.versions.length);
          seen.push(...page.versions.map((v) => v.versionId));
          nextToken = page.nextToken;
        } while (nextToken && sizes.length < 10);
        // The last page (2 versions) carries no NextToken: no empty page is asked for after it.
        assert.deepEqual(sizes, [5, 5, 2]);
        assert.equal(seen.length, 12);
        assert.equal(new Set(seen).size, 12);
        const full = await store.listSecretVersionIds({ secretId: name, includeDeprecated: true, maxResults: 12 });
        assert.equal(full.versions.length, 12);
        assert.equal(full.nextToken, undefined, 'a page that ends exactly at the last version has no NextToken');
      });
    });

    describe('list and filters', () => {
      it('filters by name prefix, tag, description (case-insensitive), negation, and paginates', async () => {
        const prefix = `contract/list${randomUUID().slice(0, 6)}`;
        for (let i = 0; i < 7; i++) {
          await store.createSecret({
            name: `${prefix}/s${i}`,
            secretString: syntheticValue(),
            description: i % 2 ? 'Payments DB' : 'cache',
            tags: [{ key: i < 3 ? 'env' : 'owner', value: `v${i}` }],
          });
        }
        const all = async (filters: Parameters<SecretStore['listSecrets']>[0]) => {
          const names: string[] = [];
          let nextToken: string | undefined;
          do {
            const page = await store.listSecrets({ ...filters, maxResults: 3, nextToken });
            assert.ok(page.secrets.length <= 3);
            names.push(...page.secrets.map((s) => s.name));
            nextToken = page.nextToken;
          } while (nextToken);
          return names.sort();
        };
        const byName = await all({ filters: [{ key: 'name', values: [prefix] }] });
        assert.equal(byName.length, 7);
        assert.equal(new Set(byName).size, 7);
        const byTag = await all({
          filters: [
            { key: 'name', values: [prefix] },
            { key: 'tag-key', values: ['env'] },
          ],
        });
        assert.deepEqual(
          byTag,
          [0, 1, 2].map((i) => `${prefix}/s${i}`),
        );
        const byDescription = await all({
          filters: [
            { key: 'name', values: [prefix] },
            { key: 'description', values: ['payments'] },
          ],
        });
        assert.deepEqual(
          byDescription,
          [1, 3, 5].map((i) => `${prefix}/s${i}`),
        );
        const negated = await all({
          filters: [
            { key: 'name', values: [prefix] },
            { key: 'tag-key', values: ['!env'] },
          ],
        });
        assert.deepEqual(
          negated,
          [3, 4, 5, 6].map((i) => `${prefix}/s${i}`),
        );
        const listed = (await store.listSecrets({ filters: [{ key: 'name', values: [`${prefix}/s1`] }] })).secrets[0];
        assert.ok(!('secretString' in listed), 'listings never carry values');
      });

      it('refuses MaxResults outside 1–100', async () => {
        await rejectsWith(store.listSecrets({ maxResults: 0 }), 'InvalidParameterException');
        await rejectsWith(store.listSecrets({ maxResults: 101 }), 'InvalidParameterException');
      });
    });

    describe('delete and restore', () => {
      it('schedules deletion, hides and locks the secret, and restores it', async () => {
        const name = uniqueName('delete');
        const value = syntheticValue();
        await store.createSecret({ name, secretString: value });
        const deleted = await store.deleteSecret({ secretId: name, recoveryWindowInDays: 7 });
        assert.ok(deleted.deletionDate.getTime() > Date.now() + 6 * day);
        await rejectsWith(store.getSecretValue({ secretId: name }), 'InvalidRequestException');
        await rejectsWith(store.putSecretValue({ secretId: name, secretString: 'x' }), 'InvalidRequestException');
        await rejectsWith(store.createSecret({ name, secretString: 'x' }), 'InvalidRequestException');
        assert.ok((await store.describeSecret(name)).deletedDate instanceof Date);
        const filter = { filters: [{ key: 'name' as const, values: [name] }] };
        assert.equal((await store.listSecrets(filter)).secrets.length, 0);
        assert.equal((await store.listSecrets({ ...filter, includePlannedDeletion: true })).secrets.length, 1);
        await store.restoreSecret(name);
        assert.equal((await store.getSecretValue({ secretId: name })).secretString, value);
        assert.equal((await store.describeSecret(name)).deletedDate, undefined);
      });

      it('validates the recovery window and force-deletes at once', async () => {
        const name = uniqueName('force');
        await store.createSecret({ name, secretString: syntheticValue() });
        await rejectsWith(store.deleteSecret({ secretId: name, recoveryWindowInDays: 6 }), 'InvalidParameterException');
        await rejectsWith(
          store.deleteSecret({ secretId: name, recoveryWindowInDays: 31 }),
          'InvalidParameterException',
        );
        await rejectsWith(
          store.deleteSecret({ secretId: name, recoveryWindowInDays: 7, forceDeleteWithoutRecovery: true }),
          'InvalidParameterException',
        );
        await store.deleteSecret({ secretId: name, forceDeleteWithoutRecovery: true });
        await rejectsWith(store.describeSecret(name), 'ResourceNotFoundException');
        await store.createSecret({ name, secretString: syntheticValue() }); // the name is free again
      });

      it('purges a deleted secret once its recovery window has passed', async function () {
        if (!fixture.advanceClock) this.skip();
        const name = uniqueName('purge');
        await store.createSecret({ name, secretString: syntheticValue() });
        await store.deleteSecret({ secretId: name, recoveryWindowInDays: 7 });
        fixture.advanceClock!(6 * day);
        assert.ok((await store.describeSecret(name)).deletedDate);
        fixture.advanceClock!(2 * day);
        await rejectsWith(store.describeSecret(name), 'ResourceNotFoundException');
      });
    });

    describe('tags, description, rotation, passwords, batch reads', () => {
      it('tags, overwrites a tag value, and untags idempotently', async () => {
        const name = uniqueName('tags');
        await store.createSecret({ name, secretString: syntheticValue(), tags: [{ key: 'a', value: '1' }] });
        await store.tagResource(name, [
          { key: 'a', value: '2' },
          { key: 'b', value: '3' },
        ]);
        const tags = (await store.describeSecret(name)).tags.sort((x, y) => x.key.localeCompare(y.key));
        assert.deepEqual(tags, [
          { key: 'a', value: '2' },
          { key: 'b', value: '3' },
        ]);
        await store.untagResource(name, ['a', 'zzz']);
        assert.deepEqual((await store.describeSecret(name)).tags, [{ key: 'b', value: '3' }]);
      });

      it('updates the description, and a value given to UpdateSecret becomes AWSCURRENT', async () => {
        const name = uniqueName('update');
        await store.createSecret({ name, secretString: syntheticValue() });
        const value = syntheticValue();
        const updated = await store.updateSecret({ secretId: name, description: 'new', secretString: value });
        assert.ok(updated.versionId);
        assert.equal((await store.describeSecret(name)).description, 'new');
        assert.equal((await store.getSecretValue({ secretId: name })).secretString, value);
      });

      it('refuses RotateSecret when no rotation function is configured', async () => {
        const name = uniqueName('norotation');
        await store.createSecret({ name, secretString: syntheticValue() });
        await rejectsWith(store.rotateSecret({ secretId: name }), 'InvalidRequestException');
      });

      it('stores, returns and deletes a resource policy; refuses a malformed or (when blocked) public one', async () => {
        const name = uniqueName('policy');
        const { arn } = await store.createSecret({ name, secretString: syntheticValue() });
        assert.equal((await store.getResourcePolicy(name)).resourcePolicy, undefined);
        const policy = readPolicy({ Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Resource: '*' });
        const put = await store.putResourcePolicy({ secretId: name, resourcePolicy: policy, blockPublicPolicy: true });
        assert.equal(put.arn, arn);
        const got = await store.getResourcePolicy(arn);
        assert.deepEqual([got.name, JSON.parse(got.resourcePolicy!)], [name, JSON.parse(policy)]);
        // a malformed policy is refused with a message saying what is wrong, and the stored one stays
        await rejectsWith(
          store.putResourcePolicy({ secretId: name, resourcePolicy: '{"Statement": [{"Effect": "Maybe"}]}' }),
          'MalformedPolicyDocumentException',
          /Statement 1: Effect must be Allow or Deny\..*needs exactly one of Action and NotAction/,
        );
        await rejectsWith(
          store.putResourcePolicy({ secretId: name, resourcePolicy: 'not json' }),
          'MalformedPolicyDocumentException',
          /not valid JSON/,
        );
        assert.deepEqual(JSON.parse((await store.getResourcePolicy(name)).resourcePolicy!), JSON.parse(policy));
        const publicPolicy = JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:*', Resource: '*' }],
        });
        await rejectsWith(
          store.putResourcePolicy({ secretId: name, resourcePolicy: publicPolicy, blockPublicPolicy: true }),
          'PublicPolicyException',
        );
        assert.deepEqual(JSON.parse((await store.getResourcePolicy(name)).resourcePolicy!), JSON.parse(policy));
        // not blocked: stored as asked (the service's default)
        await store.putResourcePolicy({ secretId: name, resourcePolicy: publicPolicy });
        assert.deepEqual(JSON.parse((await store.getResourcePolicy(name)).resourcePolicy!), JSON.parse(publicPolicy));
        assert.equal((await store.deleteResourcePolicy(name)).name, name);
        assert.equal((await store.getResourcePolicy(name)).resourcePolicy, undefined);
        await store.deleteResourcePolicy(name); // idempotent
        await rejectsWith(store.getResourcePolicy(uniqueName('absent')), 'ResourceNotFoundException');
      });

      it('refuses a malformed first policy and leaves the secret without one', async () => {
        const name = uniqueName('nopolicy');
        await store.createSecret({ name, secretString: syntheticValue() });
        await rejectsWith(
          store.putResourcePolicy({ secretId: name, resourcePolicy: readPolicy({ Principal: { Role: 'x' } }) }),
          'MalformedPolicyDocumentException',
          /unknown principal type "Role"/,
        );
        assert.equal((await store.getResourcePolicy(name)).resourcePolicy, undefined);
      });

      it('validates a resource policy without storing it', async () => {
        const name = uniqueName('validate');
        await store.createSecret({ name, secretString: syntheticValue() });
        const publicPolicy = JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'secretsmanager:GetSecretValue' }],
        });
        const verdict = await store.validateResourcePolicy({ secretId: name, resourcePolicy: publicPolicy });
        assert.equal(verdict.policyValidationPassed, false);
        assert.ok(verdict.validationErrors.length > 0 && verdict.validationErrors.every((e) => e.checkName));
        const restricted = readPolicy({
          Principal: { AWS: '*' },
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
        });
        const passed = await store.validateResourcePolicy({ resourcePolicy: restricted });
        assert.deepEqual(passed, { policyValidationPassed: true, validationErrors: [] });
        assert.equal((await store.getResourcePolicy(name)).resourcePolicy, undefined);
      });

      it('configures a rotation function and schedule without invoking it (RotateImmediately false)', async () => {
        const name = uniqueName('configured');
        await store.createSecret({ name, secretString: syntheticValue() });
        const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:rotate-contract';
        const result = await store.rotateSecret({
          secretId: name,
          rotationLambdaArn: lambda,
          rotationRules: { automaticallyAfterDays: 30 },
          rotateImmediately: false,
        });
        assert.equal(result.name, name);
        const described = await store.describeSecret(name);
        assert.equal(described.rotationEnabled, true);
        assert.equal(described.rotationLambdaArn, lambda);
        assert.equal(described.rotationRules?.automaticallyAfterDays, 30);
        // the function is now associated: a second call needs no ARN
        await store.rotateSecret({ secretId: name, rotateImmediately: false });
        // no version was made: the value is unchanged and nothing is AWSPENDING
        const { versions } = await store.listSecretVersionIds({ secretId: name });
        assert.equal(versions.length, 1);
        assert.deepEqual(versions[0].versionStages, ['AWSCURRENT']);
      });

      it('rotates with a generated value, whole or one key of a JSON secret', async () => {
        const name = uniqueName('generated');
        const original = { username: 'app', password: syntheticValue() };
        await store.createSecret({ name, secretString: JSON.stringify(original) });
        await rotateWithGeneratedValue(store, {
          secretId: name,
          jsonKey: 'password',
          passwordRules: { passwordLength: 40 },
        });
        const rotated = JSON.parse((await store.getSecretValue({ secretId: name })).secretString!);
        assert.equal(rotated.username, 'app');
        assert.equal(rotated.password.length, 40);
        assert.notEqual(rotated.password, original.password);
        const previous = await store.getSecretValue({ secretId: name, versionStage: 'AWSPREVIOUS' });
        assert.deepEqual(JSON.parse(previous.secretString!), original);
        await rotateWithGeneratedValue(store, {
          secretId: name,
          passwordRules: { passwordLength: 12, excludePunctuation: true },
        });
        assert.match((await store.getSecretValue({ secretId: name })).secretString!, /^[A-Za-z0-9]{12}$/);
      });

      it('generates random passwords by the rules', async () => {
        const a = await store.getRandomPassword({
          passwordLength: 64,
          excludeCharacters: 'abc',
          excludePunctuation: true,
        });
        assert.equal(a.length, 64);
        assert.doesNotMatch(a, /[abc]/);
        assert.match(a, /^[A-Za-z0-9]+$/);
        assert.match(a, /[A-Z]/);
        assert.match(a, /[0-9]/);
        assert.notEqual(a, await store.getRandomPassword({ passwordLength: 64 }));
        assert.equal((await store.getRandomPassword()).length, 32);
        await rejectsWith(store.getRandomPassword({ passwordLength: 0 }), 'InvalidParameterException');
      });

      it('batch-reads values, reporting missing secrets as errors instead of throwing', async () => {
        const a = uniqueName('batch-a');
        const b = uniqueName('batch-b');
        const valueA = syntheticValue();
        await store.createSecret({ name: a, secretString: valueA });
        await store.createSecret({ name: b, secretString: syntheticValue() });
        const out = await store.batchGetSecretValue({ secretIdList: [a, b, uniqueName('nope')] });
        assert.deepEqual(out.secretValues.map((v) => v.name).sort(), [a, b].sort());
        assert.equal(out.secretValues.find((v) => v.name === a)?.secretString, valueA);
        assert.equal(out.errors.length, 1);
        assert.equal(out.errors[0].errorCode, 'ResourceNotFoundException');
      });
    });

    describeReplicationContract(() => store, uniqueName, syntheticValue, rejectsWith);
  });
}
