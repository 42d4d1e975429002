// "Deactivate this access key…": IAM UpdateAccessKey (Inactive) with the user's own credentials (their AWS
// connection's profile or chain), never with the leaked pair itself. Not re-exported by ./index, so that only the
// extension, which imports it on first use, carries the IAM client (the CLI does not deactivate keys).
import { IAMClient, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { credentialProvider } from './credentials';
import { resolveAwsConnection, type AwsConnectionConfig } from './index';

export interface DeactivateAccessKeyRequest {
  accessKeyId: string;
  /** The IAM user STS named for the key. */
  userName: string;
  /** The user's own AWS connection (profile, region); its Secrets Manager endpoint is not IAM's. */
  connection: AwsConnectionConfig;
  /** IAM endpoint override (tests, the local server); else AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL / the SDK's. */
  iamEndpoint?: string;
  env?: NodeJS.ProcessEnv;
}

export async function deactivateAccessKey(request: DeactivateAccessKeyRequest): Promise<void> {
  const env = request.env ?? process.env;
  const resolved = await resolveAwsConnection({ ...request.connection, endpoint: undefined }, env);
  const ignoreConfigured = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true';
  const endpoint =
    request.iamEndpoint ||
    (ignoreConfigured ? undefined : env.AWS_ENDPOINT_URL_IAM || env.AWS_ENDPOINT_URL) ||
    undefined;
  const client = new IAMClient({
    region: resolved.region,
    endpoint,
    credentials: credentialProvider(resolved.credentialSource, env, { region: resolved.region }),
    maxAttempts: 3,
  });
  try {
    await client.send(
      new UpdateAccessKeyCommand({ AccessKeyId: request.accessKeyId, UserName: request.userName, Status: 'Inactive' }),
    );
  } finally {
    client.destroy();
  }
}
