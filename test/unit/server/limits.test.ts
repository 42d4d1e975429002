// The server's defences against callers without its key: they are refused from their headers alone (no body is
// read or buffered), slow or stalled requests time out, and connections and bodies are capped.
import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256, startSecretsServer, type RunningSecretsServer } from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';
import { rawCall } from './raw-client';

const mib = 1024 * 1024;

/** Opens a raw connection and writes `head`; resolves with what the server answered when it closes. */
function rawConnection(endpoint: string, head: string) {
  const url = new URL(endpoint);
  const socket = connect(Number(url.port), url.hostname);
  let received = '';
  socket.setEncoding('latin1').on('data', (c: string) => (received += c));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.write(head);
  return { socket, closed, received: () => received };
}

function requestHead(endpoint: string, headers: Record<string, string>, contentLength: number): string {
  const lines = [`POST / HTTP/1.1`, `host: ${new URL(endpoint).host}`, `content-length: ${contentLength}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const forgedAuthorization =
  'AWS4-HMAC-SHA256 Credential=ASWBAAAAAAAAAAAAAAAA/20260101/us-east-1/secretsmanager/aws4_request, ' +
  `SignedHeaders=host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`;

describe('server: limits and authentication before the body', function () {
  this.timeout(20_000);
  let server: RunningSecretsServer;
  const key = () => ({ accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey });

  afterEach(() => server?.close());

  it('answers an unsigned or wrong-key request from its headers, without waiting for its body', async () => {
    server = await startSecretsServer({ store: new MemoryStore() });
    for (const headers of <Record<string, string>[]>[
      { 'x-amz-target': 'secretsmanager.ListSecrets' },
      { 'x-amz-target': 'secretsmanager.ListSecrets', authorization: forgedAuthorization },
    ]) {
      // Declares 512 KiB and sends 10 bytes: a server that reads the body first waits forever.
      const conn = rawConnection(server.endpoint, requestHead(server.endpoint, headers, 512 * 1024) + '{"Filters"');
      const answer = await within(3_000, conn.closed, 'the connection answered and closed');
      assert.match(answer, /^HTTP\/1\.1 403 /);
      assert.match(answer, /connection: close/i);
      assert.match(answer, /MissingAuthenticationTokenException|UnrecognizedClientException/);
    }
  });

  it('refuses a signature that does not cover x-amz-target (it could be replayed as another operation)', async () => {
    server = await startSecretsServer({ store: new MemoryStore() });
    const url = new URL(server.endpoint);
    const headers = {
      host: url.host,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.ListSecrets',
    };
    const signer = new SignatureV4({
      credentials: key(),
      region: 'us-east-1',
      service: 'secretsmanager',
      sha256: NodeSha256,
      applyChecksum: false,
    });
    const request = { method: 'POST', protocol: 'http:', hostname: url.hostname, path: '/', query: {}, headers };
    const signed = await signer.sign(
      { ...request, body: '{}' },
      { signingDate: new Date(), unsignableHeaders: new Set(['x-amz-target']) },
    );
    const auth = String(signed.headers['authorization']);
    assert.ok(!/SignedHeaders=[^,]*x-amz-target/.test(auth), 'the signature leaves the target out');
    const res = await rawCall({
      endpoint: server.endpoint,
      operation: 'ListSecrets',
      extraHeaders: signed.headers as Record<string, string>,
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.__type, 'InvalidSignatureException');
    assert.match(String(res.json.message), /'x-amz-target' must be a 'SignedHeader'/);
    // The same request signed over its target is served.
    const good = await rawCall({ endpoint: server.endpoint, key: key(), operation: 'ListSecrets' });
    assert.equal(good.status, 200);
  });

  it('closes a connection whose headers or body stall past their timeouts', async () => {
    server = await startSecretsServer({ store: new MemoryStore(), headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const started = Date.now();
    const partialHeaders = rawConnection(server.endpoint, 'POST / HTTP/1.1\r\nhost: 127.0.0.1\r\n');
    const headersAnswer = await within(4_000, partialHeaders.closed, 'stalled headers closed');
    assert.match(headersAnswer, /^HTTP\/1\.1 408 /);

    // Signed headers (so the body is read), then a body that never completes.
    const signed = await signedHeadersFor(server, 'ListSecrets');
    const slowBody = rawConnection(server.endpoint, requestHead(server.endpoint, signed, 100) + '{');
    const bodyAnswer = await within(4_000, slowBody.closed, 'stalled body closed');
    assert.match(bodyAnswer, /^HTTP\/1\.1 408 /);
    assert.ok(Date.now() - started < 8_000);
  });

  it('drops connections beyond maxConnections, and serves again once they close', async () => {
    server = await startSecretsServer({ store: new MemoryStore(), maxConnections: 3 });
    const held = [1, 2, 3].map(() => rawConnection(server.endpoint, 'POST / HTTP/1.1\r\n'));
    await new Promise((r) => setTimeout(r, 200));
    const extra = rawConnection(server.endpoint, 'POST / HTTP/1.1\r\n');
    assert.equal(await within(3_000, extra.closed, 'the extra connection dropped'), '');
    for (const conn of held) conn.socket.destroy();
    await Promise.all(held.map((c) => c.closed));
    await new Promise((r) => setTimeout(r, 100));
    const res = await rawCall({ endpoint: server.endpoint, key: key(), operation: 'ListSecrets' });
    assert.equal(res.status, 200);
  });

  it('refuses a declared body over the limit before reading it, and one that grows past it while read', async () => {
    server = await startSecretsServer({ store: new MemoryStore(), maxBodyBytes: 1024 });
    const signed = await signedHeadersFor(server, 'ListSecrets');
    const declared = rawConnection(server.endpoint, requestHead(server.endpoint, signed, 10 * mib));
    assert.match(await within(3_000, declared.closed, 'declared too large'), /^HTTP\/1\.1 413 /);
    const chunked = rawConnection(
      server.endpoint,
      [`POST / HTTP/1.1`, `host: ${new URL(server.endpoint).host}`, 'transfer-encoding: chunked']
        .concat(Object.entries(signed).map(([n, v]) => `${n}: ${v}`))
        .join('\r\n') + '\r\n\r\n',
    );
    chunked.socket.write(`800\r\n${'x'.repeat(0x800)}\r\n`);
    assert.match(await within(3_000, chunked.closed, 'grown too large'), /^HTTP\/1\.1 413 /);
  });
});

async function signedHeadersFor(server: RunningSecretsServer, operation: string): Promise<Record<string, string>> {
  const url = new URL(server.endpoint);
  const signer = new SignatureV4({
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    region: 'us-east-1',
    service: 'secretsmanager',
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const headers = { host: url.host, 'x-amz-target': `secretsmanager.${operation}` };
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: url.hostname, path: '/', query: {}, headers, body: '{}' },
    { signingDate: new Date() },
  );
  const { host: _host, ...rest } = signed.headers as Record<string, string>;
  return rest;
}
