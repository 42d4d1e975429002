// Hand-built Secrets Manager requests, signed with the SDK's signer, so tests control every byte and header.
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256, type AccessKey } from '../../../src/core/server/index';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
}

export interface RawCallOptions {
  endpoint: string;
  key?: AccessKey;
  operation: string;
  body?: unknown;
  /** Sent (and signed) as is instead of `body`. */
  rawBody?: string;
  region?: string;
  signingDate?: Date;
  /** Replaces the body after signing. */
  alterBody?: (signed: string) => string;
  extraHeaders?: Record<string, string>;
}

export async function rawCall(options: RawCallOptions): Promise<RawResponse> {
  const url = new URL(options.endpoint);
  const body = options.rawBody ?? (options.body === undefined ? '{}' : JSON.stringify(options.body));
  let headers: Record<string, string> = {
    host: url.host,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `secretsmanager.${options.operation}`,
    ...options.extraHeaders,
  };
  if (options.key) {
    const signer = new SignatureV4({
      credentials: options.key,
      region: options.region ?? 'us-east-1',
      service: 'secretsmanager',
      sha256: NodeSha256,
      applyChecksum: false, // as boto3 signs: no x-amz-content-sha256 header
    });
    const signed = await signer.sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        query: {},
        headers,
        body,
      },
      { signingDate: options.signingDate ?? new Date() },
    );
    headers = signed.headers as Record<string, string>;
  }
  const sent = options.alterBody ? options.alterBody(body) : body;
  return send(url, headers, Buffer.from(sent));
}

/** Signed headers for an empty-JSON request to `operation`, with a chosen signing service. */
export async function signedHeaders(
  endpoint: string,
  key: AccessKey,
  operation: string,
  service = 'secretsmanager',
): Promise<Record<string, string>> {
  const url = new URL(endpoint);
  const headers = {
    host: url.host,
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': `secretsmanager.${operation}`,
  };
  const signer = new SignatureV4({ credentials: key, region: 'us-east-1', service, sha256: NodeSha256 });
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: url.hostname, path: '/', query: {}, headers, body: '{}' },
    { signingDate: new Date() },
  );
  return signed.headers as Record<string, string>;
}

export function send(url: URL, headers: Record<string, string>, body: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        headers: { ...headers, 'content-length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
