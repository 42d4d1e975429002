// A rotation Lambda's log events from CloudWatch Logs (FilterLogEvents), for "Show Rotation Logs". The client is
// made on first use with the connection's region, credentials and endpoint (an endpoint override, such as the
// project's local server or LocalStack, serves Logs too), through a factory that tests can replace.
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  type CloudWatchLogsClientConfig,
} from '@aws-sdk/client-cloudwatch-logs';
import type { LogEvent, LogQuery, RotationLogReader } from '../store/rotation-steps';

export type LogsClientFactory = (config: CloudWatchLogsClientConfig) => CloudWatchLogsClient;

/** FilterLogEvents pages read at most (10,000 events): the report is about the recent past. */
const maxPages = 10;

export class CloudWatchRotationLogs implements RotationLogReader {
  readonly source: string;
  private client: CloudWatchLogsClient | undefined;

  constructor(
    private readonly config: CloudWatchLogsClientConfig & { region: string },
    private readonly factory: LogsClientFactory = (c) => new CloudWatchLogsClient(c),
  ) {
    this.source = `CloudWatch Logs, ${config.region}`;
  }

  async filterEvents(query: LogQuery): Promise<LogEvent[] | undefined> {
    this.client ??= this.factory(this.config);
    const events: LogEvent[] = [];
    let nextToken: string | undefined;
    try {
      for (let page = 0; page < maxPages; page++) {
        const out = await this.client.send(
          new FilterLogEventsCommand({
            logGroupName: query.logGroupName,
            startTime: query.startTime,
            endTime: query.endTime,
            nextToken,
          }),
        );
        for (const e of out.events ?? []) {
          events.push({
            timestamp: e.timestamp ?? 0,
            message: e.message ?? '',
            logStreamName: e.logStreamName ?? '',
            eventId: e.eventId,
          });
        }
        nextToken = out.nextToken;
        if (!nextToken) break;
      }
    } catch (error) {
      // a group that does not exist: the function has not logged yet (or never ran)
      if ((error as { name?: string })?.name === 'ResourceNotFoundException') return undefined;
      throw explainLogsFailure(error, query.logGroupName);
    }
    return events;
  }

  destroy(): void {
    this.client?.destroy();
  }
}

/** A refusal names the permission to add. */
function explainLogsFailure(error: unknown, logGroupName: string): Error {
  const name = (error as { name?: string })?.name;
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return new Error(
      `Reading ${logGroupName} was refused: the credentials need logs:FilterLogEvents on that log group.`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
