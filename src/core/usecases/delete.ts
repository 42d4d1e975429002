// Delete a secret (a recovery window, or at once without recovery) and restore one scheduled for deletion.
// The recovery window's limits come from core/policy.ts; the CLI passes its flags, the extension asks.
import { RECOVERY_WINDOW_DAYS as windowDays, recoveryWindowProblem } from '../policy';
import type { Destination } from './create-secret';
import { attempt, required, type Ports, type UserInput } from './ports';

/**
 * A recovery window in days (none: the store's default), or deletion at once. Both at once is passed on as
 * given, for the store to refuse as Secrets Manager does.
 */
export interface Deletion {
  days?: number;
  force?: boolean;
}

/** The interactive form: a window (default, shortest, or typed), or force delete after a modal naming it. */
export async function askDeletion(ui: UserInput, name: string, where: string): Promise<Deletion | undefined> {
  const title = 'Delete Secret';
  let choice = required(
    await ui.pick<Deletion | 'custom'>(
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
      { title, placeholder: `How to delete "${name}" from ${where}` },
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
  if (choice.force) {
    const yes = await ui.confirm({
      message: `Permanently delete "${name}" from ${where}?`,
      detail: 'All its versions are deleted now. This cannot be undone and there is no recovery window.',
      confirmLabel: `Delete ${name}`,
    });
    if (!yes) return undefined;
  }
  return choice;
}

export async function deleteSecret(
  ports: Ports,
  at: Destination,
  name: string,
  deletion: Deletion,
): Promise<{ arn: string; name: string; deletionDate: Date }> {
  const force = deletion.force === true;
  const store = await at.store();
  const result = await ports.progress(`Deleting ${name}`, () =>
    attempt(`Deleting "${name}" from ${at.label}`, () =>
      store.deleteSecret({
        secretId: name,
        recoveryWindowInDays: deletion.days,
        forceDeleteWithoutRecovery: force || undefined,
      }),
    ),
  );
  const how = force ? 'without recovery' : `recovery window ${deletion.days ?? windowDays.default} days`;
  ports.log.info(`Deleted ${name} in ${at.label} (${how}).`);
  return result;
}

export async function restoreSecret(
  ports: Ports,
  at: Destination,
  name: string,
): Promise<{ arn: string; name: string }> {
  const store = await at.store();
  const restored = await ports.progress(`Restoring ${name}`, () =>
    attempt(`Restoring "${name}" in ${at.label}`, () => store.restoreSecret(name)),
  );
  ports.log.info(`Restored ${name} in ${at.label}.`);
  return restored;
}
