// Credential resolution through the SDK's own providers, with failures turned into messages that say which
// profile failed and what to run. Messages never include provider output (a credential_process may print keys).
import { fromIni, fromNodeProviderChain, fromSSO } from '@aws-sdk/credential-providers';
import { SecretsError } from '../store/errors';
import { configFilePath, credentialsFilePath, type AwsProfileKind } from './profiles';

export type AwsCredentialIdentityProvider = ReturnType<typeof fromIni>;
type AwsCredentialIdentity = Awaited<ReturnType<AwsCredentialIdentityProvider>>;

export type CredentialProblem = 'sso-expired' | 'missing' | 'process-failed' | 'role-failed' | 'rejected';

/** Credentials are missing, expired or refused. `remedy` is the command or step that fixes it. */
export class AwsCredentialsError extends SecretsError {
  constructor(
    readonly problem: CredentialProblem,
    readonly profile: string | undefined,
    readonly remedy: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(problem === 'sso-expired' ? 'ExpiredTokenException' : 'CredentialsNotFound', message, options);
  }
}

export interface CredentialSource {
  /** The profile the credentials come from; undefined for environment variables or instance roles. */
  profile?: string;
  kind: AwsProfileKind | 'environment' | 'default-chain';
}

export function credentialProvider(
  source: CredentialSource,
  env: NodeJS.ProcessEnv,
  stsClientConfig?: Record<string, unknown>,
): AwsCredentialIdentityProvider {
  const files = { filepath: credentialsFilePath(env), configFilepath: configFilePath(env), ignoreCache: true };
  let inner: AwsCredentialIdentityProvider;
  if (source.kind === 'environment') {
    const fromEnvironment: AwsCredentialIdentity = {
      accessKeyId: env.AWS_ACCESS_KEY_ID!,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
      sessionToken: env.AWS_SESSION_TOKEN || undefined,
    };
    inner = async () => fromEnvironment;
  } else if (source.profile !== undefined && source.kind === 'sso') {
    // fromIni resolves SSO profiles without passing on the file paths, so call the SSO provider directly.
    inner = fromSSO({ ...files, profile: source.profile, clientConfig: stsClientConfig });
  } else if (source.profile !== undefined) {
    inner = fromIni({ ...files, profile: source.profile, clientConfig: stsClientConfig });
  } else {
    inner = fromNodeProviderChain({ ...files, clientConfig: stsClientConfig });
  }
  return async (options?: Parameters<AwsCredentialIdentityProvider>[0]) => {
    try {
      return await inner(options);
    } catch (error) {
      throw explainCredentialFailure(error, source);
    }
  };
}

export function ssoLoginRemedy(profile: string | undefined): string {
  return profile ? `aws sso login --profile ${profile}` : 'aws sso login';
}

function configureRemedy(profile: string | undefined): string {
  return profile
    ? `aws configure --profile ${profile} (or fix the profile in ~/.aws/config)`
    : 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or choose a profile (aws configure)';
}

/** Turns an SDK credential-provider failure into an AwsCredentialsError with a remedy. */
export function explainCredentialFailure(error: unknown, source: CredentialSource): AwsCredentialsError {
  if (error instanceof AwsCredentialsError) return error;
  const name = (error as { name?: string })?.name ?? 'Error';
  const text = error instanceof Error ? error.message : String(error);
  const who = source.profile ? `AWS profile "${source.profile}"` : 'The default AWS credential chain';
  if (source.kind === 'sso' || /\bsso\b/i.test(text)) {
    const remedy = ssoLoginRemedy(source.profile);
    return new AwsCredentialsError(
      'sso-expired',
      source.profile,
      remedy,
      `${who}: the SSO session has expired or you have not signed in yet. Run: ${remedy}`,
      { cause: error },
    );
  }
  if (source.kind === 'process') {
    return new AwsCredentialsError(
      'process-failed',
      source.profile,
      'check the credential_process command of the profile',
      `${who}: its credential_process command failed or printed no valid credentials. ` +
        'Run the command by hand and check its output format (Version 1 JSON).',
      { cause: error },
    );
  }
  if (source.kind === 'role') {
    const service = (error as { $metadata?: unknown }).$metadata ? ` (${name}: ${text})` : '';
    return new AwsCredentialsError(
      'role-failed',
      source.profile,
      'check role_arn and the source_profile credentials',
      `${who}: assuming its role failed${service}. Check role_arn and that source_profile has valid credentials.`,
      { cause: error },
    );
  }
  const remedy = configureRemedy(source.profile);
  return new AwsCredentialsError(
    'missing',
    source.profile,
    remedy,
    `${who} has no usable credentials. Run: ${remedy}`,
    {
      cause: error,
    },
  );
}

/** The service refused the credentials (expired session token, unknown key): say what to do. */
export function explainRejectedCredentials(code: string, source: CredentialSource): AwsCredentialsError {
  const who = source.profile ? `AWS profile "${source.profile}"` : 'The AWS credentials in use';
  if (source.kind === 'sso' || code === 'ExpiredTokenException') {
    const remedy = source.kind === 'sso' ? ssoLoginRemedy(source.profile) : configureRemedy(source.profile);
    return new AwsCredentialsError(
      'sso-expired',
      source.profile,
      remedy,
      `${who}: the credentials have expired (${code}). Run: ${remedy}`,
    );
  }
  const remedy = configureRemedy(source.profile);
  return new AwsCredentialsError(
    'rejected',
    source.profile,
    remedy,
    `${who}: Secrets Manager rejected the credentials (${code}). Check them, or run: ${remedy}`,
  );
}
