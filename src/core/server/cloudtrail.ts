// CloudTrail LookupEvents (AWS JSON 1.1, SigV4 service `cloudtrail`) answered from the server's access log, so
// "who read this secret" against AWS runs end to end on loopback with the real SDK client. Any key the server
// knows may call it, if its permissions allow `cloudtrail:LookupEvents` (else AccessDeniedException, as IAM).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readAccessHistory } from '../access/log';
import { toCloudTrail } from '../access/cloudtrail';
import type { AccessEvent } from '../access/event';
import { signedService, type IdentityService } from './identity';
import { flatHeaders, readBody, sendJson, sendJsonError } from './request';
import { AuthFailure, SigV4Verifier } from './sigv4';

/** SDK v3 sends `CloudTrail_20131101.<Op>`; older SDKs and the service model name the full namespace. */
const lookupEventsTargets = new Set([
  'CloudTrail_20131101.LookupEvents',
  'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
]);
import { lookupEventsPermission } from '../access/permissions';
const maxPage = 50;

export interface CloudTrailServiceOptions {
  identity: IdentityService;
  /** The access log read (no log: every lookup is empty). */
  accessLogPath?: string;
  region: string;
  maxBodyBytes: number;
  now?: () => number;
}

class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;

/** LookupAttributes keys served, and how each matches an event. */
const attributeMatchers: Record<string, (e: AccessEvent, value: string) => boolean> = {
  ResourceName: (e, v) => [e.secretArn, e.secretName, e.secretId].includes(v),
  EventName: (e, v) => e.action === v,
  AccessKeyId: (e, v) => e.accessKeyId === v,
  Username: (e, v) => e.principal === v || e.principal.endsWith(`/${v}`),
  EventSource: (_e, v) => v === 'secretsmanager.amazonaws.com',
};

export class CloudTrailService {
  constructor(private readonly options: CloudTrailServiceOptions) {}

  /** True for requests signed for CloudTrail; the server hands those to handle(). */
  handles(req: IncomingMessage): boolean {
    return signedService(req.headers.authorization) === 'cloudtrail';
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const output = await this.run(req, res);
      sendJson(res, 200, output);
    } catch (error) {
      const e =
        error instanceof ServiceError
          ? error
          : error instanceof AuthFailure
            ? new ServiceError(error.status, error.code, error.message)
            : new ServiceError(500, 'InternalFailure', 'The request processing has failed.');
      sendJsonError(res, e.status, e.code, e.message);
    }
  }

  private async run(req: IncomingMessage, res: ServerResponse): Promise<Json> {
    const headers = flatHeaders(req);
    const keyId = /Credential=([^/,\s]+)\//.exec(headers['authorization'] ?? '')?.[1] ?? '';
    const caller = this.options.identity.activeKey(keyId);
    if (!caller) {
      res.shouldKeepAlive = false;
      throw new ServiceError(
        403,
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    }
    const verifier = new SigV4Verifier(caller, 'cloudtrail', this.options.now);
    const auth = verifier.authenticate(headers, ['x-amz-target']);
    const body = await readBody(req, this.options.maxBodyBytes);
    if (body === 'too-large') throw new ServiceError(413, 'RequestEntityTooLargeException', 'Request body too large.');
    await verifier.checkSignature(auth, { method: 'POST', url: req.url ?? '/', headers, body });
    const target = headers['x-amz-target'] ?? '';
    if (!lookupEventsTargets.has(target)) {
      throw new ServiceError(
        400,
        'UnknownOperationException',
        `Unknown operation: ${target.slice(0, 120) || '(none)'}`,
      );
    }
    if (!this.options.identity.allows(caller, lookupEventsPermission)) {
      const who = this.options.identity.principalOf(caller);
      throw new ServiceError(
        400,
        'AccessDeniedException',
        `User: ${who} is not authorized to perform: ${lookupEventsPermission} because no identity-based policy allows the ${lookupEventsPermission} action`,
      );
    }
    return this.lookupEvents(parseJson(body.toString('utf8')));
  }

  private async lookupEvents(input: Json): Promise<Json> {
    const attributes = Array.isArray(input.LookupAttributes) ? (input.LookupAttributes as Json[]) : [];
    if (attributes.length > 1) {
      throw new ServiceError(
        400,
        'InvalidLookupAttributesException',
        'You cannot specify more than one lookup attribute.',
      );
    }
    const matches = attributes.map((a) => {
      const match = attributeMatchers[String(a.AttributeKey)];
      if (!match || typeof a.AttributeValue !== 'string') {
        throw new ServiceError(400, 'InvalidLookupAttributesException', 'The lookup attribute is not supported.');
      }
      return (e: AccessEvent) => match(e, a.AttributeValue as string);
    });
    const pageSize = typeof input.MaxResults === 'number' ? Math.min(Math.max(1, input.MaxResults), maxPage) : maxPage;
    const token = readToken(input.NextToken);
    const start = typeof input.StartTime === 'number' ? input.StartTime * 1000 : -Infinity;
    // a paged lookup keeps the end of its first page, so events logged meanwhile do not shift the pages
    const end = token?.end ?? (typeof input.EndTime === 'number' ? input.EndTime * 1000 : Infinity);
    const events = this.options.accessLogPath ? await readAccessHistory(this.options.accessLogPath) : [];
    const found = events.filter((e) => {
      const t = e.time.getTime();
      return t >= start && t <= end && matches.every((m) => m(e));
    });
    const offset = token?.offset ?? 0;
    const page = found.slice(offset, offset + pageSize);
    const context = { region: this.options.region, accountId: this.options.identity.account };
    const ended = Math.min(end, events[0]?.time.getTime() ?? 0);
    return {
      Events: page.map((e) => {
        const event = toCloudTrail(e, context);
        return { ...event, EventTime: e.time.getTime() / 1000 };
      }),
      ...(offset + pageSize < found.length ? { NextToken: writeToken({ offset: offset + pageSize, end: ended }) } : {}),
    };
  }
}

function parseJson(text: string): Json {
  try {
    const parsed: unknown = text.trim() ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Json;
  } catch {
    // answered below
  }
  throw new ServiceError(400, 'SerializationException', 'The request body must be a JSON object.');
}

function writeToken(token: { offset: number; end: number }): string {
  return Buffer.from(JSON.stringify(token)).toString('base64');
}

function readToken(value: unknown): { offset: number; end: number } | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    const token = JSON.parse(Buffer.from(String(value), 'base64').toString('utf8')) as {
      offset: unknown;
      end: unknown;
    };
    if (typeof token.offset === 'number' && typeof token.end === 'number')
      return { offset: token.offset, end: token.end };
  } catch {
    // answered below
  }
  throw new ServiceError(400, 'InvalidNextTokenException', 'The NextToken is not valid.');
}
