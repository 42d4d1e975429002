// Verifies AWS Signature Version 4 on received requests by re-signing them with @smithy/signature-v4
// (the SDK's own signer) and comparing signatures, so no signing crypto is written here.
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * A caller without our keys gets 403, as AWS documents for MissingAuthenticationToken and unknown access keys
 * (InvalidClientTokenId); malformed or expired signatures stay 400 (IncompleteSignature, RequestExpired).
 */
const forbidden = 403;

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface ReceivedRequest {
  method: string;
  /** Path and query as received, e.g. `/` or `/?a=b`. */
  url: string;
  /** Lower-cased names; repeated headers already joined with `,`. */
  headers: Record<string, string>;
  body: Buffer;
}

/** Why a request was refused, named and worded as AWS's front end does. */
export class AuthFailure extends Error {
  constructor(
    readonly code:
      | 'MissingAuthenticationTokenException'
      | 'IncompleteSignatureException'
      | 'UnrecognizedClientException'
      | 'InvalidSignatureException',
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export const maxClockSkewMs = 15 * 60 * 1000;
const algorithm = 'AWS4-HMAC-SHA256';
const unsignedPayload = 'UNSIGNED-PAYLOAD';

/** node:crypto behind the hash interface @smithy/signature-v4 expects (what @smithy/hash-node does). */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const toBuffer = (data: SourceData) =>
  // Stryker disable next-line all: equivalent, Buffer.from copies a view's bytes and reads strings as UTF-8 anyway
  typeof data === 'string'
    ? // Stryker disable next-line StringLiteral: equivalent, UTF-8 is Buffer.from's default
      Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

export class NodeSha256 {
  private hash: Hash | Hmac;
  private readonly secret?: Buffer;
  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : toBuffer(secret);
    this.hash = this.fresh();
  }
  update(data: SourceData): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
}

interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** The parsed Authorization header of a request whose headers passed authenticate(). */
export interface AuthenticatedHeaders extends ParsedAuthorization {
  signingDate: Date;
}

export class SigV4Verifier {
  private readonly signers = new Map<string, SignatureV4>();

  constructor(
    private readonly key: AccessKey,
    private readonly service = 'secretsmanager',
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when the request is signed with our key, fresh and unaltered; otherwise throws AuthFailure. */
  async verify(request: ReceivedRequest, requiredSignedHeaders: readonly string[] = []): Promise<void> {
    const auth = this.authenticate(request.headers, requiredSignedHeaders);
    await this.checkSignature(auth, request);
  }

  /**
   * Everything that can be checked from the headers alone (key id, scope, date, clock, signed header list), so a
   * caller without our key is refused before its body is read. Throws AuthFailure.
   */
  authenticate(headers: Record<string, string>, requiredSignedHeaders: readonly string[] = []): AuthenticatedHeaders {
    const header = headers['authorization'];
    if (header === undefined) {
      throw new AuthFailure('MissingAuthenticationTokenException', 'Missing Authentication Token', forbidden);
    }
    const auth = parseAuthorization(header);
    if (auth.accessKeyId !== this.key.accessKeyId) {
      throw new AuthFailure(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
        forbidden,
      );
    }
    if (auth.service !== this.service) {
      throw new AuthFailure(
        'InvalidSignatureException',
        `Credential should be scoped to correct service: '${this.service}'.`,
        400,
      );
    }
    const amzDate = headers['x-amz-date'];
    // Stryker disable next-line ConditionalExpression: equivalent, parseAmzDate(undefined) matches nothing either
    const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
    if (!signingDate) {
      throw new AuthFailure(
        'IncompleteSignatureException',
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        400,
      );
    }
    if (amzDate!.slice(0, 8) !== auth.date) {
      throw new AuthFailure(
        'InvalidSignatureException',
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate!.slice(0, 8)}'`,
        400,
      );
    }
    this.checkClock(amzDate!, signingDate);
    const missing = ['host', 'x-amz-date', ...requiredSignedHeaders].filter((h) => !auth.signedHeaders.includes(h));
    if (missing.length) {
      throw new AuthFailure(
        'InvalidSignatureException',
        `'${missing[0]}' must be a 'SignedHeader' in the AWS Authorization.`,
        400,
      );
    }
    if (headers['x-amz-content-sha256'] === unsignedPayload) throw signatureMismatch();
    return { ...auth, signingDate };
  }

