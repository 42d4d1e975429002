// Rotate a secret: with its rotation Lambda (start, then wait until the new version is AWSCURRENT), or with a
// generated value for the whole secret or one key of a JSON object. Both fronts call these functions.
import { waitForRotation } from '../aws/rotation';
// not explorer/value-format: it loads jsonc-parser, which the CLI's `secrets` commands must not pay for
import { parseJsonObject, rotateWithGeneratedValue } from '../store/rotate-value';
import type {
  RandomPasswordInput,
  RotateSecretInput,
  RotationRules,
  SecretRef,
  SecretStore,
  VersionRef,
} from '../store/types';
import type { Destination } from './create-secret';
import { attempt, required, type Ports, type ProgressReport, type UserInput } from './ports';

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
    const object = parseJsonObject(current.secretString);
    const keys = object && Object.keys(object);
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
  if (!store.capabilities.rotationLambda) throw new Error(`The store of "${name}" runs no rotation Lambdas.`);
  const started = await attempt(`Starting the rotation of "${name}"`, () =>
    store.rotateSecret({ secretId: name, rotateImmediately: true }),
  );
  const versionId = started.versionId;
  if (!versionId) throw new Error(`Rotating "${name}" did not start a new version. Check its rotation configuration.`);
  progress.report('createSecret → setSecret → testSecret → finishSecret');
  const abort = new AbortController();
  progress.onCancel(() => abort.abort());
  const outcome = await waitForRotation(store, name, {
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

/** The rotation Lambda, its schedule, and whether to rotate at once. */
export type RotationConfig = Required<Pick<RotateSecretInput, 'rotationLambdaArn' | 'rotationRules'>> & {
  rotateImmediately: boolean;
};

/** The interactive form of `configureRotation`: the Lambda's ARN, a schedule, and whether to rotate now. */
export async function askRotationConfig(
  ui: UserInput,
  secret: { name: string; rotationLambdaArn?: string },
): Promise<RotationConfig> {
  const title = 'Configure Rotation';
  const rotationLambdaArn = required(
    await ui.text({
      title,
      prompt: `ARN of the rotation Lambda for "${secret.name}"`,
      value: secret.rotationLambdaArn ?? '',
      validate: (t) =>
        /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9-_]+(:[\w$-]+)?$/.test(t)
          ? undefined
          : 'Enter a Lambda function ARN.',
      step: { current: 1, total: 3 },
    }),
  );
  const schedule = required(
    await ui.pick<RotationRules | 'custom'>(
      [
        { label: 'Every 30 days', value: { automaticallyAfterDays: 30 } },
        { label: 'Every 90 days', value: { automaticallyAfterDays: 90 } },
        { label: 'Every 7 days', value: { automaticallyAfterDays: 7 } },
        { label: 'Schedule expression…', description: 'rate(…) or cron(…)', value: 'custom' },
      ],
      { title, placeholder: 'Rotation schedule', step: { current: 2, total: 3 } },
    ),
  );
  const rotationRules: RotationRules =
    schedule === 'custom'
      ? {
          scheduleExpression: required(
            await ui.text({
              title,
              prompt: 'Schedule expression',
              placeholder: 'rate(10 days) or cron(0 8 1 * ? *)',
              validate: (t) => (/^(rate|cron)\(.+\)$/.test(t) ? undefined : 'Use rate(…) or cron(…).'),
            }),
          ),
        }
      : schedule;
  const rotateImmediately = required(
    await ui.pick(
      [
        { label: 'Save and rotate now', value: true },
        { label: 'Save only', description: 'the first rotation follows the schedule', value: false },
      ],
      { title, step: { current: 3, total: 3 } },
    ),
  );
  return { rotationLambdaArn, rotationRules, rotateImmediately };
}

/** Sets the rotation Lambda and schedule (and starts a rotation unless told not to). */
export async function configureRotation(
  ports: Ports,
  at: Destination,
  name: string,
  config: Partial<RotationConfig>,
): Promise<SecretRef & { versionId?: string }> {
  const store = await at.store();
  const started = await ports.progress(`Configuring rotation of ${name}`, () =>
    attempt(`Configuring rotation of "${name}"`, () => store.rotateSecret({ secretId: name, ...config })),
  );
  ports.log.info(`Configured rotation of ${name} in ${at.label}.`);
  return started;
}
