// Verifies AWS Signature Version 4 on received requests by computing the signature the SDK's signer
// (@smithy/signature-v4) would and comparing: the canonical request is built by the signer's own code and the
// signing key derived by its getSigningKey; only the last two steps (hash of the canonical request, HMAC with
// the cached signing key) run here, synchronously, so a request costs two hashes and one HMAC.
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import {
  ALGORITHM_IDENTIFIER,
  GENERATED_HEADERS,
  SHA256_HEADER,
  SignatureV4Base,
  createScope,
  getCanonicalHeaders,
  getSigningKey,
} from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';

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
  /** The signing date as the signer writes it (yyyymmddThhmmssZ). */
  longDate: string;
}

/** The SDK signer's canonical request (path normalisation and escaping, query, header lines), exposed. */
class CanonicalRequests extends SignatureV4Base {
  constructor(service: string) {
    super({ service, region: 'us-east-1', credentials: { accessKeyId: '', secretAccessKey: '' }, sha256: NodeSha256 });
  }
  build(request: HttpRequest, canonicalHeaders: Record<string, string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
  }
}

/** Signing keys are derived once per day and region: a handful at a time is plenty. */
const maxSigningKeys = 8;

export class SigV4Verifier {
  private readonly canonical: CanonicalRequests;
  private readonly signingKeys = new Map<string, Promise<Uint8Array>>();
  private lastDate: { header: string; date: Date; longDate: string } | undefined;

  constructor(
    private readonly key: AccessKey,
    private readonly service = 'secretsmanager',
    private readonly now: () => number = Date.now,
  ) {
    this.canonical = new CanonicalRequests(service);
  }

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
    const signing = this.signingDateOf(amzDate);
    if (!signing) {
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
    this.checkClock(amzDate!, signing.date);
    const missing = ['host', 'x-amz-date', ...requiredSignedHeaders].filter((h) => !auth.signedHeaders.includes(h));
    if (missing.length) {
      throw new AuthFailure(
        'InvalidSignatureException',
        `'${missing[0]}' must be a 'SignedHeader' in the AWS Authorization.`,
        400,
      );
    }
    if (headers['x-amz-content-sha256'] === unsignedPayload) throw signatureMismatch();
    return { ...auth, signingDate: signing.date, longDate: signing.longDate };
  }

  /** The signature over headers and body; `auth` comes from authenticate() on the same request's headers. */
  async checkSignature(auth: AuthenticatedHeaders, request: ReceivedRequest): Promise<void> {
    const bodyHash = createHash('sha256').update(request.body).digest('hex');
    const declaredHash = request.headers['x-amz-content-sha256'];
    // The signer trusts this header, so it must match the body we actually received.
    if (declaredHash !== undefined && declaredHash !== bodyHash) throw signatureMismatch();
    // As the signer does: its generated headers are dropped from what the client sent, the date is set from the
    // signing date, and a signed x-amz-content-sha256 header is taken as the payload hash.
    const longDate = auth.longDate;
    const signable = toSignable(request, auth.signedHeaders);
    const names = Object.keys(signable.headers);
    for (const name of names) if (GENERATED_HEADERS.includes(name.toLowerCase())) delete signable.headers[name];
    signable.headers['x-amz-date'] = longDate;
    const declaredName = Object.keys(signable.headers).find((name) => name.toLowerCase() === SHA256_HEADER);
    const payloadHash = declaredName === undefined ? bodyHash : signable.headers[declaredName];
    const canonicalHeaders = getCanonicalHeaders(signable, undefined, new Set(auth.signedHeaders));
    const canonicalRequest = this.canonical.build(signable, canonicalHeaders, payloadHash);
    const shortDate = longDate.slice(0, 8);
    const scope = createScope(shortDate, auth.region, this.service);
    const stringToSign = [
      ALGORITHM_IDENTIFIER,
      longDate,
      scope,
      createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
    ].join('\n');
    const signingKey = await this.signingKey(shortDate, auth.region);
    const expected = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
    if (!constantTimeEqual(expected, auth.signature)) throw signatureMismatch();
  }

  /** x-amz-date parsed, and in the signer's form; the last one is kept, as clients send the same one for a second. */
  private signingDateOf(amzDate: string | undefined): { date: Date; longDate: string } | undefined {
    // Stryker disable next-line ConditionalExpression: equivalent, the cache only saves work
    if (amzDate !== undefined && this.lastDate?.header === amzDate) return this.lastDate;
    // Stryker disable next-line ConditionalExpression: equivalent, parseAmzDate(undefined) matches nothing either
    const date = amzDate === undefined ? undefined : parseAmzDate(amzDate);
    if (!date) return undefined;
    this.lastDate = { header: amzDate!, date, longDate: formatAmzDate(date) };
    return this.lastDate;
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

  private signingKey(shortDate: string, region: string): Promise<Uint8Array> {
    const id = `${shortDate}/${region}`;
    let key = this.signingKeys.get(id);
    // Stryker disable next-line ConditionalExpression: equivalent, the cache only saves work
    if (!key) {
      // Stryker disable next-line all: equivalent, the cache only saves work
      if (this.signingKeys.size >= maxSigningKeys) this.signingKeys.clear();
      key = getSigningKey(NodeSha256, this.key, shortDate, region, this.service);
      this.signingKeys.set(id, key);
    }
    return key;
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
