// A Secrets Manager-compatible endpoint (AWS JSON 1.1 over HTTP, SigV4-signed) over any SecretStore, on loopback.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAwsRegion } from '../aws/regions';
import { SecretsError } from '../store/errors';
import type { SecretStore } from '../store/types';
import { IdentityService, signedService, type KnownAccessKey } from './identity';
import { logsOperations, logsTargetPrefix } from './logs';
import { AccessLogWriter } from '../access/log';
import { accessEventsOf } from './access-record';
import { CloudTrailService } from './cloudtrail';
import { flatHeaders, readBody, sendJson as send, sendJsonError } from './request';
import { AuthFailure, SigV4Verifier, type AccessKey, type AuthenticatedHeaders } from './sigv4';
import { operations, parseBody, type Reader } from './wire';

export interface SecretsServerOptions {
  store: SecretStore;
  /** 0 (default) picks a free port. */
  port?: number;
  region?: string;
  /** Generated at start when omitted. */
  credentials?: AccessKey;
  /** Requests with larger bodies are refused with 413 (default 1 MiB). */
  maxBodyBytes?: number;
  /** Further connections are dropped at accept while this many are open (default 1024). */
  maxConnections?: number;
  /** Time for a request's headers to arrive, else 408 and the connection is closed (default 10 s). */
  headersTimeoutMs?: number;
  /** Time for a whole request, body included, to arrive, else 408 and the connection is closed (default 30 s). */
  requestTimeoutMs?: number;
  /** Clock for the signature freshness check (tests). */
  now?: () => number;
  /** Answers ThrottlingException instead of running the operation when it returns true (to test client retries). */
  throttle?: (operation: string) => boolean;
  /**
   * Access keys STS GetCallerIdentity and IAM UpdateAccessKey know, besides the server's own (user
   * `secrets-workbench`, which may deactivate any of them). Requests signed for sts/iam go to these endpoints.
   */
  identities?: readonly KnownAccessKey[];
  /**
   * The IAM actions the server's own key is allowed where the server checks them (CloudTrail LookupEvents), e.g.
   * `['secretsmanager:*']` to see the refusal a key without `cloudtrail:LookupEvents` gets. Default: all.
   */
  permissions?: readonly string[];
  /** The account id in the ARNs STS answers (default 000000000000). */
  accountId?: string;
  /**
   * The access log (`accessLogPathFor(vault)` beside a vault): every authenticated Secrets Manager call is
   * appended (caller, action, secret, version, time; never a value), and CloudTrail LookupEvents reads it.
   */
  accessLog?: { path: string; maxBytes?: number };
  /** Called once per request with the operation name and outcome (counting, tests). Never sees values. */
  onRequest?: (event: { operation: string; status: number; errorCode?: string }) => void;
}

export interface RunningSecretsServer {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Resolves when every call so far is in the access log (no-op without one). */
  flushAccessLog(): Promise<void>;
  close(): Promise<void>;
}

