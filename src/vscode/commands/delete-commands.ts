// Delete Secret… (a recovery window, or force delete after a modal naming the secret) and Restore Secret.
import type * as vscode from 'vscode';
import { formatDate } from '../../core/explorer/present';
import { RECOVERY_WINDOW_DAYS as windowDays, recoveryWindowProblem } from '../../core/policy';
import { Commands } from '../constants';
import type { Services } from '../services';
import { attempt, registerCommand, required } from './runner';
import { resolveSecret } from './targets';

type Choice = { days: number } | { force: true } | 'custom';

export function registerDeleteCommands(services: Services): vscode.Disposable[] {
  return [
    registerCommand(services, Commands.deleteSecret, async (node) => {
      const title = 'Delete Secret';
      const { connection, secret } = await resolveSecret(services, node, title, (s) => !s.deletedDate);
      const ui = services.ui();
      let choice = required(
        await ui.pick<Choice>(
          [
            {
              label: `Schedule deletion in ${windowDays.default} days`,
              description: 'default; restorable until then',
              value: { days: windowDays.default },
            },
            {
              label: `Schedule deletion in ${windowDays.min} days`,
              description: 'the shortest recovery window',
              value: { days: windowDays.min },
            },
            {
              label: 'Choose a recovery window…',
              description: `${windowDays.min} to ${windowDays.max} days`,
              value: 'custom',
            },
            { label: 'Delete immediately without recovery', description: 'cannot be undone', value: { force: true } },
          ],
          { title, placeholder: `How to delete "${secret.name}" from ${connection.label}` },
        ),
      );
      if (choice === 'custom') {
        const days = required(
          await ui.text({
            title,
            prompt: `Recovery window in days (${windowDays.min}–${windowDays.max})`,
            value: String(windowDays.default),
            validate: (t) => recoveryWindowProblem(/^\d+$/.test(t) ? +t : NaN),
          }),
        );
        choice = { days: Number(days) };
      }
      if ('force' in choice) {
        const yes = await ui.confirm({
          message: `Permanently delete "${secret.name}" from ${connection.label}?`,
          detail: 'All its versions are deleted now. This cannot be undone and there is no recovery window.',
          confirmLabel: `Delete ${secret.name}`,
        });
        if (!yes) return undefined;
      }
      const store = await services.connections.getStore(connection.id);
      const result = await services.progress(`Deleting ${secret.name}`, () =>
        attempt(`Deleting "${secret.name}" from ${connection.label}`, () =>
          store.deleteSecret(
            'force' in choice
              ? { secretId: secret.name, forceDeleteWithoutRecovery: true }
              : { secretId: secret.name, recoveryWindowInDays: (choice as { days: number }).days },
          ),
        ),
      );
      services.log.info(
        `Deleted ${secret.name} in ${connection.label} (${'force' in choice ? 'without recovery' : `recovery window ${(choice as { days: number }).days} days`}).`,
      );
      services.afterChange(connection.id, secret.name);
      void ui.notify(
        'info',
        'force' in choice
          ? `Deleted "${secret.name}" permanently.`
          : `"${secret.name}" is scheduled for deletion on ${formatDate(result.deletionDate)}. Restore it before then with "Restore Secret".`,
      );
      return result.deletionDate.toISOString();
    }),
    registerCommand(services, Commands.restoreSecret, async (node) => {
      const { connection, secret } = await resolveSecret(services, node, 'Restore Secret', (s) => !!s.deletedDate);
      const store = await services.connections.getStore(connection.id);
      await services.progress(`Restoring ${secret.name}`, () =>
        attempt(`Restoring "${secret.name}" in ${connection.label}`, () => store.restoreSecret(secret.name)),
      );
      services.log.info(`Restored ${secret.name} in ${connection.label}.`);
      services.afterChange(connection.id, secret.name);
      void services.ui().notify('info', `Restored "${secret.name}"; it is no longer scheduled for deletion.`);
    }),
  ];
}
