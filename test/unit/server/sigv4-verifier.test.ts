// SigV4Verifier against requests signed by the SDK's own signer (@smithy/signature-v4, hashing with node:crypto
// here, not with the server's NodeSha256), each test breaking exactly one field. The clock is fixed, so the
// skew boundaries and the error texts are exact.
import { strict as assert } from 'node:assert';
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { AuthFailure, NodeSha256, SigV4Verifier, type ReceivedRequest } from '../../../src/core/server/sigv4';

const key = {
  accessKeyId: 'AKIDSYNTHETIC0000001',
  secretAccessKey: Buffer.from('synthetic-test-key-not-real').toString('base64'),
};
const second = 1000;
const minute = 60 * second;
/** 2026-03-04T05:06:07.000Z */
const now = Date.UTC(2026, 2, 4, 5, 6, 7);

/** The test's own SHA-256 for the SDK signer, independent of the code under test. */
type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: Data) =>
  typeof data === 'string'
    ? Buffer.from(data)
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);
class TestSha256 {
  private hash;
  constructor(private readonly secret?: Data) {
    this.hash = this.fresh();
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
}

interface SignOptions {
  signingDate?: Date;
  region?: string;
  service?: string;
  body?: string;
  path?: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  secretAccessKey?: string;
  /** Adds x-amz-content-sha256 (what the JS SDK does); off signs as boto3 does. */
  applyChecksum?: boolean;
}

async function signed(options: SignOptions = {}): Promise<ReceivedRequest> {
  const body = options.body ?? '{"MaxResults":1}';
  const signer = new SignatureV4({
    credentials: { ...key, secretAccessKey: options.secretAccessKey ?? key.secretAccessKey },
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'secretsmanager',
    sha256: TestSha256,
    applyChecksum: options.applyChecksum ?? false,
  });
  const query = options.query ?? {};
  const request = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4566,
      path: options.path ?? '/',
      query,
      headers: {
        host: '127.0.0.1:4566',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.ListSecrets',
        ...options.headers,
      },
      body,
    },
    { signingDate: options.signingDate ?? new Date(now) },
  );
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) for (const v of [value].flat()) search.append(name, v);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = String(value);
  return {
    method: 'POST',
    url: (options.path ?? '/') + (search.size ? `?${search}` : ''),
    headers,
    body: Buffer.from(body),
  };
}

const verifier = (clock = now) => new SigV4Verifier(key, 'secretsmanager', () => clock);

/** The Authorization header with one parameter replaced (or removed when `value` is undefined). */
function withAuthorization(request: ReceivedRequest, edit: (header: string) => string): ReceivedRequest {
  return { ...request, headers: { ...request.headers, authorization: edit(request.headers['authorization']) } };
}

async function refusal(request: ReceivedRequest, clock = now): Promise<AuthFailure> {
  try {
    await verifier(clock).verify(request);
  } catch (error) {
    assert.ok(error instanceof AuthFailure, `expected an AuthFailure, got ${String(error)}`);
    return error;
  }
  assert.fail('the request was accepted');
}

function assertRefused(failure: AuthFailure, code: AuthFailure['code'], status: number, message: string | RegExp) {
  assert.equal(failure.code, code, failure.message);
  assert.equal(failure.status, status, failure.message);
  if (typeof message === 'string') assert.equal(failure.message, message);
  else assert.match(failure.message, message);
}

const mismatch =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

