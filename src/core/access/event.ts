// Who called what on which secret, when: one shape for the local server's access log and for CloudTrail events.
// Never holds a value; only names, ids, labels and dates.

export interface AccessEvent {
  /** When the call was answered. */
  time: Date;
  /** The API action, e.g. `GetSecretValue`. */
  action: string;
  /** Who called: an IAM ARN (CloudTrail's userIdentity.arn, the local server's user ARN) or a user name. */
  principal: string;
  /** The caller's access key id, when known. */
  accessKeyId?: string;
  /** The caller's address (127.0.0.1 for the local server). */
  sourceIp?: string;
  userAgent?: string;
  /** The secret as the caller named it (`SecretId`, or `Name` for CreateSecret). */
  secretId?: string;
  /** The secret's name and ARN as the service resolved them (absent when the call failed before resolving). */
  secretName?: string;
  secretArn?: string;
  versionId?: string;
  versionStage?: string;
  /** The service's error code when the call was refused (e.g. `ResourceNotFoundException`). */
  errorCode?: string;
  /** Where the event was read from. */
  source: 'local' | 'cloudtrail';
}

/** A secret as history filters match it: by name or ARN. */
export interface SecretIdentity {
  name: string;
  arn?: string;
}

/** True when the event concerns the secret (its name or ARN, as resolved or as the caller wrote it). */
export function concernsSecret(event: AccessEvent, secret: SecretIdentity): boolean {
  const names = new Set([secret.name, secret.arn].filter((n): n is string => Boolean(n)));
  return [event.secretArn, event.secretName, event.secretId].some((n) => n !== undefined && names.has(n));
}

/** Reads that return a value: the actions a "who read this secret" view is about. */
export const valueReadActions: ReadonlySet<string> = new Set(['GetSecretValue', 'BatchGetSecretValue']);

/** Newest first; equal times keep their order. */
export function newestFirst(events: readonly AccessEvent[]): AccessEvent[] {
  return [...events].sort((a, b) => b.time.getTime() - a.time.getTime());
}
