// AWS Secrets Manager connections. Loaded lazily by the extension (dynamic import) since it pulls in the SDK.
import { SecretsManagerClient, type SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { credentialProvider, type CredentialSource } from './credentials';
import { loadSharedConfig, profileEndpoint, profileKind } from './profiles';
import { AwsSecretStore } from './store';
import type { ValueCacheOptions } from './cache';
import { CloudWatchRotationLogs, type LogsClientFactory } from './logs';
import { cloudTrailEndpoint, defaultCloudTrailClientFactory, type CloudTrailClientFactory } from './cloudtrail';

export interface AwsConnectionConfig {
  profile?: string;
  region?: string;
  /** Overrides AWS_ENDPOINT_URL_SECRETS_MANAGER and the profile's endpoint_url (LocalStack, moto, our server). */
  endpoint?: string;
}

export type AwsClientFactory = (config: SecretsManagerClientConfig) => SecretsManagerClient;

export interface AwsStoreDeps {
  /** Where AWS_PROFILE, AWS_CONFIG_FILE, AWS_ENDPOINT_URL_SECRETS_MANAGER etc. are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  clientFactory?: AwsClientFactory;
  /** Makes the CloudWatch Logs client that reads rotation Lambdas' logs (on first use). */
  logsClientFactory?: LogsClientFactory;
  /** Makes the CloudTrail client for access history (same credentials, region and retry policy). */
  cloudTrailClientFactory?: CloudTrailClientFactory;
  cache?: ValueCacheOptions;
  /** Total attempts per call, throttling retries included (default 5). */
  maxAttempts?: number;
  /** Extra configuration for the STS/SSO clients the credential providers create (tests point STS at a fake). */
  credentialClientConfig?: Record<string, unknown>;
}

export const defaultRegion = 'us-east-1';

export interface ResolvedAwsConnection {
  region: string;
  profile?: string;
  endpoint?: string;
  credentialSource: CredentialSource;
}

/** What the AWS CLI would use for this connection: region, endpoint and where credentials come from. */
export async function resolveAwsConnection(
  config: AwsConnectionConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedAwsConnection> {
  const shared = await loadSharedConfig(env);
  const explicitProfile = config.profile || env.AWS_PROFILE || undefined;
  const envCredentials = !explicitProfile && Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY);
  const hasDefault = 'default' in shared.profiles || 'default' in shared.credentials;
  const profile = explicitProfile ?? (!envCredentials && hasDefault ? 'default' : undefined);
  const settingsProfile = profile ?? 'default';
  const credentialSource: CredentialSource = envCredentials
    ? { kind: 'environment' }
    : profile === undefined
      ? { kind: 'default-chain' }
      : { profile, kind: profileKind(shared.profiles[profile], shared.credentials[profile]) };
  const ignoreConfigured = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true';
  const endpoint =
    config.endpoint ||
    (ignoreConfigured
      ? undefined
      : env.AWS_ENDPOINT_URL_SECRETS_MANAGER || env.AWS_ENDPOINT_URL || profileEndpoint(shared, settingsProfile)) ||
    undefined;
  const region = config.region || shared.profiles[settingsProfile]?.region || defaultRegion;
  return { region, profile, endpoint, credentialSource };
}

export async function createAwsStore(config: AwsConnectionConfig, deps: AwsStoreDeps = {}): Promise<AwsSecretStore> {
  const env = deps.env ?? process.env;
  const resolved = await resolveAwsConnection(config, env);
  const clientConfig: SecretsManagerClientConfig = {
    region: resolved.region,
    endpoint: resolved.endpoint,
    credentials: credentialProvider(resolved.credentialSource, env, {
      region: resolved.region,
      ...deps.credentialClientConfig,
    }),
    // Standard mode: exponential backoff with full jitter, retrying ThrottlingException and 5xx.
    retryMode: 'standard',
    maxAttempts: deps.maxAttempts ?? 5,
  };
  const client = (deps.clientFactory ?? ((c) => new SecretsManagerClient(c)))(clientConfig);
  const rotationLogs = new CloudWatchRotationLogs(
    { ...clientConfig, region: resolved.region, endpoint: logsEndpoint(config, env) },
    deps.logsClientFactory,
  );
  const cloudTrail = () =>
    (deps.cloudTrailClientFactory ?? defaultCloudTrailClientFactory)({
      region: clientConfig.region,
      endpoint: cloudTrailEndpoint(env, resolved.endpoint),
      credentials: clientConfig.credentials,
      retryMode: clientConfig.retryMode,
      maxAttempts: clientConfig.maxAttempts,
    });
  return new AwsSecretStore(client, { ...resolved, cache: deps.cache, cloudTrail, rotationLogs });
}

/** The connection's own endpoint override serves Logs too (the local server, LocalStack); else Logs' variables. */
function logsEndpoint(config: AwsConnectionConfig, env: NodeJS.ProcessEnv): string | undefined {
  if (config.endpoint) return config.endpoint;
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  return env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS || env.AWS_ENDPOINT_URL || undefined;
}

export { AwsSecretStore, type AwsSecretStoreOptions, type LambdaRotationRequest } from './store';
export { waitForRotation, type RotationOutcome, type WaitForRotationOptions } from './rotation';
export { AwsCredentialsError, type CredentialProblem, type CredentialSource } from './credentials';
export { listAwsProfiles, parseIni, type AwsProfileKind, type AwsProfileSummary } from './profiles';
export { awsRegions, isAwsRegion } from './regions';
export { ValueCache, type ValueCacheOptions } from './cache';
export { listAllSecrets, listAllSecretVersions } from './paginate';
export { CloudWatchRotationLogs, type LogsClientFactory } from './logs';
export { cloudTrailEndpoint, lookupSecretAccess, type CloudTrailClientFactory } from './cloudtrail';
