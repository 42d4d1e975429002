// AccessEvent ↔ CloudTrail's LookupEvents event shape. The local server answers LookupEvents with toCloudTrail
// and the AWS path reads real CloudTrail with fromCloudTrail, so the two fronts show events the same way.
import { createHash } from 'node:crypto';
import type { AccessEvent } from './event';

export const secretResourceType = 'AWS::SecretsManager::Secret';
export const secretsManagerEventSource = 'secretsmanager.amazonaws.com';

/** One event as LookupEvents returns it (the SDK's `Event`, dates as Date). */
export interface CloudTrailLookupEvent {
  EventId?: string;
  EventName?: string;
  ReadOnly?: string;
  AccessKeyId?: string;
  EventTime?: Date;
  EventSource?: string;
  Username?: string;
  Resources?: { ResourceType?: string; ResourceName?: string }[];
  /** The full CloudTrail record, as JSON text. */
  CloudTrailEvent?: string;
}

interface CloudTrailRecord {
  userIdentity?: { arn?: string; userName?: string; accessKeyId?: string };
  sourceIPAddress?: string;
  userAgent?: string;
  errorCode?: string;
  requestParameters?: { secretId?: string; name?: string; versionId?: string; versionStage?: string } | null;
  responseElements?: { arn?: string; name?: string } | null;
}

const readOnlyActions = /^(Get|Describe|List|BatchGet|Validate)/;

export function toCloudTrail(
  event: AccessEvent,
  context: { region: string; accountId: string },
): CloudTrailLookupEvent {
  const record = {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      arn: event.principal,
      accountId: context.accountId,
      accessKeyId: event.accessKeyId,
      userName: userNameOf(event.principal),
    },
    eventTime: event.time.toISOString().replace(/\.\d+Z$/, 'Z'),
    eventSource: secretsManagerEventSource,
    eventName: event.action,
    awsRegion: context.region,
    sourceIPAddress: event.sourceIp,
    userAgent: event.userAgent,
    errorCode: event.errorCode,
    requestParameters: event.secretId
      ? { secretId: event.secretId, versionId: event.versionId, versionStage: event.versionStage }
      : null,
    responseElements: null,
    readOnly: readOnlyActions.test(event.action),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: context.accountId,
  };
  const text = JSON.stringify(record);
  const resource = event.secretArn ?? event.secretId;
  return {
    EventId: uuidOf(text),
    EventName: event.action,
    ReadOnly: String(record.readOnly),
    AccessKeyId: event.accessKeyId,
    EventTime: event.time,
    EventSource: secretsManagerEventSource,
    Username: record.userIdentity.userName,
    Resources: resource ? [{ ResourceType: secretResourceType, ResourceName: resource }] : [],
    CloudTrailEvent: text,
  };
}

export function fromCloudTrail(event: CloudTrailLookupEvent): AccessEvent {
  const record = parseRecord(event.CloudTrailEvent);
  const request = record.requestParameters ?? {};
  const arn = event.Resources?.find((r) => r.ResourceType === secretResourceType)?.ResourceName;
  return withoutUndefined({
    time: event.EventTime ?? new Date(0),
    action: event.EventName ?? '',
    principal: record.userIdentity?.arn ?? event.Username ?? record.userIdentity?.userName ?? '',
    accessKeyId: event.AccessKeyId ?? record.userIdentity?.accessKeyId,
    sourceIp: record.sourceIPAddress,
    userAgent: record.userAgent,
    secretId: request.secretId ?? request.name,
    secretArn: arn?.startsWith('arn:') ? arn : undefined,
    versionId: request.versionId,
    versionStage: request.versionStage,
    errorCode: record.errorCode,
    source: 'cloudtrail',
  });
}

function parseRecord(text: string | undefined): CloudTrailRecord {
  try {
    const parsed: unknown = JSON.parse(text ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as CloudTrailRecord) : {};
  } catch {
    return {};
  }
}

/** `arn:aws:iam::123:user/path/name` → `name`; anything else as it is. */
function userNameOf(principal: string): string {
  return /:user\/(?:.*\/)?([^/]+)$/.exec(principal)?.[1] ?? principal;
}

/** A stable id per record, shaped like CloudTrail's (a UUID). */
function uuidOf(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
