// Push to AWS / Pull to Local Vault: copy a secret (current value, or all versions with their stages) between
// connections. When the target already has it, the differences are shown (diff editor plus a value-free
// summary) and a modal asks before anything is overwritten.
import * as vscode from 'vscode';
import { describeValueDifference } from '../../core/explorer/value-format';
import { copySecret, CopyCancelled, type CopyMode } from '../../core/transfer/copy-secret';
import { isSecretsError } from '../../core/store/errors';
import type { SecretValue } from '../../core/store/types';
import type { Connection } from '../connections/connection-manager';
import { Commands } from '../constants';
import { compareUri } from '../documents/compare-documents';
import type { Services } from '../services';
import { attempt, registerCommand, required } from './runner';
import { pickConnection, resolveSecret } from './targets';

export function registerTransferCommands(services: Services): vscode.Disposable[] {
  return [
    registerCommand(services, Commands.pushToAws, (node) =>
      transfer(services, node, 'Push to AWS', (c) => !c.capabilities.localOnly),
    ),
    registerCommand(services, Commands.pullToLocalVault, (node) =>
      transfer(services, node, 'Pull to Local Vault', (c) => c.capabilities.localOnly),
    ),
  ];
}

async function transfer(
  services: Services,
  node: unknown,
  title: string,
  isTarget: (c: Connection) => boolean,
): Promise<string | undefined> {
  const ui = services.ui();
  const source = await resolveSecret(services, node, title, (s) => !s.deletedDate);
  if (isTarget(source.connection) && services.connections.list().filter(isTarget).length === 1) {
    throw new Error(
      `"${source.secret.name}" is already in ${source.connection.label}. Run ${title} on a secret of another connection.`,
    );
  }
  const target = await pickConnection(services, title, (c) => isTarget(c) && c.id !== source.connection.id);
  const name = source.secret.name;
  const mode = required(
    await ui.pick<CopyMode>(
      [
        { label: 'Current value', description: 'becomes AWSCURRENT in the target', value: 'current' },
        { label: 'All versions with their stages', description: 'same version ids and stages', value: 'allVersions' },
      ],
      { title, placeholder: `Copy "${name}" to ${target.label}` },
    ),
  );
  const from = await services.connections.getStore(source.connection.id);
  const to = await services.connections.getStore(target.id);
  const sourceValue = await attempt(`Reading "${name}" in ${source.connection.label}`, () =>
    from.getSecretValue({ secretId: name }),
  );
  const targetValue = await to.getSecretValue({ secretId: name }).catch((error: unknown): SecretValue | undefined => {
    if (isSecretsError(error, 'ResourceNotFoundException')) return undefined;
    throw new Error(`${title} of "${name}" failed: reading it in ${target.label}: ${(error as Error).message}`);
  });
  if (targetValue) {
    const summary = describeValueDifference(sourceValue.secretString, targetValue.secretString);
    const identical = sourceValue.secretString === targetValue.secretString && sourceValue.secretBinary === undefined;
    if (identical && mode === 'current') {
      void ui.notify('info', `"${name}" already has the same current value in ${target.label}; nothing to copy.`);
      return undefined;
    }
    if (!identical) {
      await vscode.commands.executeCommand(
        'vscode.diff',
        compareUri({ connectionId: target.id, name, versionId: targetValue.versionId }),
        compareUri({ connectionId: source.connection.id, name, versionId: sourceValue.versionId }),
        `${name}: ${target.label} ↔ ${source.connection.label} (incoming)`,
        { preview: true },
      );
    }
    const yes = await ui.confirm({
      message: `Overwrite "${name}" in ${target.label} with the ${mode === 'current' ? 'current value' : 'versions'} from ${source.connection.label}?`,
      detail: `${summary} The target keeps its old value as AWSPREVIOUS.`,
      confirmLabel: 'Overwrite',
    });
    if (!yes) return undefined;
  }
  const result = await services.progress(
    `${title}: ${name}`,
    (progress) =>
      attempt(`${title} of "${name}" to ${target.label}`, async () => {
        try {
          return await copySecret(from, to, name, {
            mode,
            onProgress: (message) => progress.report(message),
            isCancelled: () => progress.cancelled,
          });
        } catch (error) {
          if (error instanceof CopyCancelled) {
            void ui.notify('warning', `${title} of "${name}" was cancelled after ${error.copied} version(s).`);
            return undefined;
          }
          throw error;
        }
      }),
    true,
  );
  services.afterChange(target.id, name);
  if (!result) return undefined;
  services.log.info(`${title}: copied ${result.versionsCopied} version(s) of ${name} to ${target.label}.`);
  void ui.notify(
    'info',
    `${result.created ? 'Created' : 'Updated'} "${name}" in ${target.label} (${result.versionsCopied} version(s) copied).`,
  );
  return target.id;
}
