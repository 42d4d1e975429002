// Runs a verifier over HTTP with a time limit, and keeps answers per credential fingerprint for the session.
import type { ProviderResponse, VerificationResult, Verifier } from './types';
import { verifierFor } from './verifiers';

export const VERIFY_TIMEOUT_MS = 5000;

export interface VerifyOptions {
  /** Endpoint per provider id (tests, GitHub Enterprise, self-managed GitLab). */
  endpoints?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The URL a verifier would contact for this rule, or undefined when the rule has no verifier. */
export function verificationTarget(
  ruleId: string,
  options: VerifyOptions = {},
): { verifier: Verifier; url: URL } | undefined {
  const verifier = verifierFor(ruleId);
  if (!verifier) return undefined;
  const endpoint = options.endpoints?.[verifier.provider] ?? verifier.defaultEndpoint;
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
    return scrub({ ...verifier.interpret(parsed), host }, value);
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
    const code = e.cause?.code ?? e.cause?.errors?.find((x) => x.code)?.code ?? e.cause?.message ?? e.message;
    const reason =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? `timed out after ${timeoutMs / 1000} s`
        : `network error: ${code}`;
    return scrub({ status: 'unknown', reason, host }, value);
  }
}

/** Belt and braces: a provider echoing the credential in an identity or error never gets it into a result. */
function scrub(result: VerificationResult, value: string): VerificationResult {
  const clean = (s: string | undefined) => (s === undefined ? s : s.split(value).join('[credential]'));
  return {
    ...result,
    ...(result.identity !== undefined ? { identity: clean(result.identity) } : {}),
    ...(result.reason !== undefined ? { reason: clean(result.reason) } : {}),
    ...(result.scopes ? { scopes: result.scopes.map((s) => clean(s)!) } : {}),
  };
}

/** Answers kept for the session, per credential fingerprint (rule + value hash): one question per credential. */
export class VerificationCache {
  private readonly answers = new Map<string, Promise<VerificationResult | undefined>>();

  verify(
    ruleId: string,
    valueHash: string,
    value: string,
    options?: VerifyOptions,
  ): Promise<VerificationResult | undefined> {
    const key = `${ruleId}:${valueHash}`;
    let answer = this.answers.get(key);
    if (!answer) this.answers.set(key, (answer = verifyCredential(ruleId, value, options)));
    return answer;
  }

  get size(): number {
    return this.answers.size;
  }
}
