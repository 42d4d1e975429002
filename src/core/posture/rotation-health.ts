// Rotation health of one secret (issue #23): failed, overdue, never rotated, not configured on a credential,
// or healthy, each with a one-line remedy. `rotationHealth` is pure over metadata and a clock;
// `readRotationHealth` gathers the facts from any store. Whether a secret holds a credential is decided from
// its metadata first (database owners, tags, AWS's rotation templates); only when that says nothing and the
// caller allows it is the value read, and then only its key names are looked at: no value leaves this file.
import { looksLikeDatabaseSecret } from '../database/detect';
import { parseJsonObject } from '../store/rotate-value';
import { Stage, type RotationRules, type SecretMetadata, type SecretStore } from '../store/types';

export type RotationState = 'failed' | 'overdue' | 'never-rotated' | 'not-configured' | 'healthy';

/** Each state as the badge and the report name it. */
export const rotationStateTitles: Record<RotationState, string> = {
  failed: 'Failed',
  overdue: 'Overdue',
  'not-configured': 'Not configured (credential)',
  'never-rotated': 'Never rotated',
  healthy: 'Healthy',
};

export interface RotationHealth {
  state: RotationState;
  /** What was found, in one line (dates, never values). */
  reason: string;
  /** What to do, in one line. */
  remedy: string;
}

export interface RotationFacts {
  metadata: SecretMetadata;
  /** When the version that holds AWSPENDING (and not AWSCURRENT) was created, if there is one. */
  pendingSince?: Date;
  /** The secret holds a credential (JSON with username and password, or a database secret). */
  credentialShaped?: boolean;
}

export interface HealthOptions {
  /** How long AWSPENDING may stay before the rotation counts as stuck; default one hour. */
  stuckAfterMs?: number;
  /** How long past its next rotation date a secret may go before the rotation counts as failed; default a day. */
  graceMs?: number;
}

const hour = 3_600_000;
const day = 24 * hour;
const date = (d: Date) => d.toISOString().slice(0, 10);

/** The schedule's interval, when it is one (`automaticallyAfterDays`, `rate(N days|hours)`); cron has none. */
export function rotationInterval(rules: RotationRules | undefined): number | undefined {
  if (rules?.automaticallyAfterDays) return rules.automaticallyAfterDays * day;
  const rate = /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/.exec(rules?.scheduleExpression ?? '');
  return rate ? Number(rate[1]) * (rate[2]!.startsWith('day') ? day : hour) : undefined;
}

export function rotationHealth(facts: RotationFacts, now: Date, options: HealthOptions = {}): RotationHealth {
  const { metadata, pendingSince, credentialShaped } = facts;
  const at = now.getTime();
  if (pendingSince && at - pendingSince.getTime() > (options.stuckAfterMs ?? hour)) {
    return {
      state: 'failed',
      reason: `A rotation has been stuck since ${date(pendingSince)}: a version still holds AWSPENDING.`,
      remedy: "Read the rotation function's logs for the failing step, fix it, then clear AWSPENDING and rotate again.",
    };
  }
  if (!metadata.rotationEnabled) {
    if (credentialShaped) {
      return {
        state: 'not-configured',
        reason: 'This credential has no rotation configured.',
        remedy: 'Turn on rotation with a rotation function for this credential, on a schedule (e.g. every 30 days).',
      };
    }
    if (!metadata.lastRotatedDate) {
      return {
        state: 'never-rotated',
        reason: `Never rotated since it was created on ${date(metadata.createdDate)}.`,
        remedy: 'Rotate it (a new value), and turn on scheduled rotation if it can be rotated.',
      };
    }
    return { state: 'healthy', reason: `Last rotated on ${date(metadata.lastRotatedDate)}.`, remedy: 'Nothing to do.' };
  }
  const next = metadata.nextRotationDate;
  if (next && at - next.getTime() > (options.graceMs ?? day)) {
    return {
      state: 'failed',
      reason: `The next rotation was due on ${date(next)} and has not happened.`,
      remedy: 'Check the rotation function (its logs and permissions), then rotate now.',
    };
  }
  const interval = rotationInterval(metadata.rotationRules);
  const since = metadata.lastRotatedDate ?? metadata.createdDate;
  if (interval !== undefined && at > since.getTime() + interval) {
    return {
      state: 'overdue',
      reason: `Due on ${date(new Date(since.getTime() + interval))} by its schedule; not rotated since ${date(since)}.`,
      remedy: 'Rotate now, and check the rotation window and schedule.',
    };
  }
  if (!metadata.lastRotatedDate) {
    return {
      state: 'never-rotated',
      reason: 'Rotation is configured but has never completed.',
      remedy: 'Rotate now once, to check that the rotation function works.',
    };
  }
  return {
    state: 'healthy',
    reason: `Last rotated on ${date(metadata.lastRotatedDate)}${next ? `; next on ${date(next)}` : ''}.`,
    remedy: 'Nothing to do.',
  };
}

/** Whether a secret string is JSON with both a username and a password. Only key names are read. */
export function isCredentialShaped(secretString: string | undefined): boolean {
  const object = parseJsonObject(secretString);
  return !!object && typeof object.username === 'string' && typeof object.password === 'string';
}

/**
 * Reads the facts from a store. `readValue`: when the metadata does not say whether the secret holds a
 * credential and rotation is off, read the current value once to look at its keys.
 */
export async function readRotationHealth(
  store: SecretStore,
  secretId: string,
  now: Date,
  options: HealthOptions & { readValue?: boolean } = {},
): Promise<RotationHealth> {
  const metadata = await store.describeSecret(secretId);
  const pending = Object.entries(metadata.versionIdsToStages).find(
    ([, stages]) => stages.includes(Stage.pending) && !stages.includes(Stage.current),
  );
  let pendingSince: Date | undefined;
  if (pending) {
    const { versions } = await store.listSecretVersionIds({ secretId, includeDeprecated: false });
    pendingSince = versions.find((v) => v.versionId === pending[0])?.createdDate;
  }
  let credentialShaped = looksLikeDatabaseSecret(metadata);
  if (!credentialShaped && !metadata.rotationEnabled && options.readValue) {
    credentialShaped = isCredentialShaped((await store.getSecretValue({ secretId })).secretString);
  }
  return rotationHealth({ metadata, pendingSince, credentialShaped }, now, options);
}

/**
 * The health from a listing entry alone (ListSecrets carries rotation, dates and stages), for the tree: no call
 * per secret. A stuck AWSPENDING is dated by the secret's last change, at or after the pending version's creation,
 * so a rotation counts as failed only when it certainly has been stuck long enough.
 */
export function listedRotationHealth(metadata: SecretMetadata, now: Date, options: HealthOptions = {}): RotationHealth {
  const pending = Object.values(metadata.versionIdsToStages).some(
    (stages) => stages.includes(Stage.pending) && !stages.includes(Stage.current),
  );
  const pendingSince = pending ? (metadata.lastChangedDate ?? metadata.createdDate) : undefined;
  return rotationHealth({ metadata, pendingSince, credentialShaped: looksLikeDatabaseSecret(metadata) }, now, options);
}
