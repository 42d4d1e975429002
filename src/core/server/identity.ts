// A minimal STS GetCallerIdentity and IAM UpdateAccessKey (AWS Query protocol, SigV4-signed) for the access keys
// the server knows, so credential verification and deactivation run end to end on loopback with the real SDK.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { flatHeaders, readBody } from './request';
import { AuthFailure, SigV4Verifier, type AccessKey, type AuthenticatedHeaders } from './sigv4';

/** A refused request's connection is cut this long after the answer (as on the Secrets Manager path). */
const refusedLingerMs = 1_000;

export interface KnownAccessKey extends AccessKey {
  /** The IAM user the key belongs to. */
  userName: string;
  /** Inactive keys are refused, as AWS refuses them (InvalidClientTokenId). Default Active. */
  status?: 'Active' | 'Inactive';
  /** May deactivate any user's keys (the server's own key); other keys only their own user's. */
  admin?: boolean;
  /**
   * The IAM actions the key is allowed beyond STS/IAM, checked where the server enforces them (CloudTrail
   * LookupEvents): `cloudtrail:LookupEvents`, `cloudtrail:*` or `*`. Default: every action.
   */
  permissions?: readonly string[];
}

export interface IdentityServiceOptions {
  keys: readonly KnownAccessKey[];
  /** 12 digits (default 000000000000). */
  accountId?: string;
  maxBodyBytes: number;
  now?: () => number;
}

type Service = 'sts' | 'iam';
const namespaces: Record<Service, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
};

class QueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const invalidToken = () =>
  new QueryError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');

/** The service a request is signed for, read from its Authorization credential scope; undefined if none. */
export function signedService(authorization: string | undefined): string | undefined {
  return /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([^/,\s]+)\/aws4_request/.exec(authorization ?? '')?.[1];
}

export class IdentityService {
  private readonly keys = new Map<string, KnownAccessKey>();
  private readonly accountId: string;

  constructor(private readonly options: IdentityServiceOptions) {
    for (const key of options.keys) this.keys.set(key.accessKeyId, { status: 'Active', ...key });
    this.accountId = options.accountId ?? '000000000000';
  }

