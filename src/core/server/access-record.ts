// What the access log records of one Secrets Manager call: the secret as asked for and as resolved, the version,
// the caller and the outcome. Built from named members only, so no value (SecretString, SecretBinary, a random
// password) can reach the log.
import type { AccessEvent } from '../access/event';

type Json = Record<string, unknown>;

export interface AccessCall {
  operation: string;
  /** The request body as parsed (undefined when it was not JSON). */
  request: Json | undefined;
  /** The answer on success. */
  output?: Json;
  errorCode?: string;
  caller: { principal: string; accessKeyId: string };
  sourceIp?: string;
  userAgent?: string;
  time: Date;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** One event per call; BatchGetSecretValue gives one per secret returned (or one for the call if none). */
export function accessEventsOf(call: AccessCall): AccessEvent[] {
  const base: AccessEvent = {
    time: call.time,
    action: call.operation || '(unknown)',
    principal: call.caller.principal,
    accessKeyId: call.caller.accessKeyId,
    sourceIp: call.sourceIp,
    userAgent: call.userAgent,
    errorCode: call.errorCode,
    source: 'local',
  };
  const values = call.output?.SecretValues;
  if (call.operation === 'BatchGetSecretValue' && Array.isArray(values) && values.length > 0) {
    return (values as Json[]).map((v) => compact({ ...base, ...resolved(v), secretId: text(v.ARN) }));
  }
  const request = call.request ?? {};
  return [
    compact({
      ...base,
      secretId: text(request.SecretId) ?? text(request.Name),
      ...resolved(call.output ?? {}),
      versionStage: text(request.VersionStage),
      versionId: text(call.output?.VersionId) ?? text(request.VersionId),
    }),
  ];
}

function resolved(output: Json): Partial<AccessEvent> {
  return { secretName: text(output.Name), secretArn: text(output.ARN), versionId: text(output.VersionId) };
}

/** The event without its undefined members, copied rather than `delete`d (delete makes V8's objects slow). */
function compact(event: AccessEvent): AccessEvent {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) if (value !== undefined) kept[key] = value;
  return kept as unknown as AccessEvent;
}