const targetPrefix = 'secretsmanager.';
const defaultMaxBodyBytes = 1024 * 1024;
const defaultMaxConnections = 1024;
const defaultHeadersTimeoutMs = 10_000;
const defaultRequestTimeoutMs = 30_000;
/** A refused request's connection is cut this long after the answer, whatever its sender still sends. */
const refusedLingerMs = 1_000;
/** x-amz-target names the operation, so a signature that does not cover it could be replayed as another one. */
const requiredSignedHeaders = ['x-amz-target'];

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
  if (!isAwsRegion(region)) throw new Error(`Not an AWS region name: ${JSON.stringify(region).slice(0, 40)}`);
  const credentials = options.credentials ?? generateAccessKey();
  // Secrets Manager, and CloudWatch Logs' FilterLogEvents over the store's rotation logs: both JSON 1.1, same key
  const apis = {
    secretsmanager: {
      verifier: new SigV4Verifier(credentials, 'secretsmanager', options.now),
      prefix: targetPrefix,
      operations,
    },
    logs: {
      verifier: new SigV4Verifier(credentials, 'logs', options.now),
      prefix: logsTargetPrefix,
      operations: logsOperations,
    },
  };
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const identity = new IdentityService({
    keys: [
      { ...credentials, userName: 'secrets-workbench', admin: true, permissions: options.permissions },
      ...(options.identities ?? []),
    ],
    accountId: options.accountId,
    maxBodyBytes,
    now: options.now,
  });
  const headersTimeout = options.headersTimeoutMs ?? defaultHeadersTimeoutMs;
  const accessLog = options.accessLog && new AccessLogWriter(options.accessLog.path, options.accessLog);
  const cloudTrail = new CloudTrailService({
    identity,
    accessLogPath: accessLog?.path,
    region,
    maxBodyBytes,
    now: options.now,
  });
  const caller = {
    principal: identity.principalOf({ ...credentials, userName: 'secrets-workbench' }),
    accessKeyId: credentials.accessKeyId,
  };

  const server = createServer(
    {
      keepAliveTimeout: 5_000,
      headersTimeout,
      requestTimeout: Math.max(options.requestTimeoutMs ?? defaultRequestTimeoutMs, headersTimeout),
      // Timeouts are checked this often; the default (30 s) would let a stalled request outlive its budget.
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        // Never echo the error itself: it could carry request data.
        if (!res.headersSent) sendJsonError(res, 500, 'InternalFailure', 'The request processing has failed.');
        void error;
      });
    },
  );
  server.maxConnections = options.maxConnections ?? defaultMaxConnections;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (identity.handles(req)) return identity.handle(req, res);
    if (cloudTrail.handles(req)) return cloudTrail.handle(req, res);
    const { verifier, prefix, operations } =
      signedService(headerValue(req, 'authorization')) === 'logs' ? apis.logs : apis.secretsmanager;
    const target = headerValue(req, 'x-amz-target') ?? '';
    const operation = target.startsWith(prefix) ? target.slice(prefix.length) : '';
    const report = (status: number, errorCode?: string) => options.onRequest?.({ operation, status, errorCode });
    const fail = (status: number, code: string, message: string) => {
      sendJsonError(res, status, code, message);
      report(status, code);
    };
    /** Answers before the body is read: nothing of it is buffered, and the connection does not outlive the answer. */
    const refuse = (status: number, code: string, message: string) => {
      res.shouldKeepAlive = false;
      res.once('finish', () => setTimeout(() => req.socket.destroy(), refusedLingerMs).unref());
      fail(status, code, message);
    };

    if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') {
      return refuse(404, 'UnknownOperationException', 'Only POST / is served.');
    }
    const headers = flatHeaders(req);
    let auth: AuthenticatedHeaders;
    try {
      auth = verifier.authenticate(headers, requiredSignedHeaders);
    } catch (error) {
      if (error instanceof AuthFailure) return refuse(error.status, error.code, error.message);
      throw error;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      return refuse(413, 'RequestEntityTooLargeException', `Request bodies are limited to ${maxBodyBytes} bytes.`);
    }
    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') {
      return refuse(413, 'RequestEntityTooLargeException', `Request bodies are limited to ${maxBodyBytes} bytes.`);
    }
    try {
      await verifier.checkSignature(auth, { method: 'POST', url: req.url ?? '/', headers, body });
    } catch (error) {
      if (error instanceof AuthFailure) return fail(error.status, error.code, error.message);
      throw error;
    }
    let input: Reader | undefined;
    /** Authenticated Secrets Manager calls only: an unsigned request says nothing about who read what. */
    const logAccess = (output?: Record<string, unknown>, errorCode?: string) => {
      if (!accessLog || prefix !== targetPrefix) return;
      const call = { operation, request: input?.json, output, errorCode, caller };
      const from = {
        sourceIp: req.socket.remoteAddress,
        userAgent: headers['user-agent'],
        time: new Date(options.now?.() ?? Date.now()),
      };
      for (const event of accessEventsOf({ ...call, ...from })) accessLog.append(event);
    };
    const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
    if (!run) {
      logAccess(undefined, 'UnknownOperationException');
      return fail(400, 'UnknownOperationException', `Unknown operation: ${target || '(none)'}`);
    }
    if (options.throttle?.(operation)) return fail(400, 'ThrottlingException', 'Rate exceeded');
    try {
      input = parseBody(body.toString('utf8'));
      const output = await run(options.store, input);
      logAccess(output);
      send(res, 200, output);
      report(200);
    } catch (error) {
      if (!(error instanceof SecretsError)) throw error;
      logAccess(undefined, error.code);
      fail(statusByCode[error.code] ?? 400, error.code, error.message);
    }
  }

  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A backlog as deep as the connection cap: a burst of connections waits in it instead of in SYN retries.
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', backlog: server.maxConnections }, () => {
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
    // a log that cannot be written (its folder gone) must not fail the shutdown; flushAccessLog() reports it
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }).then(() => accessLog?.flush().catch(() => undefined))),
    flushAccessLog: async () => accessLog?.flush(),
  };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
