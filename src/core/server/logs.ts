// CloudWatch Logs' FilterLogEvents (JSON 1.1, `Logs_20140328.*`, signed for `logs`) over the served store's rotation
// logs (the recorded steps of its simulated rotation Lambdas and generated-value rotations), so "Show Rotation Logs"
// runs end to end with the real SDK client on loopback. Term filter patterns only (`a b`, `"a b"`, `?a ?b`, `-a`).
import { SecretsError } from '../store/errors';
import type { LogEvent } from '../store/rotation-steps';
import type { Operation, Reader } from './wire';

export const logsTargetPrefix = 'Logs_20140328.';

const invalid = (message: string) => new SecretsError('InvalidParameterException', message);

/** Whether a term pattern matches a message: all plain terms, any `?` term, no `-` term; case-sensitive, as AWS. */
export function matchesTermPattern(pattern: string | undefined, message: string): boolean {
  const text = (pattern ?? '').trim();
  if (!text || text === '""') return true;
  if (/^[{[]/.test(text)) throw invalid('Only term filter patterns are supported by the local server.');
  const terms = [...text.matchAll(/([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)].map((m) => ({
    op: m[1],
    term: m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!,
  }));
  const any = terms.filter((t) => t.op === '?');
  return (
    terms.every((t) => t.op !== '' || message.includes(t.term)) &&
    terms.every((t) => t.op !== '-' || !message.includes(t.term)) &&
    (!any.length || any.some((t) => message.includes(t.term)))
  );
}

function readOffset(token: string | undefined): number {
  if (token === undefined) return 0;
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw invalid('The nextToken is not valid.');
  return offset;
}

function readLimit(r: Reader): number {
  const limit = r.number('limit') ?? 10_000;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw invalid('limit must be between 1 and 10000.');
  return limit;
}

/** The group named by `logGroupName`, or by `logGroupIdentifier` (a name or a log group ARN). */
function groupName(r: Reader): string {
  const name = r.string('logGroupName');
  const identifier = r.string('logGroupIdentifier');
  if (name && identifier) throw invalid('Specify logGroupName or logGroupIdentifier, not both.');
  const group = name ?? identifier?.replace(/^arn:[^:]+:logs:[^:]*:\d*:log-group:/, '').replace(/:\*$/, '');
  if (!group) throw invalid('logGroupName or logGroupIdentifier is required.');
  return group;
}

export const logsOperations: Record<string, Operation> = {
  async FilterLogEvents(store, r) {
    const logGroupName = groupName(r);
    const streams = r.strings('logStreamNames');
    const prefix = r.string('logStreamNamePrefix');
    if (streams && prefix) throw invalid('Specify logStreamNames or logStreamNamePrefix, not both.');
    const pattern = r.string('filterPattern');
    const limit = readLimit(r);
    const offset = readOffset(r.string('nextToken'));
    const events = await store.rotationLogs?.filterEvents({
      logGroupName,
      startTime: r.number('startTime'),
      endTime: r.number('endTime'),
    });
    if (!events) throw new SecretsError('ResourceNotFoundException', 'The specified log group does not exist.');
    const matching = events.filter(
      (e: LogEvent) =>
        (!streams || streams.includes(e.logStreamName)) &&
        (!prefix || e.logStreamName.startsWith(prefix)) &&
        matchesTermPattern(pattern, e.message),
    );
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? offset + limit : undefined;
    return {
      events: page.map((e) => ({
        logStreamName: e.logStreamName,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.timestamp,
        eventId: e.eventId,
      })),
      searchedLogStreams: [],
      ...(next !== undefined ? { nextToken: Buffer.from(String(next)).toString('base64url') } : {}),
    };
  },
};
