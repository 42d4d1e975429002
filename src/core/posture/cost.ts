// What a set of secrets costs a month at Secrets Manager's prices (prices.ts), from metadata only:
// each secret not scheduled for deletion is billed, and so is each of its replicas; API calls are
// extrapolated from an access sample; unused secrets (unread for 90 days, or never read and created that long
// ago: access/cleanup.ts) are what deleting would save. Amounts are whole micro-dollars so that sums are exact.
import { isCleanupCandidate } from '../access/cleanup';
import type { AccessEvent } from '../access/event';
import type { SecretMetadata } from '../store/types';
import type { Prices } from './prices';

const dayMs = 86_400_000;
/** AWS prices a month as 730 hours. */
const monthMs = 730 * 3_600_000;

/** Micro-dollars (1 USD = 1,000,000). */
export type Micros = number;
export const micros = (usd: number): Micros => Math.round(usd * 1_000_000);

/** What the estimate needs of an AccessEvent (the local server's access log, CloudTrail). */
export type AccessEventLike = Pick<AccessEvent, 'time' | 'action'> &
  Partial<Pick<AccessEvent, 'secretId' | 'secretName' | 'secretArn'>>;

/** A sample of calls and the period it covers (default: its first event to now). */
export interface AccessSample {
  events: readonly AccessEventLike[];
  since?: Date;
  until?: Date;
}

export interface SecretCost {
  name: string;
  /** False while the secret is scheduled for deletion: AWS does not charge for it then. */
  billed: boolean;
  /** Replicas billed as secrets of their own (a `Failed` replica was not created). */
  replicas: number;
  monthly: Micros;
  unused?: { reason: 'never-read' | 'unread'; lastAccessedDate?: Date };
}

export interface ApiCallEstimate {
  /** Calls in the sample. */
  sampled: number;
  /** Days the sample covers (the longest part's). */
  days: number;
  perMonth: number;
  monthly: Micros;
}

export interface CostEstimate {
  secrets: SecretCost[];
  billedSecrets: number;
  replicas: number;
  scheduledForDeletion: number;
  storageMonthly: Micros;
  /** Absent without a usable sample: API calls are then not estimated. */
  apiCalls?: ApiCallEstimate;
  totalMonthly: Micros;
  /** Billed secrets that are cleanup candidates (access/cleanup.ts), most expensive first. */
  unused: SecretCost[];
  savingMonthly: Micros;
}

export function secretCost(secret: SecretMetadata, prices: Prices, now: Date): SecretCost {
  const billed = secret.deletedDate === undefined;
  const replicas = (secret.replicationStatus ?? []).filter((r) => r.status !== 'Failed').length;
  const cost: SecretCost = {
    name: secret.name,
    billed,
    replicas,
    monthly: billed ? (1 + replicas) * micros(prices.perSecretMonth) : 0,
  };
  const read = lastRead(secret);
  // "unused" as the tree's cleanup candidates (access/cleanup.ts), with reads in any region counted
  if (isCleanupCandidate({ ...secret, lastAccessedDate: read }, now)) {
    cost.unused = read ? { reason: 'unread', lastAccessedDate: read } : { reason: 'never-read' };
  }
  return cost;
}

/** The latest read in any region: a replica read keeps the secret in use. */
function lastRead(secret: SecretMetadata): Date | undefined {
  const dates = [secret.lastAccessedDate, ...(secret.replicationStatus ?? []).map((r) => r.lastAccessedDate)];
  return dates.reduce<Date | undefined>((latest, d) => (d && (!latest || d > latest) ? d : latest), undefined);
}

/**
 * Calls a month: each sample at its own rate (e.g. one per secret, each over its own period), all times `scale`
 * (the sampled secrets stand for `scale` times as many); undefined when no sample has a period (no events, no
 * start). A period shorter than a day counts as a day.
 */
export function estimateApiCalls(
  samples: AccessSample | readonly AccessSample[],
  prices: Prices,
  now: Date,
  scale = 1,
): ApiCallEstimate | undefined {
  let perMs = 0;
  let sampled = 0;
  let longest = 0;
  for (const sample of Array.isArray(samples) ? (samples as readonly AccessSample[]) : [samples as AccessSample]) {
    const since = sampleStart(sample)?.getTime();
    const until = sample.until?.getTime() ?? now.getTime();
    if (since === undefined || until < since) continue;
    // at least a day: a few calls just made must not extrapolate to thousands a month
    const period = Math.max(until - since, dayMs);
    perMs += sample.events.length / period;
    sampled += sample.events.length;
    longest = Math.max(longest, period);
  }
  if (!longest) return undefined;
  const perMonth = Math.round(perMs * monthMs * scale);
  return {
    sampled,
    days: Math.round((longest / dayMs) * 10) / 10,
    perMonth,
    monthly: Math.round((perMonth * micros(prices.per10kApiCalls)) / 10_000),
  };
}

/** Where the sample's period starts: as it says, else at its first event. */
function sampleStart(sample: AccessSample): Date | undefined {
  if (sample.since) return sample.since;
  // a loop, not Math.min(...times): a large sample would overflow the argument list
  const earliest = sample.events.reduce((min, e) => Math.min(min, e.time.getTime()), Infinity);
  return earliest === Infinity ? undefined : new Date(earliest);
}

/** The sample's events about one of `secrets`: by name or ARN as resolved, else as the caller wrote it. */
export function sampleOf(sample: AccessSample, secrets: readonly SecretMetadata[]): AccessSample {
  const names = new Set(secrets.flatMap((s) => [s.name, s.arn]));
  const arns = secrets.map((s) => s.arn);
  const named = (id: string | undefined) =>
    id !== undefined && (names.has(id) || (id.startsWith('arn:') && arns.some((arn) => arn.startsWith(`${id}-`))));
  // the period stays the whole sample's: a folder read less often has a lower rate, not a shorter period
  const since = sampleStart(sample);
  return {
    ...sample,
    ...(since ? { since } : {}),
    events: sample.events.filter((e) => named(e.secretArn) || named(e.secretName) || named(e.secretId)),
  };
}

export function estimateCost(
  secrets: readonly SecretMetadata[],
  prices: Prices,
  now: Date,
  sample?: AccessSample | readonly AccessSample[],
  sampleScale = 1,
): CostEstimate {
  const costs = secrets.map((s) => secretCost(s, prices, now));
  const billed = costs.filter((c) => c.billed);
  const storageMonthly = sum(costs.map((c) => c.monthly));
  const apiCalls = sample && estimateApiCalls(sample, prices, now, sampleScale);
  const unused = billed.filter((c) => c.unused).sort((a, b) => b.monthly - a.monthly || a.name.localeCompare(b.name));
  return {
    secrets: costs,
    billedSecrets: billed.length,
    replicas: sum(billed.map((c) => c.replicas)),
    scheduledForDeletion: costs.length - billed.length,
    storageMonthly,
    ...(apiCalls ? { apiCalls } : {}),
    totalMonthly: storageMonthly + (apiCalls?.monthly ?? 0),
    unused,
    savingMonthly: sum(unused.map((c) => c.monthly)),
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** `$1.20`; amounts under a cent keep four decimals (`$0.0015`), so API calls do not read as free. */
export function formatUsd(amount: Micros): string {
  if (amount === 0 || amount >= 10_000) return `$${(amount / 1_000_000).toFixed(2)}`;
  return amount < 100 ? '< $0.0001' : `$${(amount / 1_000_000).toFixed(4)}`;
}
