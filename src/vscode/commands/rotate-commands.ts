// Rotate Secret… (Lambda rotation with progress, or a generated value for the whole secret or one JSON key)
// and Configure Rotation… for AWS.
import type * as vscode from 'vscode';
import type { SecretMetadata } from '../../core/store/types';
import { askRotationConfig, configureRotation, rotateSecret } from '../../core/usecases/rotate';
import { Commands } from '../constants';
import type { Services } from '../services';
import { registerCommand } from './runner';
import { contextSecretTarget, destinationOf, resolveSecret } from './targets';

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
      const { versionId } = await rotateSecret(services.ports(), destinationOf(services, connection), {
        name: secret.name,
        rotationLambdaArn: connection.capabilities.rotationLambda ? secret.rotationLambdaArn : undefined,
        passwordRules: services.passwordRules(),
        waitMs: services.rotationWaitMs(),
      });
      services.afterChange(connection.id, secret.name);
      void ui.notify('info', `Rotated "${secret.name}": version ${versionId.slice(0, 8)} is now AWSCURRENT.`);
      return versionId;
    }),
    registerCommand(services, Commands.configureRotation, async (node) => {
      const title = 'Configure Rotation';
      const { connection, secret } = await resolveSecret(services, node, title, (s) => !s.deletedDate);
      if (!connection.capabilities.rotationLambda)
        throw new Error(`${connection.label} runs no rotation Lambdas; rotate its secrets with "Rotate Secret…".`);
      const config = await askRotationConfig(services.ui(), secret);
      await configureRotation(services.ports(), destinationOf(services, connection), secret.name, config);
      services.afterChange(connection.id, secret.name);
      const started = config.rotateImmediately ? ' and started' : '';
      void services.ui().notify('info', `Rotation of "${secret.name}" is configured${started}.`);
    }),
  ];
}
