// #25: the AWS access key pair verifier and "Deactivate this access key…" end to end against the project's own
// server on 127.0.0.1: the real @aws-sdk/client-sts and client-iam, real HTTP, real SigV4 (the server re-signs
// every request with the key it knows), no in-process mocks.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deactivateAccessKey } from '../../../src/core/aws/access-keys';
import { startSecretsServer, type RunningSecretsServer } from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';
import { iamUserName } from '../../../src/core/verify/aws-sts';
import { credentialFingerprint, VerificationCache, verifyCredential } from '../../../src/core/verify/index';
import { runScanCli } from '../../support/cli-run';
import { Synthetic } from '../../support/synthetic';

const gen = new Synthetic(2525);

function leakedKey(userName: string) {
  return { accessKeyId: gen.awsKeyId(), secretAccessKey: gen.awsSecret(), userName };
}

/** The user's own credentials, as an AWS connection reads them (environment variables, no profile files). */
function ownEnv(server: RunningSecretsServer): NodeJS.ProcessEnv {
  return {
    AWS_ACCESS_KEY_ID: server.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  };
}

describe('AWS key pair verifier and deactivation (#25), against the local STS/IAM', () => {
  const deployBot = leakedKey('deploy-bot');
  const otherUser = leakedKey('reader');
  let server: RunningSecretsServer;
  const endpoints = () => ({ aws: server.endpoint });

  before(async () => {
    server = await startSecretsServer({
      store: new MemoryStore(),
      accountId: '123456789012',
      identities: [deployBot, otherUser],
    });
  });
  after(() => server.close());

  it('Live with the ARN for a pair the server knows, from either half of the pair', async () => {
    const fromKeyId = await verifyCredential('aws-access-key-id', deployBot.accessKeyId, {
      endpoints: endpoints(),
      relatedValue: deployBot.secretAccessKey,
    });
    assert.deepEqual(fromKeyId, {
      status: 'live',
      identity: 'arn:aws:iam::123456789012:user/deploy-bot',
      host: new URL(server.endpoint).host,
    });
    const fromSecret = await verifyCredential('aws-secret-access-key', deployBot.secretAccessKey, {
      endpoints: endpoints(),
      relatedValue: deployBot.accessKeyId,
    });
    assert.deepEqual(fromSecret, fromKeyId);
    assert.equal(iamUserName(fromKeyId?.identity), 'deploy-bot');
  });

  it('Revoked for an unknown key id and for a wrong secret (the server checks the SDK signature)', async () => {
    const unknown = await verifyCredential('aws-access-key-id', gen.awsKeyId(), {
      endpoints: endpoints(),
      relatedValue: gen.awsSecret(),
    });
    assert.deepEqual([unknown?.status, unknown?.reason], ['revoked', 'STS: InvalidClientTokenId (HTTP 403)']);
    const wrongSecret = await verifyCredential('aws-access-key-id', deployBot.accessKeyId, {
      endpoints: endpoints(),
      relatedValue: gen.awsSecret(),
    });
    assert.deepEqual([wrongSecret?.status, wrongSecret?.reason], ['revoked', 'STS: SignatureDoesNotMatch (HTTP 403)']);
  });

  it('refuses an STS request from an unknown key before reading its body', async () => {
    const url = new URL(server.endpoint);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/',
          headers: {
            Authorization: `AWS4-HMAC-SHA256 Credential=${gen.awsKeyId()}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
            'Content-Length': 100_000,
          },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.flushHeaders(); // the promised body never comes
    });
    assert.equal(answer.status, 403);
    assert.match(answer.body, /<Code>InvalidClientTokenId<\/Code>/);
  });

  it('without the other half of the pair, says so instead of asking', async () => {
    const lone = await verifyCredential('aws-access-key-id', deployBot.accessKeyId, { endpoints: endpoints() });
    assert.equal(lone?.status, 'unknown');
    assert.match(lone!.reason!, /other half of the key pair/);
  });

  it('honours AWS_ENDPOINT_URL_STS when no endpoint is configured', async () => {
    const result = await verifyCredential('aws-access-key-id', deployBot.accessKeyId, {
      relatedValue: deployBot.secretAccessKey,
      env: { AWS_ENDPOINT_URL_STS: server.endpoint },
    });
    assert.equal(result?.status, 'live');
    assert.equal(result?.host, new URL(server.endpoint).host);
  });

  it("deactivates the key with the user's own credentials; the pair is then rejected", async () => {
    const victim = leakedKey('release-bot');
    const local = await startSecretsServer({ store: new MemoryStore(), identities: [victim] });
    try {
      const options = { endpoints: { aws: local.endpoint }, relatedValue: victim.secretAccessKey };
      assert.equal((await verifyCredential('aws-access-key-id', victim.accessKeyId, options))?.status, 'live');
      await deactivateAccessKey({
        accessKeyId: victim.accessKeyId,
        userName: 'release-bot',
        connection: {},
        iamEndpoint: local.endpoint,
        env: ownEnv(local),
      });
      const after = await verifyCredential('aws-access-key-id', victim.accessKeyId, options);
      assert.deepEqual([after?.status, after?.reason], ['revoked', 'STS: InvalidClientTokenId (HTTP 403)']);
    } finally {
      await local.close();
    }
  });

  it("IAM refuses a user deactivating another user's key, and names a key that is not that user's", async () => {
    const asDeployBot = {
      AWS_ACCESS_KEY_ID: deployBot.accessKeyId,
      AWS_SECRET_ACCESS_KEY: deployBot.secretAccessKey,
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    };
    await assert.rejects(
      deactivateAccessKey({
        accessKeyId: otherUser.accessKeyId,
        userName: otherUser.userName,
        connection: {},
        iamEndpoint: server.endpoint,
        env: asDeployBot,
      }),
      (e: Error) => e.name === 'AccessDenied' && /not authorized to perform: iam:UpdateAccessKey/.test(e.message),
    );
    await assert.rejects(
      deactivateAccessKey({
        accessKeyId: otherUser.accessKeyId,
        userName: 'deploy-bot',
        connection: {},
        iamEndpoint: server.endpoint,
        env: ownEnv(server),
      }),
      (e: Error) => e.name === 'NoSuchEntityException',
    );
    const still = await verifyCredential('aws-access-key-id', otherUser.accessKeyId, {
      endpoints: endpoints(),
      relatedValue: otherUser.secretAccessKey,
    });
    assert.equal(still?.status, 'live');
  });

  describe('network failure, timeout (5 s) and 5xx give Unknown with the reason', () => {
    let stub: Server;
    let mode: 'hang' | '503' = 'hang';
    let stubEndpoint = '';
    before(async () => {
      stub = createServer((req, res) => {
        req.resume();
        if (mode === 'hang') return;
        const xml =
          '<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>' +
          '<Message>Service is unavailable</Message></Error><RequestId>1</RequestId></ErrorResponse>';
        res.writeHead(503, { 'Content-Type': 'text/xml' }).end(xml);
      });
      await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
      stubEndpoint = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    });
    after(async () => {
      stub.closeAllConnections();
      await new Promise((resolve) => stub.close(resolve));
    });

    const pair = leakedKey('x');
    const ask = (endpoint: string, timeoutMs?: number) =>
      verifyCredential('aws-access-key-id', pair.accessKeyId, {
        endpoints: { aws: endpoint },
        relatedValue: pair.secretAccessKey,
        ...(timeoutMs ? { timeoutMs } : {}),
      });

    it('connection refused', async () => {
      const unused = createServer();
      await new Promise<void>((resolve) => unused.listen(0, '127.0.0.1', resolve));
      const port = (unused.address() as AddressInfo).port;
      await new Promise((resolve) => unused.close(resolve));
      const result = await ask(`http://127.0.0.1:${port}`);
      assert.deepEqual([result?.status, result?.reason], ['unknown', 'network error: ECONNREFUSED']);
    });

    it('no answer within the time limit', async () => {
      mode = 'hang';
      const result = await ask(stubEndpoint, 300);
      assert.deepEqual([result?.status, result?.reason], ['unknown', 'timed out after 0.3 s']);
    });

    it('HTTP 503, asked once (no retries behind the user’s one question)', async () => {
      mode = '503';
      let requests = 0;
      stub.on('request', () => requests++);
      const result = await ask(stubEndpoint);
      assert.deepEqual([result?.status, result?.reason], ['unknown', 'HTTP 503 from the provider']);
      assert.equal(requests, 1);
    });
  });

  it('the session cache gives both halves of a pair one answer from one request', async () => {
    const counted = leakedKey('cache-bot');
    const local = await startSecretsServer({ store: new MemoryStore(), identities: [counted] });
    try {
      const cache = new VerificationCache();
      const idFinding = { ruleId: 'aws-access-key-id', valueHash: 'h-id' };
      const secretFinding = { ruleId: 'aws-secret-access-key', valueHash: 'h-secret' };
      const options = { endpoints: { aws: local.endpoint } };
      const first = cache.verify(
        'aws-access-key-id',
        credentialFingerprint(idFinding, secretFinding),
        counted.accessKeyId,
        {
          ...options,
          relatedValue: counted.secretAccessKey,
        },
      );
      const second = cache.verify(
        'aws-secret-access-key',
        credentialFingerprint(secretFinding, idFinding),
        counted.secretAccessKey,
        { ...options, relatedValue: counted.accessKeyId },
      );
      // the very same answer object: the second half did not ask again
      assert.equal(await first, await second);
      assert.equal((await first)?.status, 'live');
      assert.equal(cache.size, 1);
    } finally {
      await local.close();
    }
  });

  describe('scan --verify', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'swb-verify-aws-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reports the pair Live with its ARN in text, JSON and SARIF; no output carries the secret', async () => {
      writeFileSync(
        join(dir, '.env'),
        `AWS_ACCESS_KEY_ID=${deployBot.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${deployBot.secretAccessKey}\n`,
      );
      const flags = ['--verify', '--verify-endpoint', `aws=${server.endpoint}`];
      const text = await runScanCli(['.env', ...flags], dir);
      assert.match(text.stdout, /\(live: arn:aws:iam::123456789012:user\/deploy-bot\)/);
      const json = await runScanCli(['.env', '--format', 'json', ...flags], dir);
      const findings = (JSON.parse(json.stdout) as { findings: { ruleId: string; verification?: unknown }[] }).findings;
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.verification]),
        ['aws-access-key-id', 'aws-secret-access-key'].map((ruleId) => [
          ruleId,
          {
            status: 'live',
            identity: 'arn:aws:iam::123456789012:user/deploy-bot',
            host: new URL(server.endpoint).host,
          },
        ]),
      );
      const sarif = await runScanCli(['.env', '--format', 'sarif', ...flags], dir);
      assert.match(sarif.stdout, /"identity": "arn:aws:iam::123456789012:user\/deploy-bot"/);
      for (const run of [text, json, sarif]) {
        const output = run.stdout + run.stderr;
        assert.ok(!output.includes(deployBot.secretAccessKey), 'the secret access key is in the output');
      }
    });
  });
});
