// Rotate a secret: with its rotation Lambda (start, then wait until the new version is AWSCURRENT), or with a
// generated value for the whole secret or one key of a JSON object. Both fronts call these functions.
import { waitForRotation, type RotationOutcome, type WaitForRotationOptions } from '../aws/rotation';
import { jsonObjectKeys } from '../explorer/value-format';
import { rotateWithGeneratedValue } from '../store/rotate-value';
import type { RandomPasswordInput, SecretStore, VersionRef } from '../store/types';
import type { Destination } from './create-secret';
import { attempt, required, type Ports, type ProgressReport } from './ports';

export interface RotateRequest {
  name: string;
  /** The configured rotation Lambda, when the secret has one and the store can run it. */
  rotationLambdaArn?: string;
  /** 'lambda' or 'generate'; undefined asks when there is a Lambda to choose. */
  how?: 'lambda' | 'generate';
  /** The JSON key to regenerate, null for the whole value; undefined asks when the value is a JSON object. */
  jsonKey?: string | null;
  passwordRules: RandomPasswordInput;
  /** How long to wait for a Lambda rotation before calling it stuck. */
  waitMs: number;
}

type Rotated = VersionRef & { versionStages?: string[] };

/** Rotates; the returned version is now AWSCURRENT. */
export async function rotateSecret(ports: Ports, at: Destination, request: RotateRequest): Promise<Rotated> {
  const { name } = request;
  const how = request.how ?? (request.rotationLambdaArn ? await askHow(ports, request) : 'generate');
  const store = await at.store();
  const rotated =
    how === 'lambda'
      ? await ports.progress(`Rotating ${name}`, (progress) => rotateWithLambdaAndWait(store, request, progress), true)
      : await rotateGenerated(ports, store, request);
  ports.log.info(`Rotated ${name} in ${at.label}: version ${rotated.versionId} is AWSCURRENT.`);
  return rotated;
}

async function askHow(ports: Ports, request: RotateRequest): Promise<'lambda' | 'generate'> {
  return required(
    await ports.ui.pick<'lambda' | 'generate'>(
      [
        { label: 'Rotate with the configured Lambda', description: request.rotationLambdaArn, value: 'lambda' },
        { label: 'Generate a new value', description: 'without the Lambda', value: 'generate' },
      ],
      { title: 'Rotate Secret', placeholder: `How to rotate "${request.name}"` },
    ),
  );
}

async function rotateGenerated(ports: Ports, store: SecretStore, request: RotateRequest): Promise<Rotated> {
  const { name } = request;
  let jsonKey = request.jsonKey;
  if (jsonKey === undefined) {
    const current = await attempt(`Reading "${name}" to rotate it`, () => store.getSecretValue({ secretId: name }));
    const keys = jsonObjectKeys(current.secretString);
    jsonKey = keys?.length
      ? required(
          await ports.ui.pick<string | null>(
            [
              { label: 'The whole value', description: 'replace it with one generated password', value: null },
              ...keys.map((k) => ({ label: `Key "${k}"`, description: 'generate this key only', value: k })),
            ],
            { title: 'Rotate Secret', placeholder: `What to regenerate in "${name}"` },
          ),
        )
      : null;
  }
  return ports.progress(`Rotating ${name}`, () =>
    attempt(`Rotating "${name}"`, () =>
      rotateWithGeneratedValue(store, {
        secretId: name,
        passwordRules: request.passwordRules,
        ...(jsonKey !== null ? { jsonKey } : {}),
      }),
    ),
  );
}

/** Starts the configured Lambda and waits; a rotation that does not finish is an error naming where it stands. */
async function rotateWithLambdaAndWait(
  store: SecretStore,
  request: RotateRequest,
  progress: ProgressReport,
): Promise<Rotated> {
  const { name } = request;
  const started = await attempt(`Starting the rotation of "${name}"`, () =>
    store.rotateSecret({ secretId: name, rotateImmediately: true }),
  );
  const versionId = started.versionId;
  if (!versionId) throw new Error(`Rotating "${name}" did not start a new version. Check its rotation configuration.`);
  progress.report('createSecret → setSecret → testSecret → finishSecret');
  const abort = new AbortController();
  progress.onCancel(() => abort.abort());
  const outcome = await waitForLambda(store, name, {
    versionId,
    timeoutMs: request.waitMs,
    pollIntervalMs: 250,
    signal: abort.signal,
  }).catch((error: unknown) => {
    if (abort.signal.aborted) {
      throw new Error(
        `Stopped waiting: the rotation of "${name}" continues in AWS (version ${versionId} is AWSPENDING).`,
      );
    }
    throw error;
  });
  if (outcome.status !== 'succeeded') throw new Error(`Rotating "${name}": ${outcome.message}`);
  return { name: started.name, arn: started.arn, versionId };
}

/**
 * Waits for a started Lambda rotation. A store that caches stages (AWS) waits through its own method, which
 * drops the cache before each poll; any other store is polled as it is.
 */
export function waitForLambda(
  store: SecretStore,
  name: string,
  options: WaitForRotationOptions,
): Promise<RotationOutcome> {
  const own = (store as Partial<{ waitForRotation: OwnWait }>).waitForRotation;
  return own ? own.call(store, name, options) : waitForRotation(store, name, options);
}

type OwnWait = (secretId: string, options: WaitForRotationOptions) => Promise<RotationOutcome>;
