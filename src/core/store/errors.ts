// Typed store errors, named as AWS Secrets Manager names them. Messages never contain secret values.

export const ErrorCode = {
  resourceNotFound: 'ResourceNotFoundException',
  resourceExists: 'ResourceExistsException',
  invalidRequest: 'InvalidRequestException',
  invalidParameter: 'InvalidParameterException',
  decryptionFailure: 'DecryptionFailure',
  limitExceeded: 'LimitExceededException',
  malformedPolicy: 'MalformedPolicyDocumentException',
  internalService: 'InternalServiceError',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class SecretsError extends Error {
  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = code;
  }
}

export const notFound = (message: string) => new SecretsError(ErrorCode.resourceNotFound, message);
export const exists = (message: string) => new SecretsError(ErrorCode.resourceExists, message);
export const invalidRequest = (message: string) => new SecretsError(ErrorCode.invalidRequest, message);
export const invalidParameter = (message: string) => new SecretsError(ErrorCode.invalidParameter, message);

export function isSecretsError(error: unknown, code?: ErrorCode): error is SecretsError {
  return error instanceof SecretsError && (code === undefined || error.code === code);
}
