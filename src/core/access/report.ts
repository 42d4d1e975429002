// The "Who read this secret" page: Markdown, newest call first. Names, principals, addresses and dates only.
import { cleanupAfterDays, describeUnread, type Unread } from './cleanup';
import { valueReadActions, type AccessEvent } from './event';

/** What readSecretAccessHistory (core/usecases/access-history.ts) returns. */
export interface SecretAccessHistory {
  name: string;
  arn: string;
  /** DescribeSecret's LastAccessedDate (to the day); undefined when never read. */
  lastAccessed?: Date;
  unread?: Unread;
  cleanupCandidate: boolean;
  /** Newest first. */
  events: AccessEvent[];
  /** Where the events come from, for the reader. */
  source: 'cloudtrail' | 'local';
}

/** Markdown cells cannot hold `|` or line breaks. */
const cell = (text: string | undefined) => (text ? text.replace(/\|/g, '\\|').replace(/\s+/g, ' ') : '—');
const when = (date: Date) => date.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

const sources: Record<SecretAccessHistory['source'], string> = {
  cloudtrail: 'CloudTrail LookupEvents on the secret (management events; CloudTrail keeps the last 90 days)',
  local: "the local server's access log beside the vault (`<vault>.access.jsonl`)",
};

export function accessHistoryReport(connectionLabel: string, history: SecretAccessHistory, generatedAt: Date): string {
  const reads = history.events.filter((e) => valueReadActions.has(e.action) && !e.errorCode).length;
  const lastAccessed = history.lastAccessed ? history.lastAccessed.toISOString().slice(0, 10) : 'never';
  const cleanup =
    history.cleanupCandidate && history.unread
      ? [
          `**Cleanup candidate:** ${describeUnread(history.unread)} (over ${cleanupAfterDays}). ` +
            'If nothing uses it any more, delete it: every secret is billed monthly.',
          '',
        ]
      : [];
  return [
    `# Who read ${cell(history.name)}`,
    '',
    `${cell(connectionLabel)} · \`${cell(history.arn)}\` · ${when(generatedAt)}`,
    '',
    `Last accessed (DescribeSecret, to the day): ${lastAccessed}`,
    '',
    ...cleanup,
    `${history.events.length} call(s), ${reads} value read(s), newest first, from ${sources[history.source]}.`,
    '',
    ...(history.events.length === 0
      ? ['No calls recorded.']
      : [
          '| time | principal | source IP | event | version | result |',
          '| --- | --- | --- | --- | --- | --- |',
          ...history.events.map(
            (e) =>
              `| ${when(e.time)} | ${cell(e.principal)} | ${cell(e.sourceIp)} | ${cell(e.action)} | ` +
              `${cell([e.versionStage, e.versionId?.slice(0, 8)].filter(Boolean).join(' '))} | ${cell(e.errorCode ?? 'ok')} |`,
          ),
        ]),
    '',
  ].join('\n');
}