  /** The signature over headers and body; `auth` comes from authenticate() on the same request's headers. */
  async checkSignature(auth: AuthenticatedHeaders, request: ReceivedRequest): Promise<void> {
    const declaredHash = request.headers['x-amz-content-sha256'];
    // The signer trusts this header, so it must match the body we actually received.
    if (declaredHash !== undefined && declaredHash !== createHash('sha256').update(request.body).digest('hex')) {
      throw signatureMismatch();
    }
    const signed = await this.signer(auth.region).sign(toSignable(request, auth.signedHeaders), {
      signingDate: auth.signingDate,
      signableHeaders: new Set(auth.signedHeaders),
    });
    // Stryker disable next-line OptionalChaining,StringLiteral: equivalent, the signer always writes a 64-hex signature
    const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers['authorization']))?.[1] ?? '';
    if (!constantTimeEqual(expected, auth.signature)) throw signatureMismatch();
  }

  private checkClock(amzDate: string, signingDate: Date): void {
    const now = this.now();
    const skew = signingDate.getTime() - now;
    if (Math.abs(skew) <= maxClockSkewMs) return;
    const stamp = (ms: number) => formatAmzDate(new Date(ms));
    const message =
      // Stryker disable next-line EqualityOperator: equivalent, a skew of 0 returned above
      skew < 0
        ? `Signature expired: ${amzDate} is now earlier than ${stamp(now - maxClockSkewMs)} (${stamp(now)} - 15 min.)`
        : `Signature not yet current: ${amzDate} is still later than ${stamp(now + maxClockSkewMs)} (${stamp(now)} + 15 min.)`;
    throw new AuthFailure('InvalidSignatureException', message, 400);
  }

  private signer(region: string): SignatureV4 {
    let signer = this.signers.get(region);
    // Stryker disable next-line ConditionalExpression: equivalent, the cache only saves work
    if (!signer) {
      // applyChecksum off: sign exactly the headers the client sent, adding no x-amz-content-sha256.
      signer = new SignatureV4({
        credentials: this.key,
        region,
        service: this.service,
        sha256: NodeSha256,
        applyChecksum: false,
      });
      // Stryker disable next-line all: equivalent, the cache only saves work
      this.signers.set(region, signer);
    }
    return signer;
  }
}

function signatureMismatch(): AuthFailure {
  return new AuthFailure(
    'InvalidSignatureException',
    'The request signature we calculated does not match the signature you provided. ' +
      'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    forbidden,
  );
}

function parseAuthorization(header: string): ParsedAuthorization {
  const incomplete = (what: string) =>
    new AuthFailure(
      'IncompleteSignatureException',
      `Authorization header requires '${what}' parameter. Authorization=${header.split(/[\s,]/)[0]}`,
      400,
    );
  if (!header.startsWith(`${algorithm} `)) {
    throw new AuthFailure(
      'IncompleteSignatureException',
      `Authorization header requires the '${algorithm}' algorithm.`,
      400,
    );
  }
  const params = new Map<string, string>();
  for (const part of header.slice(algorithm.length + 1).split(',')) {
    const eq = part.indexOf('=');
    // Stryker disable next-line EqualityOperator: equivalent, a part starting with '=' names no parameter either way
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = params.get('Credential');
  const signedHeaders = params.get('SignedHeaders');
  const signature = params.get('Signature');
  if (!credential) throw incomplete('Credential');
  if (!signedHeaders) throw incomplete('SignedHeaders');
  if (!signature) throw incomplete('Signature');
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') {
    throw new AuthFailure(
      'IncompleteSignatureException',
      `Credential should be scoped to a valid region and end with 'aws4_request'.`,
      400,
    );
  }
  const [accessKeyId, date, region, service] = scope;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** Only the headers the client signed, so the signer canonicalises exactly what the client did. */
function toSignable(request: ReceivedRequest, signedHeaders: string[]) {
  const query: Record<string, string | string[]> = {};
  let path = request.url;
  if (request.url.includes('?')) {
    const url = new URL(request.url, 'http://placeholder');
    path = url.pathname;
    for (const [name, value] of url.searchParams) {
      const previous = query[name];
      query[name] = previous === undefined ? value : [previous, value].flat();
    }
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = request.headers[name] ?? '';
  return {
    method: request.method,
    // Stryker disable next-line StringLiteral: equivalent, the signer never reads the protocol
    protocol: 'http:',
    // Stryker disable next-line all: equivalent, the signer canonicalises the signed host header, never hostname
    hostname: (request.headers['host'] ?? '').replace(/:\d+$/, ''),
    path,
    query,
    headers,
    body: request.body,
  };
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
