// The AWS access key pair verifier: STS GetCallerIdentity through the SDK (it signs with the pair itself), which
// needs no permission and answers the account and ARN. Loaded on first use only: it pulls in @aws-sdk/client-sts.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AccessKeyPair, VerificationResult } from './types';

type Interpretation = Omit<VerificationResult, 'host'>;

/** STS error codes that say the pair does not authenticate (unknown, inactive or deleted key, wrong secret). */
const rejected = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'UnrecognizedClient']);

export async function checkAwsKeyPair(
  pair: AccessKeyPair,
  endpoint: string,
  timeoutMs: number,
): Promise<Interpretation> {
  const client = new STSClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: pair.accessKeyId, secretAccessKey: pair.secretAccessKey },
    // one question, one request: a retry would double the time limit and the requests the user agreed to
    maxAttempts: 1,
  });
  try {
    const output = await client.send(new GetCallerIdentityCommand({}), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
    return { status: 'live', identity: output.Arn ?? (output.Account ? `account ${output.Account}` : undefined) };
  } catch (error) {
    return interpretStsError(error, timeoutMs);
  } finally {
    client.destroy();
  }
}

export function interpretStsError(error: unknown, timeoutMs: number): Interpretation {
  const e = error as Error & { code?: string; $metadata?: { httpStatusCode?: number }; cause?: { code?: string } };
  const status = e.$metadata?.httpStatusCode;
  if (rejected.has(e.name)) return { status: 'revoked', reason: `STS: ${e.name} (HTTP ${status ?? '?'})` };
  if (e.name === 'AbortError' || e.name === 'TimeoutError') {
    return { status: 'unknown', reason: `timed out after ${timeoutMs / 1000} s` };
  }
  if (e.name === 'Throttling' || e.name === 'ThrottlingException' || status === 429) {
    return { status: 'unknown', reason: `rate limited (STS: ${e.name})` };
  }
  if (status !== undefined && status >= 500) return { status: 'unknown', reason: `HTTP ${status} from the provider` };
  const code = e.code ?? e.cause?.code;
  if (code) return { status: 'unknown', reason: `network error: ${code}` };
  return { status: 'unknown', reason: status ? `STS: ${e.name} (HTTP ${status})` : `STS: ${e.name}` };
}

/** The IAM user name in an STS ARN (`arn:aws:iam::123456789012:user/path/name` → name); undefined for roles. */
export function iamUserName(arn: string | undefined): string | undefined {
  const resource = /^arn:aws[\w-]*:iam::\d{12}:user\/(.+)$/.exec(arn ?? '')?.[1];
  return resource?.split('/').pop();
}
