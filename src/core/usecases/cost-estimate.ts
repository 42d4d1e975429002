// Cost Estimate of a connection or one of its folders (#23). Lists every secret (those scheduled for deletion
// too), describes each billed one for its replicas (ListSecrets does not report them), takes the
// access sample the front provides, and estimates (core/posture/cost.ts). Reads no value.
import { readAccessHistory } from '../access/log';
import { listAllSecrets } from '../aws/paginate';
import { estimateCost, sampleOf, type AccessSample, type CostEstimate } from '../posture/cost';
import type { Prices } from '../posture/prices';
import type { SecretMetadata, SecretStore } from '../store/types';
import { attempt } from './ports';

/** Where API calls are sampled from: the local server's access log, CloudTrail. */
export type AccessSamplePort = () => Promise<{ sample: AccessSample; source: string } | undefined>;

/** The local server's access log as the sample; none while the log is missing or empty. */
export function accessLogSample(logPath: string): AccessSamplePort {
  return async () => {
    const events = await readAccessHistory(logPath);
    return events.length ? { sample: { events }, source: 'the local server access log' } : undefined;
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
  const sampled = await request.accessSample?.();
  const sample = sampled && (prefix ? sampleOf(sampled.sample, secrets) : sampled.sample);
  return {
    estimate: estimateCost(secrets, request.prices, request.now, sample),
    ...(sampled ? { sampleSource: sampled.source } : {}),
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
