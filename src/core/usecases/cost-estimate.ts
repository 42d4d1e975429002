// Cost Estimate of a connection or one of its folders (#23). Lists every secret (those scheduled for deletion
// too), describes each billed one for its replicas (ListSecrets does not report them), takes the
// access sample the front provides, and estimates (core/posture/cost.ts). Reads no value.
import { readAccessHistory } from '../access/log';
import { listAllSecrets } from '../aws/paginate';
import { estimateCost, sampleOf, type AccessSample, type CostEstimate } from '../posture/cost';
import type { Prices } from '../posture/prices';
import type { SecretMetadata, SecretStore } from '../store/types';
import { attempt } from './ports';

/** Calls sampled for the estimate, where from, and how many times as many secrets they stand for. */
export interface SampledCalls {
  samples: AccessSample[];
  source: string;
  scale?: number;
}

/** Where API calls are sampled from (the local server's access log, CloudTrail), given the billed secrets. */
export type AccessSamplePort = (billed: readonly SecretMetadata[], now: Date) => Promise<SampledCalls | undefined>;

/** The local server's access log as the sample; none while the log is missing or empty. */
export function accessLogSample(logPath: string): AccessSamplePort {
  return async () => {
    const events = await readAccessHistory(logPath);
    return events.length ? { samples: [{ events }], source: 'the local server access log' } : undefined;
  };
}

const dayMs = 86_400_000;

/**
 * The store's own history of each secret (CloudTrail LookupEvents for AWS), one sample per secret over its
 * own period: the history's window (CloudTrail keeps 90 days) or since creation, or since the oldest event
 * when the limit cut the history short. LookupEvents allows 2 calls a second, so at most `maxSecrets` secrets,
 * spread over the list, are sampled and stand for the rest.
 */
export function storeHistorySample(
  store: SecretStore,
  options: { maxSecrets?: number; limitPerSecret?: number; windowDays?: number; source?: string } = {},
): AccessSamplePort {
  const { maxSecrets = 20, limitPerSecret = 100, windowDays = 90, source = 'CloudTrail' } = options;
  return async (billed, now) => {
    if (!store.accessEvents || !billed.length) return undefined;
    const step = Math.ceil(billed.length / maxSecrets);
    const chosen = billed.filter((_, i) => i % step === 0);
    const samples: AccessSample[] = [];
    for (const secret of chosen) {
      const events = await store.accessEvents({ name: secret.name, arn: secret.arn }, { limit: limitPerSecret });
      const oldest = events.reduce((min, e) => Math.min(min, e.time.getTime()), now.getTime());
      const window = Math.max(now.getTime() - windowDays * dayMs, secret.createdDate.getTime());
      samples.push({ events, since: new Date(events.length >= limitPerSecret ? oldest : window), until: now });
    }
    const note = chosen.length < billed.length ? ` (${chosen.length} of ${billed.length} secrets, scaled to all)` : '';
    return { samples, source: `${source}${note}`, scale: billed.length / chosen.length };
  };
}

export interface CostEstimateRequest {
  store: SecretStore;
  /** '' for the whole connection, else a folder prefix ending in '/'. */
  prefix: string;
  prices: Prices;
  now: Date;
  /** Without it (or when it has no sample), API calls are not estimated. */
  accessSample?: AccessSamplePort;
}

export interface CostEstimateResult {
  estimate: CostEstimate;
  sampleSource?: string;
  /** Why there is no sample when taking it failed (e.g. the missing CloudTrail permission, named). */
  sampleError?: string;
  /** Secrets DescribeSecret failed on (e.g. deleted meanwhile): their replicas are not counted. */
  undescribed: string[];
}

/** DescribeSecret calls in flight at once. */
const describeConcurrency = 4;

export async function estimateStoreCost(request: CostEstimateRequest): Promise<CostEstimateResult> {
  const { store, prefix } = request;
  const listed = await attempt('Listing secrets', () => listAllSecrets(store, { includePlannedDeletion: true }));
  const inScope = listed.filter((s) => s.name.startsWith(prefix));
  const undescribed: string[] = [];
  const secrets = await describeBilled(store, inScope, undescribed);
  const billed = secrets.filter((s) => !s.deletedDate);
  let sampled: SampledCalls | undefined;
  let sampleError: string | undefined;
  try {
    sampled = await request.accessSample?.(billed, request.now);
  } catch (error) {
    sampleError = error instanceof Error ? error.message : String(error);
  }
  // a folder counts only its secrets' calls (a per-secret history holds nothing else anyway)
  const samples = sampled && (prefix ? sampled.samples.map((s) => sampleOf(s, secrets)) : sampled.samples);
  return {
    estimate: estimateCost(secrets, request.prices, request.now, samples, sampled?.scale),
    ...(sampled ? { sampleSource: sampled.source } : {}),
    ...(sampleError ? { sampleError } : {}),
    undescribed,
  };
}

async function describeBilled(
  store: SecretStore,
  secrets: readonly SecretMetadata[],
  undescribed: string[],
): Promise<SecretMetadata[]> {
  const described = [...secrets];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < described.length; i = next++) {
      if (described[i].deletedDate) continue; // not billed, replicas or not
      try {
        described[i] = await store.describeSecret(described[i].arn);
      } catch {
        undescribed.push(described[i].name);
      }
    }
  };
  await Promise.all(Array.from({ length: describeConcurrency }, worker));
  return described;
}