describe('server: SigV4Verifier (SDK-signed requests, one field broken per test)', () => {
  it('accepts a request signed by the SDK, in any region, with the default service secretsmanager', async () => {
    await verifier().verify(await signed());
    const defaults = new SigV4Verifier(key, undefined, () => now);
    await defaults.verify(await signed({ region: 'eu-west-1' }));
    await defaults.verify(await signed({ region: 'us-east-1' }));
    await defaults.verify(await signed({ region: 'eu-west-1' }));
  });

  it('keeps one signing key per day and region: across midnight and regions it accepts the right key only', async () => {
    const day = 24 * 60 * 60 * 1000;
    const midnight = now - (now % day) + day;
    const one = new SigV4Verifier(key, 'secretsmanager', () => midnight);
    for (const signingDate of [new Date(midnight - 60_000), new Date(midnight + 60_000), new Date(midnight - 1000)]) {
      for (const region of ['us-east-1', 'eu-west-1']) {
        await one.verify(await signed({ signingDate, region }));
        const wrongKey = await signed({ signingDate, region, secretAccessKey: 'not-the-key' });
        await assert.rejects(one.verify(wrongKey), (e: unknown) => e instanceof AuthFailure && e.status === 403);
      }
    }
  });

  it('accepts a path and a query string with a repeated parameter, exactly as signed', async () => {
    const request = await signed({ path: '/a/b', query: { b: '2', a: ['1', '0'], c: 'x y' } });
    assert.match(request.url, /^\/a\/b\?/);
    await verifier().verify(request);
    const dropped = { ...request, url: request.url.replace('&a=0', '') };
    assertRefused(await refusal(dropped), 'InvalidSignatureException', 403, mismatch);
    const otherPath = { ...request, url: request.url.replace('/a/b', '/a/c') };
    assertRefused(await refusal(otherPath), 'InvalidSignatureException', 403, mismatch);
  });

  it('takes a path without a query as it is, even one starting with // (no URL parsing)', async () => {
    await verifier().verify(await signed({ path: '//x/y' }));
  });

  it('canonicalises a signed header that did not arrive as empty, as the client signed an empty one', async () => {
    const request = await signed({ headers: { 'x-amz-meta-empty': '' } });
    assert.match(request.headers['authorization'], /x-amz-meta-empty/);
    delete request.headers['x-amz-meta-empty'];
    await verifier().verify(request);
  });

  it('accepts an x-amz-content-sha256 that matches the body (as the JS SDK sends it)', async () => {
    const request = await signed({ applyChecksum: true });
    assert.ok(request.headers['x-amz-content-sha256']);
    await verifier().verify(request);
  });

  it('refuses a request without Authorization: 403 MissingAuthenticationToken', async () => {
    const request = await signed();
    delete request.headers['authorization'];
    assertRefused(await refusal(request), 'MissingAuthenticationTokenException', 403, 'Missing Authentication Token');
  });

  it('refuses another access key id: 403 UnrecognizedClient', async () => {
    const request = withAuthorization(await signed(), (h) => h.replace(key.accessKeyId, 'AKIDSYNTHETIC0000002'));
    assertRefused(
      await refusal(request),
      'UnrecognizedClientException',
      403,
      'The security token included in the request is invalid.',
    );
  });

  it('refuses a signature made with another secret key: 403', async () => {
    const request = await signed({
      secretAccessKey: Buffer.from('other-synthetic-key-not-real').toString('base64').replace(/=+$/, ''),
    });
    assertRefused(await refusal(request), 'InvalidSignatureException', 403, mismatch);
  });

  it('refuses another algorithm name, or none: 400 IncompleteSignature', async () => {
    const request = await signed();
    for (const algorithm of ['AWS4-HMAC-SHA512 ', 'AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA256\t', 'aws4-hmac-sha256 ']) {
      const broken = withAuthorization(request, (h) => h.replace('AWS4-HMAC-SHA256 ', algorithm));
      assertRefused(
        await refusal(broken),
        'IncompleteSignatureException',
        400,
        "Authorization header requires the 'AWS4-HMAC-SHA256' algorithm.",
      );
    }
  });

  for (const parameter of ['Credential', 'SignedHeaders', 'Signature']) {
    it(`refuses a missing ${parameter} with 400 IncompleteSignature naming it (never a crash)`, async () => {
      const drop = (h: string) =>
        h
          .replace(/^AWS4-HMAC-SHA256 /, '')
          .split(', ')
          .filter((part) => !part.startsWith(`${parameter}=`))
          .join(', ');
      for (const header of [
        (h: string) => `AWS4-HMAC-SHA256 ${drop(h)}`,
        // Without '=' it is no parameter at all, even when the name is there.
        (h: string) => `AWS4-HMAC-SHA256 ${drop(h)}, ${parameter}X`,
        (h: string) => `AWS4-HMAC-SHA256 ${drop(h)}, ${parameter}=`,
      ]) {
        const broken = withAuthorization(await signed(), header);
        assertRefused(
          await refusal(broken),
          'IncompleteSignatureException',
          400,
          `Authorization header requires '${parameter}' parameter. Authorization=AWS4-HMAC-SHA256`,
        );
      }
    });
  }

  it('trims spaces around parameter names and values', async () => {
    const request = withAuthorization(await signed(), (h) =>
      h.replace('Credential=', ' Credential = ').replace(/Signature=(\w+)/, 'Signature= $1 '),
    );
    await verifier().verify(request);
  });

  it('refuses a credential scope that is not key/date/region/service/aws4_request: 400', async () => {
    const message = "Credential should be scoped to a valid region and end with 'aws4_request'.";
    for (const edit of [
      (scope: string) => scope.replace('/aws4_request', ''), // 4 parts
      (scope: string) => scope.replace('/aws4_request', '/aws4_reques'), // wrong terminator
      (scope: string) => scope.replace('/aws4_request', '/aws4_request/aws4_request'), // 6 parts
      (scope: string) => scope.replace('/us-east-1/', '/'), // 4 parts ending in aws4_request
    ]) {
      const broken = withAuthorization(await signed(), (h) =>
        h.replace(/Credential=([^,]+)/, (_, scope: string) => `Credential=${edit(scope)}`),
      );
      assertRefused(await refusal(broken), 'IncompleteSignatureException', 400, message);
    }
  });

  it('refuses a credential scoped to another service: 400', async () => {
    const request = await signed({ service: 'ssm' });
    assertRefused(
      await refusal(request),
      'InvalidSignatureException',
      400,
      "Credential should be scoped to correct service: 'secretsmanager'.",
    );
  });

  it('refuses a missing or malformed X-Amz-Date (the date pattern is anchored at both ends): 400', async () => {
    const message = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
    const request = await signed();
    const date = request.headers['x-amz-date'];
    assert.equal(date, '20260304T050607Z');
    const without = { ...request, headers: { ...request.headers } };
    delete without.headers['x-amz-date'];
    assertRefused(await refusal(without), 'IncompleteSignatureException', 400, message);
    for (const bad of [`2${date}`, `${date}0`, '20260304T0506Z', '20260304 050607Z', '2026-03-04T05:06:07Z']) {
      const broken = { ...request, headers: { ...request.headers, 'x-amz-date': bad } };
      assertRefused(await refusal(broken), 'IncompleteSignatureException', 400, message);
    }
  });

  it('refuses a credential scope date that differs from X-Amz-Date: 400 naming both', async () => {
    const request = withAuthorization(await signed(), (h) => h.replace('/20260304/', '/20260303/'));
    assertRefused(
      await refusal(request),
      'InvalidSignatureException',
      400,
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260303' != '20260304'",
    );
  });

  it('accepts exactly 15 minutes of clock skew either way and refuses one second more', async () => {
    for (const skew of [-15 * minute, 15 * minute, 0, -14 * minute, 14 * minute]) {
      await verifier().verify(await signed({ signingDate: new Date(now + skew) }));
    }
    const old = await refusal(await signed({ signingDate: new Date(now - 15 * minute - second) }));
    assertRefused(old, 'InvalidSignatureException', 400, /^Signature expired/);
    const ahead = await refusal(await signed({ signingDate: new Date(now + 15 * minute + second) }));
    assertRefused(ahead, 'InvalidSignatureException', 400, /^Signature not yet current/);
  });

  it('words clock refusals as AWS does, with whole-second timestamps', async () => {
    const clock = now + 123; // milliseconds are dropped from the stamps
    const old = await refusal(await signed({ signingDate: new Date(now - 20 * minute) }), clock);
    assertRefused(
      old,
      'InvalidSignatureException',
      400,
      'Signature expired: 20260304T044607Z is now earlier than 20260304T045107Z (20260304T050607Z - 15 min.)',
    );
    const ahead = await refusal(await signed({ signingDate: new Date(now + 20 * minute) }), clock);
    assertRefused(
      ahead,
      'InvalidSignatureException',
      400,
      'Signature not yet current: 20260304T052607Z is still later than 20260304T052107Z (20260304T050607Z + 15 min.)',
    );
  });

  for (const header of ['host', 'x-amz-date']) {
    it(`refuses a signature that does not cover ${header}: 400`, async () => {
      const request = withAuthorization(await signed(), (h) =>
        h.replace(/SignedHeaders=([^,]+)/, (_, list: string) => {
          const kept = list.split(';').filter((name) => name !== header);
          return `SignedHeaders=${kept.join(';')}`;
        }),
      );
      assertRefused(
        await refusal(request),
        'InvalidSignatureException',
        400,
        `'${header}' must be a 'SignedHeader' in the AWS Authorization.`,
      );
    });
  }

  it('refuses a body other than the one signed, with or without x-amz-content-sha256: 403', async () => {
    const plain = await signed();
    assertRefused(
      await refusal({ ...plain, body: Buffer.from('{"MaxResults":2}') }),
      'InvalidSignatureException',
      403,
      mismatch,
    );
    // The signer trusts x-amz-content-sha256, so the verifier must check it against the body it received.
    const hashed = await signed({ applyChecksum: true });
    assertRefused(
      await refusal({ ...hashed, body: Buffer.from('{"MaxResults":2}') }),
      'InvalidSignatureException',
      403,
      mismatch,
    );
  });

  it('refuses UNSIGNED-PAYLOAD even when it is signed: 403', async () => {
    const request = await signed({ headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    assert.match(request.headers['authorization'], /x-amz-content-sha256/);
    assertRefused(await refusal(request), 'InvalidSignatureException', 403, mismatch);
  });

  it('authenticates from the headers alone (before any body is read), returning the parsed scope', async () => {
    const request = await signed({ region: 'eu-west-1' });
    const auth = verifier().authenticate(request.headers);
    assert.equal(auth.accessKeyId, key.accessKeyId);
    assert.equal(auth.region, 'eu-west-1');
    assert.equal(auth.service, 'secretsmanager');
    assert.equal(auth.date, '20260304');
    assert.deepEqual(auth.signedHeaders, ['content-type', 'host', 'x-amz-date', 'x-amz-target']);
    assert.equal(auth.signingDate.getTime(), now);
    const unsigned = await signed({ headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    assert.throws(
      () => verifier().authenticate(unsigned.headers),
      (error: unknown) => error instanceof AuthFailure && error.status === 403 && error.message === mismatch,
    );
  });

  it('refuses a signature that does not cover a header the caller requires: 400', async () => {
    const request = await signed();
    await verifier().verify(request, ['x-amz-target']);
    const uncovered = withAuthorization(request, (h) => h.replace(';x-amz-target', ''));
    await assert.rejects(verifier().verify(uncovered, ['x-amz-target']), (error: unknown) => {
      assert.ok(error instanceof AuthFailure);
      assertRefused(
        error,
        'InvalidSignatureException',
        400,
        "'x-amz-target' must be a 'SignedHeader' in the AWS Authorization.",
      );
      return true;
    });
  });

  it('refuses a signature of the wrong length or with one character changed with 403, never a crash', async () => {
    const request = await signed();
    const signature = /Signature=([0-9a-f]{64})$/.exec(request.headers['authorization'])![1];
    const flipped = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
    for (const bad of [signature.slice(0, 63), `${signature}0`, 'abc', flipped, signature.toUpperCase()]) {
      const broken = withAuthorization(request, (h) => h.replace(signature, bad));
      assertRefused(await refusal(broken), 'InvalidSignatureException', 403, mismatch);
    }
  });

  it('refuses a changed signed header value: 403', async () => {
    const request = await signed();
    const broken = { ...request, headers: { ...request.headers, 'x-amz-target': 'secretsmanager.DeleteSecret' } };
    assertRefused(await refusal(broken), 'InvalidSignatureException', 403, mismatch);
  });
});

describe('server: NodeSha256 (the hash the SDK signer is given)', () => {
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
  const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

  it('hashes strings as UTF-8, views by their own bytes only, and ArrayBuffers whole', async () => {
    const fromString = new NodeSha256();
    fromString.update('abc');
    assert.equal(hex(await fromString.digest()), abc);
    const view = new NodeSha256();
    view.update(new Uint8Array(Buffer.from('xxabcxx')).subarray(2, 5));
    assert.equal(hex(await view.digest()), abc);
    const buffer = new NodeSha256();
    buffer.update(new Uint8Array(Buffer.from('abc')).buffer);
    assert.equal(hex(await buffer.digest()), abc);
    const utf8 = new NodeSha256();
    utf8.update('\u00e9');
    assert.equal(
      hex(await utf8.digest()),
      createHash('sha256')
        .update(Buffer.from([0xc3, 0xa9]))
        .digest('hex'),
    );
  });

  it('is an HMAC when given a secret, and starts over after reset', async () => {
    const mac = new NodeSha256('key');
    mac.update('ignored');
    mac.reset();
    mac.update('message');
    assert.equal(hex(await mac.digest()), createHmac('sha256', 'key').update('message').digest('hex'));
    const plain = new NodeSha256();
    plain.update('ignored');
    plain.reset();
    plain.update('abc');
    assert.equal(hex(await plain.digest()), abc);
  });
});
