// "Who read this secret" against AWS: CloudTrail LookupEvents filtered on the secret, newest first (CloudTrail's
// own order), mapped to AccessEvent. LookupEvents has no resource-level permissions, so a refusal means the
// identity lacks cloudtrail:LookupEvents altogether: that is what the one error message says.
import {
  CloudTrailClient,
  LookupEventsCommand,
  type CloudTrailClientConfig,
  type LookupEventsCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { fromCloudTrail } from '../access/cloudtrail';
import type { AccessEvent, SecretIdentity } from '../access/event';
import { lookupEventsPermission, MissingPermissionError } from '../access/permissions';
import { SecretsError } from '../store/errors';

export type CloudTrailClientFactory = (config: CloudTrailClientConfig) => CloudTrailClient;
export const defaultCloudTrailClientFactory: CloudTrailClientFactory = (config) => new CloudTrailClient(config);

/** Events read per lookup unless asked otherwise (LookupEvents pages hold 50 at most). */
export const defaultAccessEventLimit = 100;
const pageSize = 50;

/** The CloudTrail endpoint: AWS_ENDPOINT_URL_CLOUDTRAIL, else the connection's own (LocalStack, our server). */
export function cloudTrailEndpoint(env: NodeJS.ProcessEnv, connectionEndpoint: string | undefined): string | undefined {
  const ignoreConfigured = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true';
  return (ignoreConfigured ? undefined : env.AWS_ENDPOINT_URL_CLOUDTRAIL) || connectionEndpoint || undefined;
}

export async function lookupSecretAccess(
  client: CloudTrailClient,
  secret: SecretIdentity,
  options: { limit?: number } = {},
): Promise<AccessEvent[]> {
  const limit = options.limit ?? defaultAccessEventLimit;
  const events: AccessEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page: LookupEventsCommandOutput = await client.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: secret.arn ?? secret.name }],
        MaxResults: Math.min(pageSize, limit - events.length),
        NextToken: nextToken,
      }),
    );
    events.push(...(page.Events ?? []).map(fromCloudTrail));
    nextToken = page.NextToken;
  } while (nextToken && events.length < limit);
  return events.slice(0, limit);
}

/** AccessDenied → one actionable message naming the permission; other failures keep AWS's code and message. */
export function explainLookupFailure(error: unknown): Error {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.$metadata?.httpStatusCode === undefined || !e.name) return error as Error;
  if (e.name === 'AccessDeniedException' || e.name === 'AccessDenied') {
    const who = /User: (\S+) is not authorized/.exec(e.message ?? '')?.[1];
    return new MissingPermissionError(
      lookupEventsPermission,
      `Reading who accessed this secret needs the IAM permission ${lookupEventsPermission}, which ` +
        `${who ?? 'the connection’s credentials'} lack${who ? 's' : ''}. Allow ${lookupEventsPermission} on ` +
        `Resource "*" in that identity's policy (it has no resource-level scoping), then try again.`,
      { cause: error },
    );
  }
  return new SecretsError(e.name, `CloudTrail LookupEvents failed: ${e.message ?? e.name}`, { cause: error });
}
