// Rotate Secret… (Lambda rotation with progress, or a generated value for the whole secret or one JSON key)
// and Configure Rotation… for AWS.
import type * as vscode from 'vscode';
import type { RotationRules, SecretMetadata } from '../../core/store/types';
import { rotateSecret } from '../../core/usecases/rotate';
import { Commands } from '../constants';
import type { Services } from '../services';
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
      const { versionId } = await rotateSecret(
        services.ports(),
        { store: () => services.connections.getStore(connection.id), label: connection.label },
        {
          name: secret.name,
          rotationLambdaArn: connection.kind === 'aws' ? secret.rotationLambdaArn : undefined,
          passwordRules: services.passwordRules(),
          waitMs: services.rotationWaitMs(),
        },
      );
      services.afterChange(connection.id, secret.name);
      void ui.notify('info', `Rotated "${secret.name}": version ${versionId.slice(0, 8)} is now AWSCURRENT.`);
      return versionId;
    }),
    registerCommand(services, Commands.configureRotation, async (node) => {
      const title = 'Configure Rotation';
      const { connection, secret } = await resolveSecret(services, node, title, (s) => !s.deletedDate);
      if (connection.kind !== 'aws')
        throw new Error('Rotation Lambdas exist only in AWS; rotate local secrets with "Rotate Secret…".');
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
