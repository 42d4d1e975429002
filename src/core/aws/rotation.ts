// Waiting for an asynchronous (Lambda) rotation to finish. Works on any store; no SDK import here, so the CLI
// and the extension can use it without loading the AWS SDK.
import { Stage, type SecretStore } from '../store/types';

export interface WaitForRotationOptions {
  /** The version RotateSecret returned; without it, any AWSPENDING left is waited on. */
  versionId?: string;
  /** Default 5 minutes. */
  timeoutMs?: number;
  /** Default 2 seconds. */
  pollIntervalMs?: number;
  signal?: AbortSignal;
  /** Called before each DescribeSecret (the AWS store drops its cached stage map). */
  beforePoll?: () => void;
}

export type RotationOutcome =
  | { status: 'succeeded'; versionId?: string }
  /** Time-out with AWSPENDING still on a version that is not AWSCURRENT: the Lambda failed or hangs. */
  | { status: 'stuck'; pendingVersionId: string; message: string }
  /** Time-out without an AWSPENDING version, but the expected version never became AWSCURRENT. */
  | { status: 'timed-out'; message: string };

/** Polls DescribeSecret until AWSPENDING is cleared and the new version is AWSCURRENT, or the time-out. */
export async function waitForRotation(
  store: Pick<SecretStore, 'describeSecret'>,
  secretId: string,
  options: WaitForRotationOptions = {},
): Promise<RotationOutcome> {
  const deadline = Date.now() + (options.timeoutMs ?? 5 * 60 * 1000);
  const interval = options.pollIntervalMs ?? 2000;
  for (;;) {
    options.signal?.throwIfAborted();
    options.beforePoll?.();
    const stages = (await store.describeSecret(secretId)).versionIdsToStages;
    const pending = Object.entries(stages).find(([, s]) => s.includes(Stage.pending) && !s.includes(Stage.current));
    const expectedIsCurrent = options.versionId === undefined || stages[options.versionId]?.includes(Stage.current);
    if (!pending && expectedIsCurrent) return { status: 'succeeded', versionId: options.versionId };
    if (Date.now() >= deadline) {
      if (pending) {
        return {
          status: 'stuck',
          pendingVersionId: pending[0],
          message:
            `Rotation did not finish: version ${pending[0]} is still AWSPENDING. Check the rotation ` +
            "function's logs, then remove AWSPENDING from that version (or finish it) before rotating again.",
        };
      }
      return {
        status: 'timed-out',
        message: `Rotation did not finish in time: version ${options.versionId} never became AWSCURRENT.`,
      };
    }
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())), options.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
