// The IAM action access history needs against AWS; the local server enforces the same name.
import { SecretsError } from '../store/errors';

export const lookupEventsPermission = 'cloudtrail:LookupEvents';

/** AWS refused for want of one IAM permission; the message names it and says how to grant it (the remedy). */
export class MissingPermissionError extends SecretsError {
  constructor(
    readonly permission: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('AccessDeniedException', message, options);
  }
}
