// Runs a verifier over HTTP with a time limit, and keeps answers per credential fingerprint for the session.
import type { AccessKeyPair, ProviderResponse, VerificationResult, Verifier } from './types';
import { verifierFor } from './verifiers';

export const VERIFY_TIMEOUT_MS = 5000;

export interface VerifyOptions {
  /** Endpoint per provider id (tests, GitHub Enterprise, self-managed GitLab). */
  endpoints?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The value of the finding's related finding: the other half of an AWS key pair. */
  relatedValue?: string;
  /** AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL are honoured for the AWS verifier, as the SDK would (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The endpoint for a provider: the setting, then (AWS) the SDK's endpoint variables, then the public API. */
function endpointFor(verifier: Verifier, options: VerifyOptions): string {
  const configured = options.endpoints?.[verifier.provider];
  if (configured) return configured;
  const env = options.env ?? process.env;
  if (verifier.provider === 'aws' && env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS !== 'true') {
    return env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || verifier.defaultEndpoint;
  }
  return verifier.defaultEndpoint;
}

/** The key id and secret of a pair, whichever half the finding is; undefined without the other half. */
function accessKeyPair(ruleId: string, value: string, related: string | undefined): AccessKeyPair | undefined {
  if (related === undefined) return undefined;
  return ruleId === 'aws-access-key-id'
    ? { accessKeyId: value, secretAccessKey: related }
    : { accessKeyId: related, secretAccessKey: value };
}

/** The URL a verifier would contact for this rule, or undefined when the rule has no verifier. */
export function verificationTarget(
  ruleId: string,
  options: VerifyOptions = {},
): { verifier: Verifier; url: URL } | undefined {
  const verifier = verifierFor(ruleId);
  if (!verifier) return undefined;
  const endpoint = endpointFor(verifier, options);
  // the request's path never depends on the value
  const path = verifier.request('').path.replace(/^\//, '');
  return { verifier, url: new URL(path, endpoint.endsWith('/') ? endpoint : `${endpoint}/`) };
}

/** Asks the credential's own provider whether it is live. Never throws; the value appears in no result. */
export async function verifyCredential(
  ruleId: string,
  value: string,
  options: VerifyOptions = {},
): Promise<VerificationResult | undefined> {
  const target = verificationTarget(ruleId, options);
  if (!target) return undefined;
  const { verifier, url } = target;
  const request = verifier.request(value);
  const host = url.host;
  const timeoutMs = options.timeoutMs ?? VERIFY_TIMEOUT_MS;
  const secrets = [value, options.relatedValue].filter((v): v is string => Boolean(v));
  if (verifier.check) {
    const pair = accessKeyPair(ruleId, value, options.relatedValue);
    if (!pair) return { status: 'unknown', reason: 'the other half of the key pair was not found beside it', host };
    return scrub({ ...(await verifier.check(pair, url.toString(), timeoutMs)), host }, secrets);
  }
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const parsed: ProviderResponse = { status: response.status, headers: response.headers, json };
    return scrub({ ...verifier.interpret(parsed), host }, secrets);
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
    const code = e.cause?.code ?? e.cause?.errors?.find((x) => x.code)?.code ?? e.cause?.message ?? e.message;
    const reason =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? `timed out after ${timeoutMs / 1000} s`
        : `network error: ${code}`;
    return scrub({ status: 'unknown', reason, host }, secrets);
  }
}

/** Belt and braces: a provider echoing the credential in an identity or error never gets it into a result. */
function scrub(result: VerificationResult, values: readonly string[]): VerificationResult {
  const clean = (s: string | undefined) =>
    s === undefined ? s : values.reduce((text, value) => text.split(value).join('[credential]'), s);
  return {
    ...result,
    ...(result.identity !== undefined ? { identity: clean(result.identity) } : {}),
    ...(result.reason !== undefined ? { reason: clean(result.reason) } : {}),
    ...(result.scopes ? { scopes: result.scopes.map((s) => clean(s)!) } : {}),
  };
}

/**
 * Answers kept for the session, per credential fingerprint (provider + value hash; for a pair, both halves'
 * hashes in a fixed order, so either half's finding gets the same answer): one question per credential.
 */
export class VerificationCache {
  private readonly answers = new Map<string, Promise<VerificationResult | undefined>>();

  verify(
    ruleId: string,
    valueHash: string,
    value: string,
    options?: VerifyOptions,
  ): Promise<VerificationResult | undefined> {
    const key = `${verifierFor(ruleId)?.provider ?? ruleId}:${valueHash}`;
    let answer = this.answers.get(key);
    if (!answer) this.answers.set(key, (answer = verifyCredential(ruleId, value, options)));
    return answer;
  }

  /** Forgets an answer (after a revoke, the next question asks again). */
  forget(ruleId: string, valueHash: string): void {
    this.answers.delete(`${verifierFor(ruleId)?.provider ?? ruleId}:${valueHash}`);
  }

  get size(): number {
    return this.answers.size;
  }
}

/** The cache key's value part for a finding: its own hash, or both halves' hashes for a pair (key id first). */
export function credentialFingerprint(
  finding: { ruleId: string; valueHash: string },
  related?: { ruleId: string; valueHash: string },
): string {
  if (!related) return finding.valueHash;
  const [first, second] = finding.ruleId === 'aws-access-key-id' ? [finding, related] : [related, finding];
  return `${first.valueHash}+${second.valueHash}`;
}
