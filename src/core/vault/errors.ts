// Vault-level failures, distinct from the AWS-named store errors. Messages never hold secret data.

export type VaultErrorCode =
  'WrongKey' | 'Tampered' | 'Corrupt' | 'UnsupportedVersion' | 'UnsafeKdfParameters' | 'Rollback' | 'Locked' | 'Io';

export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = `VaultError.${code}`;
  }
}

export function isVaultError(error: unknown, code?: VaultErrorCode): error is VaultError {
  return error instanceof VaultError && (code === undefined || error.code === code);
}
