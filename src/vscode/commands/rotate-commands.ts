// Rotate Secret… (Lambda rotation with progress, or a generated value for the whole secret or one JSON key)
// and Configure Rotation… for AWS.
import type * as vscode from 'vscode';
import { jsonObjectKeys } from '../../core/explorer/value-format';
import { rotateWithGeneratedValue } from '../../core/store/rotate-value';
import { waitForRotation } from '../../core/aws/rotation';
import type { RotationRules, SecretMetadata, SecretStore } from '../../core/store/types';
import { Commands } from '../constants';
import type { ProgressReport, Services } from '../services';
import { attempt, registerCommand, required } from './runner';
import { contextSecretTarget, resolveSecret } from './targets';

export function registerRotateCommands(services: Services): vscode.Disposable[] {
  return [
    registerCommand(services, Commands.rotateSecret, async (node) => {
      const title = 'Rotate Secret';
      const ui = services.ui();
      const fromPalette = node === undefined;
      const notDeleted = (s: SecretMetadata) => !s.deletedDate;
      const { connection, secret } =
        (fromPalette ? await contextSecretTarget(services, notDeleted) : undefined) ??
        (await resolveSecret(services, node, title, notDeleted));
      // From the palette nothing on screen says which secret is about to change: name it, and the connection.
      if (
        fromPalette &&
        !(await ui.confirm({
          message: `Rotate "${secret.name}" in ${connection.label}?`,
          detail: 'A new version becomes AWSCURRENT; the current one becomes AWSPREVIOUS.',
          confirmLabel: 'Rotate',
        }))
      )
        return undefined;
      const store = await services.connections.getStore(connection.id);
      const how =
        store.capabilities.rotationLambda && secret.rotationLambdaArn
          ? required(
              await ui.pick<'lambda' | 'generate'>(
                [
                  {
                    label: 'Rotate with the configured Lambda',
                    description: secret.rotationLambdaArn,
                    value: 'lambda',
                  },
                  { label: 'Generate a new value', description: 'without the Lambda', value: 'generate' },
                ],
                { title, placeholder: `How to rotate "${secret.name}"` },
              ),
            )
          : 'generate';
      let versionId: string;
      if (how === 'lambda') {
        versionId = await services.progress(
          `Rotating ${secret.name}`,
          (progress) => rotateWithLambda(store, secret.name, progress, services.rotationWaitMs()),
          true,
        );
      } else {
        const current = await attempt(`Reading "${secret.name}" to rotate it`, () =>
          store.getSecretValue({ secretId: secret.name }),
        );
        const keys = jsonObjectKeys(current.secretString);
        const jsonKey = keys?.length
          ? required(
              await ui.pick<string | null>(
                [
                  { label: 'The whole value', description: 'replace it with one generated password', value: null },
                  ...keys.map((k) => ({ label: `Key "${k}"`, description: 'generate this key only', value: k })),
                ],
                { title, placeholder: `What to regenerate in "${secret.name}"` },
              ),
            )
          : null;
        const put = await services.progress(`Rotating ${secret.name}`, () =>
          attempt(`Rotating "${secret.name}"`, () =>
            rotateWithGeneratedValue(store, {
              secretId: secret.name,
              passwordRules: services.passwordRules(),
              ...(jsonKey !== null ? { jsonKey } : {}),
            }),
          ),
        );
        versionId = put.versionId;
      }
      services.log.info(`Rotated ${secret.name} in ${connection.label}: version ${versionId} is AWSCURRENT.`);
      services.afterChange(connection.id, secret.name);
      void ui.notify('info', `Rotated "${secret.name}": version ${versionId.slice(0, 8)} is now AWSCURRENT.`);
      return versionId;
    }),
    registerCommand(services, Commands.configureRotation, async (node) => {
      const title = 'Configure Rotation';
      const { connection, secret } = await resolveSecret(services, node, title, (s) => !s.deletedDate);
      if (!connection.capabilities.rotationLambda)
        throw new Error(`${connection.label} runs no rotation Lambdas; rotate its secrets with "Rotate Secret…".`);
      const ui = services.ui();
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
      const store = await services.connections.getStore(connection.id);
      await services.progress(`Configuring rotation of ${secret.name}`, () =>
        attempt(`Configuring rotation of "${secret.name}"`, () =>
          store.rotateSecret({ secretId: secret.name, rotationLambdaArn, rotationRules, rotateImmediately }),
        ),
      );
      services.log.info(`Configured rotation of ${secret.name} in ${connection.label}.`);
      services.afterChange(connection.id, secret.name);
      void ui.notify('info', `Rotation of "${secret.name}" is configured${rotateImmediately ? ' and started' : ''}.`);
    }),
  ];
}

/** Starts a Lambda rotation and waits until the new version is AWSCURRENT, or reports where it is stuck. */
async function rotateWithLambda(
  store: SecretStore,
  name: string,
  progress: ProgressReport,
  waitMs: number,
): Promise<string> {
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
    timeoutMs: waitMs,
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
  return versionId;
}
