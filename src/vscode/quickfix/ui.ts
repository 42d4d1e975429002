// The questions the move asks. Callers (tests, scripted flows) can answer them up front via MoveOptions.
import type { UserInput } from '../../core/usecases/ports';

export interface QuickFixUi {
  /** `which` names the value when a move asks one name per value ("1 of 3: DB_PASSWORD"). */
  askSecretName(
    suggested: string,
    validate: (name: string) => string | undefined,
    destination: string,
    which?: string,
  ): Promise<string | undefined>;
  /** The name exists with another value: add a new version, or leave everything as it is. */
  askConflict(name: string, destination: string): Promise<'newVersion' | 'cancel'>;
  info(message: string): void;
  error(message: string): void;
}

function moveBoxTitle(destination: string, which: string | undefined): string {
  return which ? `Move to ${destination} (${which})` : `Move to ${destination}`;
}

/** The same questions through the explorer's UserInput, so scripted inputs in tests answer them too. */
export function userInputQuickFixUi(input: () => UserInput): QuickFixUi {
  return {
    askSecretName: (suggested, validate, destination, which) =>
      input().text({
        title: moveBoxTitle(destination, which),
        prompt: 'Name of the new secret (letters, digits and /_+=.@-)',
        value: suggested,
        validate,
      }),
    askConflict: async (name, destination) =>
      (await input().confirm({
        message: `A secret named ${name} already exists in ${destination} with a different value.`,
        detail:
          'Add the value as a new version of it (it becomes AWSCURRENT), or cancel and choose another name. The file is not changed until the value is stored.',
        confirmLabel: 'Add New Version',
      }))
        ? 'newVersion'
        : 'cancel',
    info: (message) => void input().notify('info', message),
    error: (message) => void input().notify('error', message),
  };
}
