// Error texts for users: name the operation and the secret, say what to do. Never include values.
import { ErrorCode, SecretsError } from '../core/store/errors';
import { MissingPermissionError } from '../core/access/permissions';

export { UserCancelled } from '../core/usecases/ports';

export function describeError(error: unknown): string {
  if (error instanceof SecretsError) return `${error.code}: ${error.message}`;
  if (error instanceof Error)
    return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}

/** What the user can do about a failure, from its code. */
export function remedyFor(error: unknown): string {
  // its message already says which permission to grant, and where
  if (error instanceof MissingPermissionError) return '';
  const code = (error as { code?: string } | undefined)?.code ?? (error as Error | undefined)?.name ?? '';
  switch (code) {
    case ErrorCode.resourceNotFound:
      return 'It may have been deleted or renamed: refresh the explorer and try again.';
    case ErrorCode.resourceExists:
      return 'Choose another name, or open the existing secret.';
    case ErrorCode.invalidRequest:
      return invalidRequestRemedy((error as Error).message ?? '');
    case ErrorCode.invalidParameter:
      return 'Correct the input and try again.';
    case ErrorCode.decryptionFailure:
      return 'Check that you may use the KMS key of this secret.';
    case 'CredentialsProviderError':
    case 'ExpiredTokenException':
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
      return 'Check the AWS profile\'s credentials (for SSO profiles, run "aws sso login") and retry.';
    case 'AccessDeniedException':
      return 'Your AWS identity lacks permission for this action: ask for access or use another profile.';
    case 'WrongKey':
      return 'The local vault key does not match: enter the vault passphrase, or point secretsWorkbench.localVault.path to the right file.';
    default:
      return 'See the Secrets Workbench log for details, then retry.';
  }
}

/** InvalidRequestException covers unrelated causes: name the one the message gives, alone. */
function invalidRequestRemedy(message: string): string {
  if (/marked for deletion|scheduled for deletion/i.test(message))
    return 'The secret is scheduled for deletion: restore it ("Restore Secret") to use it again.';
  if (/rotation|lambda/i.test(message)) return "Check the secret's rotation configuration (Configure Rotation…).";
  return 'See the Secrets Workbench log for details, then retry.';
}

export function failureMessage(operation: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${operation} failed: ${message} ${remedyFor(error)}`.trimEnd();
}
