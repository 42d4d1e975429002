// "Show Rotation Logs" for one secret, for both fronts: reads its rotation function's recent log events (CloudWatch
// Logs on AWS; the recorded steps of local rotations) and reports the failing step's events with a link to the
// Lambda. Metadata only: no secret value is read.
import { readRotationHealth } from '../posture/rotation-health';
import { analyzeRotationLogs, rotationLogsReport } from '../posture/rotation-logs';
import { functionNameOf, generatedValueRotation, logGroupOf } from '../store/rotation-steps';
import type { SecretMetadata } from '../store/types';
import type { Destination } from './create-secret';
import { attempt, type Ports } from './ports';

const day = 86_400_000;

/**
 * From when to read: a day before the latest rotation event (the last change, which a stuck AWSPENDING version
 * made, the missed next date, the last rotation), however long ago that was; a week without any.
 */
export function logWindowStart(metadata: SecretMetadata, now: Date): Date {
  const marks = [metadata.nextRotationDate, metadata.lastChangedDate, metadata.lastRotatedDate]
    .filter((d): d is Date => d !== undefined && d.getTime() <= now.getTime())
    .map((d) => d.getTime());
  return new Date(marks.length ? Math.max(...marks) - day : now.getTime() - 7 * day);
}

/** Returns the report (Markdown). */
export async function showRotationLogs(
  ports: Pick<Ports, 'progress'>,
  at: Destination,
  name: string,
  now: Date = new Date(),
): Promise<string> {
  const store = await at.store();
  const logs = store.rotationLogs;
  if (!logs) throw new Error(`The connection ${at.label} keeps no rotation logs.`);
  return ports.progress(`Reading the rotation logs of ${name}`, async () => {
    const metadata = await attempt(`Describing "${name}"`, () => store.describeSecret(name));
    const health = await attempt(`Reading the rotation health of "${name}"`, () =>
      readRotationHealth(store, metadata.arn, now),
    );
    const lambdaArn = metadata.rotationLambdaArn;
    const logGroupName = logGroupOf(lambdaArn ? functionNameOf(lambdaArn) : generatedValueRotation);
    const since = logWindowStart(metadata, now);
    const events = await attempt(`Reading ${logGroupName}`, () =>
      logs.filterEvents({ logGroupName, startTime: since.getTime() }),
    );
    return rotationLogsReport({
      secretName: metadata.name,
      connectionLabel: at.label,
      health: `${health.state} — ${health.reason}`,
      logGroupName,
      source: logs.source,
      lambdaArn,
      since,
      analysis: events && analyzeRotationLogs(events, metadata),
    });
  });
}
