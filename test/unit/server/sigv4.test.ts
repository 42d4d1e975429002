// The server refuses every request that is not signed with its key, fresh and unaltered, as AWS does.
import { strict as assert } from 'node:assert';
import { startSecretsServer, type RunningSecretsServer } from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';
import { rawCall, send, signedHeaders } from './raw-client';

describe('server: SigV4 verification', () => {
  let server: RunningSecretsServer;
  let backend: MemoryStore;
  const key = () => ({ accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });
  const minutes = (n: number) => n * 60 * 1000;

  beforeEach(async () => {
    backend = new MemoryStore();
    server = await startSecretsServer({ store: backend });
  });
  afterEach(() => server.close());

  it('binds loopback only and answers a correctly signed request', async () => {
    assert.match(server.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await rawCall({ endpoint: server.endpoint, key: key(), operation: 'GetRandomPassword' });
    assert.equal(res.status, 200);
    assert.equal((res.json.RandomPassword as string).length, 32);
  });

  it('generates distinct keys per start', async () => {
    const other = await startSecretsServer({ store: backend });
    try {
      assert.notEqual(other.accessKeyId, server.accessKeyId);
      assert.notEqual(other.secretAccessKey, server.secretAccessKey);
      assert.ok(server.secretAccessKey.length >= 40);
    } finally {
      await other.close();
    }
  });

  it('refuses an unsigned request', async () => {
    const res = await rawCall({ endpoint: server.endpoint, operation: 'ListSecrets' });
    assert.equal(res.status, 403);
    assert.equal(res.json.__type, 'MissingAuthenticationTokenException');
    assert.equal(res.json.message, 'Missing Authentication Token');
  });

  it('refuses an unknown access key id', async () => {
    const res = await rawCall({
      endpoint: server.endpoint,
      key: { accessKeyId: 'AKIDUNKNOWN0000000000', secretAccessKey: server.secretAccessKey },
      operation: 'ListSecrets',
    });
    assert.equal(res.status, 403);
    assert.equal(res.json.__type, 'UnrecognizedClientException');
    assert.equal(res.json.message, 'The security token included in the request is invalid.');
  });

  it('refuses a signature made with the wrong secret key', async () => {
    const res = await rawCall({
      endpoint: server.endpoint,
      key: { accessKeyId: server.accessKeyId, secretAccessKey: 'wrong' + server.secretAccessKey.slice(5) },
      operation: 'ListSecrets',
    });
    assert.equal(res.status, 403);
    assert.equal(res.json.__type, 'InvalidSignatureException');
    assert.match(String(res.json.message), /signature we calculated does not match/);
  });

  it('refuses a timestamp more than 15 minutes old or ahead, and accepts 14 minutes of skew', async () => {
    const at = (ms: number) =>
      rawCall({
        endpoint: server.endpoint,
        key: key(),
        operation: 'ListSecrets',
        signingDate: new Date(Date.now() + ms),
      });
    const old = await at(-minutes(16));
    assert.equal(old.status, 400);
    assert.equal(old.json.__type, 'InvalidSignatureException');
    assert.match(String(old.json.message), /^Signature expired: \d{8}T\d{6}Z is now earlier than/);
    const ahead = await at(minutes(16));
    assert.equal(ahead.json.__type, 'InvalidSignatureException');
    assert.match(String(ahead.json.message), /^Signature not yet current/);
    assert.equal((await at(-minutes(14))).status, 200);
    assert.equal((await at(minutes(14))).status, 200);
  });

  it('refuses a body altered after signing, without running the operation', async () => {
    const res = await rawCall({
      endpoint: server.endpoint,
      key: key(),
      operation: 'CreateSecret',
      body: { Name: 'app/original', SecretString: 'synthetic-1' },
      alterBody: (body) => body.replace('app/original', 'app/tampered'),
    });
    assert.equal(res.status, 403);
    assert.equal(res.json.__type, 'InvalidSignatureException');
    assert.equal((await backend.listSecrets()).secrets.length, 0);
  });

  it('refuses a signed header changed after signing (another operation)', async () => {
    const headers = await signedHeaders(server.endpoint, key(), 'GetRandomPassword');
    const url = new URL(server.endpoint);
    assert.equal((await send(url, headers, Buffer.from('{}'))).status, 200);
    const res = await send(url, { ...headers, 'x-amz-target': 'secretsmanager.ListSecrets' }, Buffer.from('{}'));
    assert.equal(res.json.__type, 'InvalidSignatureException');
  });

  it('refuses an x-amz-content-sha256 that does not match the body, and unsigned payloads', async () => {
    for (const value of ['UNSIGNED-PAYLOAD', '0'.repeat(64)]) {
      const res = await rawCall({
        endpoint: server.endpoint,
        key: key(),
        operation: 'ListSecrets',
        extraHeaders: { 'x-amz-content-sha256': value },
      });
      assert.equal(res.json.__type, 'InvalidSignatureException', value);
    }
  });

  it('refuses an incomplete Authorization header', async () => {
    const url = new URL(server.endpoint);
    const res = await send(
      url,
      {
        host: url.host,
        'x-amz-target': 'secretsmanager.ListSecrets',
        'x-amz-date': '20260101T000000Z',
        authorization: `AWS4-HMAC-SHA256 Credential=${server.accessKeyId}/20260101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host;x-amz-date`,
      },
      Buffer.from('{}'),
    );
    assert.equal(res.status, 400);
    assert.equal(res.json.__type, 'IncompleteSignatureException');
  });

  it('refuses a credential scoped to another service', async () => {
    const headers = await signedHeaders(server.endpoint, key(), 'ListSecrets', 'ssm');
    const res = await send(new URL(server.endpoint), headers, Buffer.from('{}'));
    assert.equal(res.json.__type, 'InvalidSignatureException');
    assert.match(String(res.json.message), /scoped to correct service/);
  });
});