  /** True for requests signed for STS or IAM; the server hands those to handle(). */
  handles(req: IncomingMessage): boolean {
    const service = signedService(header(req, 'authorization'));
    return service === 'sts' || service === 'iam';
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const service = signedService(header(req, 'authorization')) as Service;
    let bodyRead = false;
    try {
      if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') {
        throw new QueryError(404, 'InvalidAction', 'Only POST / is served.');
      }
      // as on the Secrets Manager path: a caller without a known key is refused before its body is read
      const headers = flatHeaders(req);
      const { caller, verifier, auth } = this.authenticate(headers, service);
      const body = await readBody(req, this.options.maxBodyBytes);
      if (body === 'too-large') {
        throw new QueryError(
          413,
          'RequestEntityTooLarge',
          `Request bodies are limited to ${this.options.maxBodyBytes} bytes.`,
        );
      }
      bodyRead = true;
      await checkSignature(verifier, auth, { method: 'POST', url: req.url ?? '/', headers, body });
      const params = new URLSearchParams(body.toString('utf8'));
      const action = params.get('Action') ?? '';
      const result =
        service === 'sts' && action === 'GetCallerIdentity'
          ? this.getCallerIdentity(caller)
          : service === 'iam' && action === 'UpdateAccessKey'
            ? this.updateAccessKey(caller, params)
            : undefined;
      if (result === undefined) throw new QueryError(400, 'InvalidAction', `Unknown action: ${action.slice(0, 64)}`);
      sendXml(res, 200, `<${action}Response xmlns="${namespaces[service]}">${result}${metadata()}</${action}Response>`);
    } catch (error) {
      const e =
        error instanceof QueryError
          ? error
          : error instanceof AuthFailure
            ? new QueryError(error.status, error.code.replace(/Exception$/, ''), error.message)
            : new QueryError(500, 'InternalFailure', 'The request processing has failed.');
      if (!bodyRead) {
        // the unread body is not waited for: the connection ends shortly after the answer
        res.shouldKeepAlive = false;
        res.once('finish', () => setTimeout(() => req.socket.destroy(), refusedLingerMs).unref());
      }
      const type = e.status >= 500 ? 'Receiver' : 'Sender';
      sendXml(
        res,
        e.status,
        `<ErrorResponse xmlns="${namespaces[service]}"><Error><Type>${type}</Type><Code>${e.code}</Code>` +
          `<Message>${escapeXml(e.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
    }
  }

  /** A known, active key by id (undefined otherwise). */
  activeKey(accessKeyId: string): KnownAccessKey | undefined {
    const key = this.keys.get(accessKeyId);
    return key?.status === 'Active' ? key : undefined;
  }

  /** Whether the key's permissions allow an IAM action such as `cloudtrail:LookupEvents`. */
  allows(key: KnownAccessKey, action: string): boolean {
    const service = action.split(':')[0];
    return !key.permissions || key.permissions.some((p) => p === '*' || p === action || p === `${service}:*`);
  }

  /** The key's user as an IAM ARN in the server's account. */
  principalOf(key: KnownAccessKey): string {
    return this.arn(key.userName);
  }

  get account(): string {
    return this.accountId;
  }

  /** The key's status, for tests and the CLI (undefined for an unknown key). */
  status(accessKeyId: string): 'Active' | 'Inactive' | undefined {
    return this.keys.get(accessKeyId)?.status;
  }

  /** Header-level checks with the key the request names (known, active, fresh, scoped); throws AuthFailure/QueryError. */
  private authenticate(headers: Record<string, string>, service: Service) {
    const keyId = /Credential=([^/,\s]+)\//.exec(headers['authorization'] ?? '')?.[1] ?? '';
    const caller = this.keys.get(keyId);
    if (!caller || caller.status !== 'Active') throw invalidToken();
    const verifier = new SigV4Verifier(caller, service, this.options.now);
    return { caller, verifier, auth: verifier.authenticate(headers) };
  }

  private arn(userName: string): string {
    return `arn:aws:iam::${this.accountId}:user/${userName}`;
  }

  private getCallerIdentity(caller: KnownAccessKey): string {
    return (
      `<GetCallerIdentityResult><Arn>${escapeXml(this.arn(caller.userName))}</Arn>` +
      `<UserId>${escapeXml(userId(caller.userName))}</UserId><Account>${this.accountId}</Account></GetCallerIdentityResult>`
    );
  }

  private updateAccessKey(caller: KnownAccessKey, params: URLSearchParams): string {
    const accessKeyId = params.get('AccessKeyId');
    const status = params.get('Status');
    const userName = params.get('UserName') ?? caller.userName;
    if (!accessKeyId) throw new QueryError(400, 'ValidationError', 'AccessKeyId is required.');
    if (status !== 'Active' && status !== 'Inactive') {
      throw new QueryError(400, 'ValidationError', "Status must be 'Active' or 'Inactive'.");
    }
    if (!caller.admin && userName !== caller.userName) {
      throw new QueryError(
        403,
        'AccessDenied',
        `User: ${this.arn(caller.userName)} is not authorized to perform: iam:UpdateAccessKey on resource: user ${userName}`,
      );
    }
    const key = this.keys.get(accessKeyId);
    if (!key || key.userName !== userName) {
      throw new QueryError(404, 'NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
    }
    key.status = status;
    return '';
  }
}

/** A stable IAM-style unique id per user name (AIDA + 17 characters). */
function userId(userName: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let h = 2166136261;
  let id = 'AIDA';
  for (let i = 0; i < 17; i++) {
    for (const c of userName + i) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    id += alphabet[h % alphabet.length];
  }
  return id;
}

function metadata(): string {
  return `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`;
}

function sendXml(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(xml) });
  res.end(xml);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** STS and IAM name a wrong secret key SignatureDoesNotMatch. */
async function checkSignature(
  verifier: SigV4Verifier,
  auth: AuthenticatedHeaders,
  request: Parameters<SigV4Verifier['checkSignature']>[1],
): Promise<void> {
  try {
    await verifier.checkSignature(auth, request);
  } catch (error) {
    if (error instanceof AuthFailure && error.status === 403) {
      throw new QueryError(403, 'SignatureDoesNotMatch', error.message);
    }
    throw error;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}
