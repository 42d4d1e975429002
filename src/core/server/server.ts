// A Secrets Manager-compatible endpoint (AWS JSON 1.1 over HTTP, SigV4-signed) over any SecretStore, on loopback.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsError } from '../store/errors';
import type { SecretStore } from '../store/types';
import { IdentityService, type KnownAccessKey } from './identity';
import { AuthFailure, SigV4Verifier, type AccessKey } from './sigv4';
import { operations, parseBody } from './wire';

export interface SecretsServerOptions {
  store: SecretStore;
  /** 0 (default) picks a free port. */
  port?: number;
  region?: string;
  /** Generated at start when omitted. */
  credentials?: AccessKey;
  /** Requests with larger bodies are refused with 413 (default 1 MiB). */
  maxBodyBytes?: number;
  /** Clock for the signature freshness check (tests). */
  now?: () => number;
  /** Answers ThrottlingException instead of running the operation when it returns true (to test client retries). */
  throttle?: (operation: string) => boolean;
  /**
   * Access keys STS GetCallerIdentity and IAM UpdateAccessKey know, besides the server's own (user
   * `secrets-workbench`, which may deactivate any of them). Requests signed for sts/iam go to these endpoints.
   */
  identities?: readonly KnownAccessKey[];
  /** The account id in the ARNs STS answers (default 000000000000). */
  accountId?: string;
  /** Called once per request with the operation name and outcome (counting, tests). Never sees values. */
  onRequest?: (event: { operation: string; status: number; errorCode?: string }) => void;
}

export interface RunningSecretsServer {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  close(): Promise<void>;
}

const jsonContentType = 'application/x-amz-json-1.1';
const targetPrefix = 'secretsmanager.';
const defaultMaxBodyBytes = 1024 * 1024;

/** HTTP status per error code, as the service answers (everything else from the service is a 400). */
const statusByCode: Record<string, number> = {
  InternalServiceError: 500,
  InternalFailure: 500,
  ServiceUnavailable: 503,
  RequestEntityTooLargeException: 413,
  UnknownOperationException: 400,
};

export function generateAccessKey(): AccessKey {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
  return { accessKeyId: `ASWB${id}`, secretAccessKey: randomBytes(30).toString('base64') };
}

export async function startSecretsServer(options: SecretsServerOptions): Promise<RunningSecretsServer> {
  const region = options.region ?? 'us-east-1';
  const credentials = options.credentials ?? generateAccessKey();
  const verifier = new SigV4Verifier(credentials, 'secretsmanager', options.now);
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const identity = new IdentityService({
    keys: [{ ...credentials, userName: 'secrets-workbench', admin: true }, ...(options.identities ?? [])],
    accountId: options.accountId,
    maxBodyBytes,
    now: options.now,
  });

  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Never echo the error itself: it could carry request data.
      if (!res.headersSent) sendError(res, 500, 'InternalFailure', 'The request processing has failed.', '');
      void error;
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (identity.handles(req)) return identity.handle(req, res);
    const target = headerValue(req, 'x-amz-target') ?? '';
    const operation = target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : '';
    const report = (status: number, errorCode?: string) => options.onRequest?.({ operation, status, errorCode });
    const fail = (status: number, code: string, message: string) => {
      sendError(res, status, code, message, operation);
      report(status, code);
    };

    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') {
      res.shouldKeepAlive = false;
      return fail(413, 'RequestEntityTooLargeException', `Request bodies are limited to ${maxBodyBytes} bytes.`);
    }
    if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') {
      return fail(404, 'UnknownOperationException', 'Only POST / is served.');
    }
    try {
      await verifier.verify({ method: 'POST', url: req.url ?? '/', headers: flatHeaders(req), body });
    } catch (error) {
      if (error instanceof AuthFailure) return fail(error.status, error.code, error.message);
      throw error;
    }
    const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
    if (!run) return fail(400, 'UnknownOperationException', `Unknown operation: ${target || '(none)'}`);
    if (options.throttle?.(operation)) return fail(400, 'ThrottlingException', 'Rate exceeded');
    try {
      const output = await run(options.store, parseBody(body.toString('utf8')));
      send(res, 200, output);
      report(200);
    } catch (error) {
      if (!(error instanceof SecretsError)) throw error;
      fail(statusByCode[error.code] ?? 400, error.code, error.message);
    }
  }

  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    region,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': jsonContentType,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: string, message: string, _operation: string): void {
  res.setHeader('x-amzn-ErrorType', code);
  send(res, status, { __type: code, message });
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/** Reads the whole body, or stops reading at the cap. */
function readBody(req: IncomingMessage, cap: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > cap) {
    req.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
