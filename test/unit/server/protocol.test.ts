// Wire shapes and error bodies as the real service sends them, so unmodified SDKs work.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { startSecretsServer, type RunningSecretsServer } from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';
import { rawCall } from './raw-client';

describe('server: AWS JSON 1.1 protocol', () => {
  let server: RunningSecretsServer;
  const call = (operation: string, body?: unknown) =>
    rawCall({
      endpoint: server.endpoint,
      key: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      operation,
      body,
    });

  beforeEach(async () => {
    server = await startSecretsServer({ store: new MemoryStore(), maxBodyBytes: 256 * 1024 });
  });
  afterEach(() => server.close());

  it('serialises dates as epoch seconds with fractions and binaries as base64', async () => {
    const before = Date.now() / 1000;
    const bytes = randomBytes(48);
    const created = await call('CreateSecret', { Name: 'app/bin', SecretBinary: bytes.toString('base64') });
    assert.equal(created.status, 200);
    assert.equal(created.headers['content-type'], 'application/x-amz-json-1.1');
    assert.ok(created.headers['x-amzn-requestid']);
    const got = await call('GetSecretValue', { SecretId: 'app/bin' });
    assert.equal(got.json.SecretBinary, bytes.toString('base64'));
    assert.equal(got.json.SecretString, undefined);
    assert.deepEqual(got.json.VersionStages, ['AWSCURRENT']);
    assert.equal(typeof got.json.CreatedDate, 'number');
    assert.ok(
      (got.json.CreatedDate as number) >= before - 1 && (got.json.CreatedDate as number) <= Date.now() / 1000 + 1,
    );
    const described = await call('DescribeSecret', { SecretId: 'app/bin' });
    assert.equal(typeof described.json.LastChangedDate, 'number');
    assert.deepEqual(described.json.VersionIdsToStages, { [created.json.VersionId as string]: ['AWSCURRENT'] });
    assert.equal(described.json.KmsKeyId, undefined, 'the default key is omitted');
    const listed = await call('ListSecrets', {});
    const entry = (listed.json.SecretList as Record<string, unknown>[])[0];
    assert.deepEqual(entry.SecretVersionsToStages, { [created.json.VersionId as string]: ['AWSCURRENT'] });
    assert.equal(entry.VersionIdsToStages, undefined, 'ListSecrets names the map SecretVersionsToStages');
  });

  it('answers service errors with HTTP 400, __type and message', async () => {
    const res = await call('DescribeSecret', { SecretId: 'nope' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, {
      __type: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
    });
    assert.equal(res.headers['x-amzn-errortype'], 'ResourceNotFoundException');
  });

  it('speaks replication: ReplicationStatus in DescribeSecret, not in ListSecrets; required members checked', async () => {
    await call('CreateSecret', { Name: 'app/replicated', SecretString: 'sv-synthetic' });
    const added = await call('ReplicateSecretToRegions', {
      SecretId: 'app/replicated',
      AddReplicaRegions: [{ Region: 'eu-west-3' }],
    });
    assert.equal(added.status, 200);
    assert.deepEqual(added.json.ReplicationStatus, [
      { Region: 'eu-west-3', KmsKeyId: 'alias/aws/secretsmanager', Status: 'InProgress' },
    ]);
    const described = await call('DescribeSecret', { SecretId: 'app/replicated' });
    assert.deepEqual(described.json.ReplicationStatus, [
      {
        Region: 'eu-west-3',
        KmsKeyId: 'alias/aws/secretsmanager',
        Status: 'InSync',
        StatusMessage: 'Replication succeeded',
      },
    ]);
    const entry = ((await call('ListSecrets', {})).json.SecretList as Record<string, unknown>[])[0];
    assert.equal(entry.ReplicationStatus, undefined, 'ListSecrets does not list replicas');
    const own = await call('ReplicateSecretToRegions', {
      SecretId: 'app/replicated',
      AddReplicaRegions: [{ Region: 'us-east-1' }],
    });
    assert.deepEqual(
      [own.status, own.json.__type, own.json.message],
      [400, 'InvalidParameterException', 'Invalid replica region.'],
    );
    const noRegions = await call('ReplicateSecretToRegions', { SecretId: 'app/replicated' });
    assert.equal(noRegions.json.__type, 'ValidationException');
    const noRegion = await call('ReplicateSecretToRegions', { SecretId: 'app/replicated', AddReplicaRegions: [{}] });
    assert.equal(noRegion.json.__type, 'ValidationException');
    const removed = await call('RemoveRegionsFromReplication', {
      SecretId: 'app/replicated',
      RemoveReplicaRegions: ['eu-west-3'],
    });
    assert.deepEqual(removed.json, { ARN: described.json.ARN, ReplicationStatus: [] });
    assert.equal(
      (await call('RemoveRegionsFromReplication', { SecretId: 'app/replicated' })).json.__type,
      'ValidationException',
    );
  });

  it('refuses unknown operations, malformed JSON, wrong member types and missing required members', async () => {
    assert.equal((await call('StealSecrets', {})).json.__type, 'UnknownOperationException');
    const malformed = await rawCall({
      endpoint: server.endpoint,
      key: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      operation: 'ListSecrets',
      rawBody: '{"MaxResults": ',
    });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.__type, 'SerializationException');
    const wrongType = await call('ListSecrets', { MaxResults: 'ten' });
    assert.equal(wrongType.json.__type, 'SerializationException');
    const missing = await call('GetSecretValue', {});
    assert.equal(missing.status, 400);
    assert.equal(missing.json.__type, 'ValidationException');
    assert.match(String(missing.json.message), /secretId/);
  });

  it('refuses request bodies over the cap with 413 and keeps serving', async () => {
    const big = await call('CreateSecret', { Name: 'big', SecretString: 'x'.repeat(300 * 1024) });
    assert.equal(big.status, 413);
    assert.equal(big.json.__type, 'RequestEntityTooLargeException');
    assert.equal((await call('ListSecrets', {})).status, 200);
  });

  it('returns per-secret failures of BatchGetSecretValue in Errors', async () => {
    await call('CreateSecret', { Name: 'a/one', SecretString: 'synthetic-a' });
    const res = await call('BatchGetSecretValue', { SecretIdList: ['a/one', 'a/missing'] });
    assert.equal(res.status, 200);
    assert.equal((res.json.SecretValues as unknown[]).length, 1);
    assert.deepEqual(res.json.Errors, [
      {
        SecretId: 'a/missing',
        ErrorCode: 'ResourceNotFoundException',
        Message: "Secrets Manager can't find the specified secret.",
      },
    ]);
    const neither = await call('BatchGetSecretValue', {});
    assert.equal(neither.json.__type, 'InvalidParameterException');
  });

  it('answers TagResource and UntagResource with an empty object', async () => {
    await call('CreateSecret', { Name: 't/one', SecretString: 'synthetic-t' });
    const tagged = await call('TagResource', { SecretId: 't/one', Tags: [{ Key: 'k', Value: 'v' }] });
    assert.deepEqual([tagged.status, tagged.json], [200, {}]);
    const untagged = await call('UntagResource', { SecretId: 't/one', TagKeys: ['k'] });
    assert.deepEqual([untagged.status, untagged.json], [200, {}]);
  });
});
