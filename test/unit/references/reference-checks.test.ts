import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import {
  checkReferences,
  jsonKeysUsed,
  factsFromMetadata,
  valueShape,
  type CheckedReference,
  type SecretFacts,
} from '../../../src/core/references/reference-checks';
import { MemoryStore } from '../../../src/core/store/index';

const ref = (secretId: string, extra: Partial<CheckedReference> = {}): CheckedReference => ({
  secretId,
  line: 3,
  character: 10,
  ...extra,
});
const found = (extra: Partial<Extract<SecretFacts, { state: 'found' }>> = {}): SecretFacts => ({
  state: 'found',
  stages: ['AWSCURRENT', 'AWSPREVIOUS'],
  versionIds: ['v-1', 'v-2'],
  current: { kind: 'json', keys: ['username', 'password'] },
  ...extra,
});

describe('reference checks', () => {
  it('reports a missing secret as a warning on the secret id, naming the connection', () => {
    const problems = checkReferences([ref('app/gone', { length: 8 })], () => ({ state: 'missing' }), 'Local Vault');
    assert.deepEqual(problems, [
      {
        code: 'missing-secret',
        severity: 'warning',
        message: 'Secret "app/gone" does not exist in Local Vault.',
        secretId: 'app/gone',
        line: 3,
        character: 10,
        length: 8,
      },
    ]);
  });

  it('reports nothing for a secret not looked up yet, or one that has what the reference reads', () => {
    const references = [
      ref('app/db'),
      ref('app/db', { jsonKey: 'password' }),
      ref('app/db', { versionStage: 'AWSPREVIOUS' }),
      ref('app/db', { versionId: 'v-2' }),
      ref('unknown/yet', { jsonKey: 'x' }),
    ];
    const problems = checkReferences(references, (id) => (id === 'app/db' ? found() : undefined), 'Local Vault');
    assert.deepEqual(problems, []);
  });

  it('reports a JSON key the current version lacks, listing the keys it has', () => {
    const [problem, ...rest] = checkReferences([ref('app/db', { jsonKey: 'pasword' })], () => found(), 'Local Vault');
    assert.deepEqual(rest, []);
    assert.equal(problem.code, 'missing-json-key');
    assert.equal(problem.jsonKey, 'pasword');
    assert.equal(
      problem.message,
      'The current version of "app/db" has no JSON key "pasword" (keys: username, password).',
    );
  });

  it('reports a key read from a value that is no JSON object, and skips keys when the value is unknown', () => {
    const notJson = checkReferences(
      [ref('api', { jsonKey: 'token' })],
      () => found({ current: { kind: 'not-json' } }),
      'X',
    );
    assert.deepEqual(
      notJson.map((p) => p.code),
      ['not-json'],
    );
    const unknown = checkReferences([ref('api', { jsonKey: 'token' })], () => found({ current: undefined }), 'X');
    assert.deepEqual(unknown, []);
  });

  it('checks keys only against the current version', () => {
    const problems = checkReferences(
      [
        ref('app/db', { jsonKey: 'old', versionStage: 'AWSPREVIOUS' }),
        ref('app/db', { jsonKey: 'old', versionStage: 'AWSCURRENT' }),
      ],
      () => found(),
      'X',
    );
    assert.deepEqual(
      problems.map((p) => p.code),
      ['missing-json-key'],
    );
  });

  it('reports a stage or version id that does not exist', () => {
    const problems = checkReferences(
      [ref('app/db', { versionStage: 'AWSPENDING' }), ref('app/db', { versionId: 'v-9' })],
      () => found(),
      'X',
    );
    assert.deepEqual(
      problems.map((p) => [p.code, p.message]),
      [
        ['unknown-stage', 'Secret "app/db" has no version with stage "AWSPENDING" (stages: AWSCURRENT, AWSPREVIOUS).'],
        ['unknown-version', 'Secret "app/db" has no version "v-9".'],
      ],
    );
  });

  it('reports a secret scheduled for deletion once, with the day it goes for good', () => {
    const problems = checkReferences(
      [ref('app/db', { jsonKey: 'nope' })],
      () => found({ deletedDate: new Date('2026-12-01T00:00:00Z'), deletionDate: new Date('2026-12-31T10:00:00Z') }),
      'AWS prod',
    );
    assert.deepEqual(
      problems.map((p) => [p.code, p.message]),
      [
        [
          'scheduled-for-deletion',
          'Secret "app/db" is scheduled for deletion in AWS prod (deleted for good on 2026-12-31): reading it fails until it is restored.',
        ],
      ],
    );
  });

  it('builds lookups from a real store: stages, version ids, deletion and the value shape, without the value', async () => {
    const store = new MemoryStore();
    const value = randomBytes(12).toString('hex');
    await store.createSecret({ name: 'app/db', secretString: JSON.stringify({ username: 'svc', password: value }) });
    await store.putSecretValue({
      secretId: 'app/db',
      secretString: JSON.stringify({ username: 'svc', password: value + 'x' }),
    });
    const metadata = await store.describeSecret('app/db');
    const current = valueShape((await store.getSecretValue({ secretId: 'app/db' })).secretString);
    const lookup = factsFromMetadata(metadata, current);
    assert.ok(lookup.state === 'found');
    assert.deepEqual([...lookup.stages].sort(), ['AWSCURRENT', 'AWSPREVIOUS']);
    assert.deepEqual(lookup.versionIds.sort(), Object.keys(metadata.versionIdsToStages).sort());
    assert.deepEqual(lookup.current, { kind: 'json', keys: ['username', 'password'] });
    assert.ok(!JSON.stringify(lookup).includes(value), 'the lookup holds no value');
    const problems = checkReferences([ref('app/db', { jsonKey: 'host' })], () => lookup, 'Memory');
    assert.ok(problems.length === 1 && !problems[0].message.includes(value));

    await store.deleteSecret({ secretId: 'app/db', recoveryWindowInDays: 7 });
    const deleted = factsFromMetadata(await store.describeSecret('app/db'));
    assert.ok(deleted.state === 'found' && deleted.deletedDate instanceof Date);
    assert.deepEqual(
      checkReferences([ref('app/db')], () => deleted, 'Memory').map((p) => p.code),
      ['scheduled-for-deletion'],
    );
  });

  it('reads the shape of plain, array, null and invalid values as not-json', () => {
    for (const text of [randomBytes(8).toString('hex'), '[1,2]', 'null', '{"a":', undefined])
      assert.deepEqual(valueShape(text), { kind: 'not-json' }, String(text));
    assert.deepEqual(valueShape('{"a":"1","b":{"c":2}}'), { kind: 'json', keys: ['a', 'b'] });
  });

  it('lists the distinct JSON keys the references read from one secret, by name or ARN', () => {
    const references = [
      ref('app/db', { jsonKey: 'username' }),
      ref('other', { jsonKey: 'token' }),
      ref('app/db'),
      ref('app/db', { jsonKey: 'password' }),
      ref('app/db', { jsonKey: 'username' }),
      ref('arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf', { jsonKey: 'host' }),
      ref('app/db-other', { jsonKey: 'port' }),
    ];
    assert.deepEqual(jsonKeysUsed(references, 'app/db'), ['username', 'password', 'host']);
    assert.deepEqual(jsonKeysUsed(references, 'nothing'), []);
  });
});
