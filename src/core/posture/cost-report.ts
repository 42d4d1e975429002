// The "Cost Estimate" report of a connection or folder: a Markdown page of totals, the API-call estimate and
// the saving from deleting unused secrets. Names, counts, dates and amounts only.
import { cleanupAfterDays } from '../access/cleanup';
import { formatUsd, micros, type CostEstimate } from './cost';
import type { Prices } from './prices';

export interface CostReportInput {
  /** The connection, and the folder when the report is of one. */
  scope: string;
  estimate: CostEstimate;
  prices: Prices;
  /** The local vault is not billed: its figures are what AWS would charge for the same secrets. */
  localOnly: boolean;
  /** Where the API-call sample came from, e.g. "CloudTrail"; undefined when there was none. */
  sampleSource?: string;
  /** Why API calls could not be sampled. */
  sampleError?: string;
  /** Secrets that could not be described: their replicas are not counted. */
  undescribed?: string[];
  generatedAt: Date;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
const day = (date: Date | undefined) => (date ? date.toISOString().slice(0, 10) : 'never');

export function costReport(input: CostReportInput): string {
  const { estimate: e, prices } = input;
  const apiCalls = e.apiCalls;
  return [
    `# Cost estimate: ${cell(input.scope)}`,
    '',
    `${e.secrets.length} secret(s), ${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.` +
      (input.localOnly ? ' The local vault is not billed: these are the figures at AWS Secrets Manager prices.' : ''),
    '',
    `Estimated per month: **${formatUsd(e.totalMonthly)}**`,
    '',
    '| item | count | per month |',
    '| --- | --- | --- |',
    `| Secrets | ${e.billedSecrets} | ${formatUsd(e.billedSecrets * micros(prices.perSecretMonth))} |`,
    `| Replicas (billed as secrets) | ${e.replicas} | ${formatUsd(e.replicas * micros(prices.perSecretMonth))} |`,
    `| Scheduled for deletion (not billed) | ${e.scheduledForDeletion} | ${formatUsd(0)} |`,
    apiCalls
      ? `| API calls (estimated) | ${apiCalls.perMonth} | ${formatUsd(apiCalls.monthly)} |`
      : '| API calls | not estimated | — |',
    `| **Total** | | **${formatUsd(e.totalMonthly)}** |`,
    '',
    apiCalls
      ? `API calls: ${apiCalls.sampled} call(s) in ${apiCalls.days} day(s) of ${input.sampleSource ?? 'access sample'}, extrapolated to a 730-hour month.`
      : input.sampleError
        ? `API calls: not estimated, the access sample could not be read: ${input.sampleError}`
        : 'API calls: not estimated, no access sample (CloudTrail or the local server access log) for this connection.',
    '',
    ...(input.undescribed?.length
      ? [
          `Replicas not counted for ${input.undescribed.length} secret(s) DescribeSecret failed on: ${input.undescribed.map(cell).join(', ')}.`,
          '',
        ]
      : []),
    ...unusedSection(e),
    `Prices: ${formatUsd(micros(prices.perSecretMonth))} per secret per month, ` +
      `${formatUsd(micros(prices.per10kApiCalls))} per 10,000 API calls (${prices.asOf}; ${prices.source}). ` +
      'Override them with the `secretsWorkbench.cost.*` settings.',
    '',
  ].join('\n');
}

function unusedSection(e: CostEstimate): string[] {
  if (!e.unused.length)
    return [
      `## Unused secrets`,
      '',
      `None: no billed secret has gone ${cleanupAfterDays} days without a read (or since its creation, if never read).`,
      '',
    ];
  return [
    '## Unused secrets',
    '',
    `Deleting the ${e.unused.length} secret(s) unread for ${cleanupAfterDays} days (or never read, created that long ago) would save ` +
      `**${formatUsd(e.savingMonthly)}** per month.`,
    '',
    '| secret | last read | replicas | per month |',
    '| --- | --- | --- | --- |',
    ...e.unused.map(
      (c) => `| ${cell(c.name)} | ${day(c.unused?.lastAccessedDate)} | ${c.replicas} | ${formatUsd(c.monthly)} |`,
    ),
    '',
  ];
}

/** The tree's cost lens of a connection or folder, from the secrets its listing holds (no DescribeSecret). */
export function costLens(
  estimate: CostEstimate,
  context: { complete: boolean; localOnly: boolean; filtered: boolean },
): { description: string; tooltip: string } {
  const amount = `${context.complete ? '≈' : '≥'} ${formatUsd(estimate.storageMonthly)}/mo`;
  const lines = [
    `**Cost** ${amount} at Secrets Manager prices${context.localOnly ? ' (the local vault itself is not billed)' : ''}:`,
    `${estimate.billedSecrets} secret(s) billed` +
      (estimate.scheduledForDeletion ? `, ${estimate.scheduledForDeletion} scheduled for deletion (not billed)` : ''),
  ];
  if (estimate.unused.length) {
    lines.push(
      `${estimate.unused.length} unused (unread for ${cleanupAfterDays} days): deleting them saves ${formatUsd(estimate.savingMonthly)}/mo`,
    );
  }
  if (!context.complete) lines.push('Only the secrets loaded so far are counted.');
  if (context.filtered) lines.push('Only the secrets the filter shows are counted.');
  lines.push(`${context.localOnly ? 'API calls' : 'Replicas and API calls'}: see Cost Estimate.`);
  return { description: amount, tooltip: lines.join('  \n') };
}
