// Opt-in verification of a found credential: the lightest read-only call to its own provider that proves the
// credential authenticates and says whose it is. Results never carry the value.

export type VerificationStatus = 'live' | 'revoked' | 'unknown';

export interface VerificationResult {
  status: VerificationStatus;
  /** Whose credential it is (login, account, team), when live. */
  identity?: string;
  /** Scopes or permissions the provider reported, when live. */
  scopes?: string[];
  /** Why the answer is unknown or revoked (network error, timeout, HTTP status, provider error code). */
  reason?: string;
  /** The host that was contacted. */
  host: string;
}

/** One request to the provider, as a verifier describes it. */
export interface VerifierRequest {
  method: 'GET' | 'POST';
  /** Path (and query) relative to the endpoint. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ProviderResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

/** The two halves of an AWS access key pair. */
export interface AccessKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A provider's verifier: a small data entry (which rules, which endpoint, which request) plus an interpreter. */
export interface Verifier {
  /** Provider id, also the key of its endpoint setting (`github`, `gitlab`, …). */
  provider: string;
  /** Rule ids whose findings this verifier can check. */
  ruleIds: readonly string[];
  /** The provider's public API endpoint; tests and private installations point elsewhere. */
  defaultEndpoint: string;
  /** Where users revoke such a credential (opened by "Revoke…"). */
  revokeUrl: string;
  /** The request made (for a `check` verifier, its description: the SDK builds and signs it). */
  request(value: string): VerifierRequest;
  interpret(response: ProviderResponse): Omit<VerificationResult, 'host'>;
  /** Rules whose findings are one half of a pair: the check needs the related finding's value too. */
  pairedRuleIds?: readonly [string, string];
  /** Verifiers that go through a provider SDK (AWS SigV4) instead of a plain HTTP request. */
  check?(pair: AccessKeyPair, endpoint: string, timeoutMs: number): Promise<Omit<VerificationResult, 'host'>>;
}
