// The verifiers (#25): each is the provider's lightest authenticated read, per its API documentation.
import type { ProviderResponse, Verifier, VerificationResult } from './types';

type Interpretation = Omit<VerificationResult, 'host'>;

function field(json: unknown, key: string): unknown {
  return json && typeof json === 'object' ? (json as Record<string, unknown>)[key] : undefined;
}

function text(json: unknown, key: string): string | undefined {
  const v = field(json, key);
  return typeof v === 'string' && v ? v : undefined;
}

/** The answers every HTTP API shares: 401 is a dead credential, 429 and 5xx say nothing about it. */
function common(response: ProviderResponse): Interpretation | undefined {
  if (response.status === 401) return { status: 'revoked', reason: 'HTTP 401: the provider rejects the credential' };
  if (response.status === 429) return { status: 'unknown', reason: 'rate limited (HTTP 429): try again later' };
  if (response.status >= 500) return { status: 'unknown', reason: `HTTP ${response.status} from the provider` };
  return undefined;
}

function unexpected(response: ProviderResponse): Interpretation {
  return { status: 'unknown', reason: `unexpected HTTP ${response.status}` };
}

const bearer = (value: string) => ({ Authorization: `Bearer ${value}`, Accept: 'application/json' });

/** AWS access key pairs: the SDK signs GetCallerIdentity with the pair (SigV4), so this is a `check` verifier. */
const aws: Verifier = {
  provider: 'aws',
  ruleIds: ['aws-access-key-id', 'aws-secret-access-key'],
  pairedRuleIds: ['aws-access-key-id', 'aws-secret-access-key'],
  defaultEndpoint: 'https://sts.amazonaws.com',
  revokeUrl: 'https://console.aws.amazon.com/iam/home#/security_credentials',
  request: () => ({
    method: 'POST',
    path: '/',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  }),
  interpret: unexpected,
  check: async (pair, endpoint, timeoutMs) => (await import('./aws-sts.js')).checkAwsKeyPair(pair, endpoint, timeoutMs),
};

export const verifiers: readonly Verifier[] = [
  aws,
  {
    provider: 'github',
    ruleIds: ['github-token', 'github-fine-grained-token'],
    defaultEndpoint: 'https://api.github.com',
    revokeUrl: 'https://github.com/settings/tokens',
    request: (value) => ({
      method: 'GET',
      path: '/user',
      headers: { ...bearer(value), 'User-Agent': 'secrets-workbench' },
    }),
    interpret: (r) => {
      if (r.status === 403 && r.headers.get('x-ratelimit-remaining') === '0')
        return { status: 'unknown', reason: 'rate limited (HTTP 403, x-ratelimit-remaining: 0)' };
      const shared = common(r);
      if (shared) return shared;
      if (r.status !== 200) return unexpected(r);
      const scopes = r.headers.get('x-oauth-scopes');
      return {
        status: 'live',
        identity: text(r.json, 'login'),
        ...(scopes !== null
          ? {
              scopes: scopes
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            }
          : {}),
      };
    },
  },
  {
    provider: 'gitlab',
    ruleIds: ['gitlab-token'],
    defaultEndpoint: 'https://gitlab.com',
    revokeUrl: 'https://gitlab.com/-/user_settings/personal_access_tokens',
    request: (value) => ({
      method: 'GET',
      path: '/api/v4/personal_access_tokens/self',
      headers: { 'PRIVATE-TOKEN': value },
    }),
    interpret: (r) => {
      const shared = common(r);
      if (shared) return shared;
      if (r.status !== 200) return unexpected(r);
      if (field(r.json, 'revoked') === true || field(r.json, 'active') === false)
        return { status: 'revoked', reason: 'GitLab reports the token revoked or expired' };
      const scopes = field(r.json, 'scopes');
      return {
        status: 'live',
        identity: text(r.json, 'name'),
        ...(Array.isArray(scopes) ? { scopes: scopes.map(String) } : {}),
      };
    },
  },
  {
    provider: 'slack',
    ruleIds: ['slack-token'],
    defaultEndpoint: 'https://slack.com',
    revokeUrl: 'https://api.slack.com/apps',
    request: (value) => ({
      method: 'POST',
      path: '/api/auth.test',
      headers: { Authorization: `Bearer ${value}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '',
    }),
    interpret: (r) => {
      const shared = common(r);
      if (shared) return shared;
      if (r.status !== 200) return unexpected(r);
      if (field(r.json, 'ok') === true) {
        const user = text(r.json, 'user');
        const team = text(r.json, 'team');
        return { status: 'live', identity: [user, team].filter(Boolean).join(' @ ') || undefined };
      }
      const error = text(r.json, 'error') ?? 'unknown_error';
      if (['invalid_auth', 'token_revoked', 'account_inactive', 'token_expired', 'not_authed'].includes(error))
        return { status: 'revoked', reason: `Slack: ${error}` };
      if (error === 'ratelimited') return { status: 'unknown', reason: 'rate limited (Slack: ratelimited)' };
      return { status: 'unknown', reason: `Slack: ${error}` };
    },
  },
  {
    provider: 'stripe',
    ruleIds: ['stripe-secret-key'],
    defaultEndpoint: 'https://api.stripe.com',
    revokeUrl: 'https://dashboard.stripe.com/apikeys',
    request: (value) => ({ method: 'GET', path: '/v1/balance', headers: bearer(value) }),
    interpret: (r) => {
      const shared = common(r);
      if (shared) return shared;
      if (r.status === 200)
        return { status: 'live', identity: field(r.json, 'livemode') === true ? 'live mode' : 'test mode' };
      // a restricted key without balance read permission still authenticated
      if (r.status === 403) return { status: 'live', identity: 'restricted key (no balance permission)' };
      return unexpected(r);
    },
  },
  {
    provider: 'openai',
    ruleIds: ['openai-api-key'],
    defaultEndpoint: 'https://api.openai.com',
    revokeUrl: 'https://platform.openai.com/api-keys',
    request: (value) => ({ method: 'GET', path: '/v1/models', headers: bearer(value) }),
    interpret: (r) => {
      const shared = common(r);
      if (shared) return shared;
      if (r.status !== 200) return unexpected(r);
      const organization = r.headers.get('openai-organization');
      return { status: 'live', ...(organization ? { identity: organization } : {}) };
    },
  },
  {
    provider: 'npm',
    ruleIds: ['npm-token'],
    defaultEndpoint: 'https://registry.npmjs.org',
    revokeUrl: 'https://www.npmjs.com/settings/~/tokens',
    request: (value) => ({ method: 'GET', path: '/-/whoami', headers: bearer(value) }),
    interpret: (r) => {
      const shared = common(r);
      if (shared) return shared;
      if (r.status === 403) return { status: 'revoked', reason: 'HTTP 403: the registry rejects the token' };
      if (r.status !== 200) return unexpected(r);
      return { status: 'live', identity: text(r.json, 'username') };
    },
  },
];

export function verifierFor(ruleId: string): Verifier | undefined {
  return verifiers.find((v) => v.ruleIds.includes(ruleId));
}
