// Provider rules: shapes (and checksums) defined by the credential's issuer. Context rules live in context.ts.
import { hasValidGithubStyleChecksum } from './checksums';
import type { FindingConstruct } from './finding';
import { isCommonRejection, isDocumentedExample, isPlaceholder, scorePassword, scoreRandomSecret } from './value-model';

export interface RuleInfo {
  id: string;
  kind: string;
  description: string;
  level: 'error' | 'warning' | 'note';
}

export interface ProviderMatch {
  start: number;
  end: number;
  confidence: number;
  construct?: FindingConstruct;
  name?: string;
}

export interface ProviderRule extends RuleInfo {
  /** Literal substrings, one of which must be on the line (case-insensitively when the pattern has the i flag). */
  keywords: string[];
  /** Global regex; group `v` (or the whole match) is the secret value. */
  pattern: RegExp;
  construct: FindingConstruct;
  /** Higher wins when two findings overlap. */
  priority: number;
  /** Returns a confidence, or 0 to drop the match. */
  check?(value: string, match: RegExpExecArray, line: string): number;
}

const BOUNDARY_BEFORE = '(?<![A-Za-z0-9_+/=-])';
const BOUNDARY_AFTER = '(?![A-Za-z0-9_+/=-])';

function re(body: string, flags = 'g'): RegExp {
  return new RegExp(body, flags);
}

function githubChecksum(prefixLength: number) {
  return (value: string) => (hasValidGithubStyleChecksum(value, prefixLength) ? 0.99 : 0);
}

function notExample(confidence: number) {
  return (value: string) => (isDocumentedExample(value) || isPlaceholder(value) ? 0 : confidence);
}

function decodeBase64Url(part: string): string {
  return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

export const providerRules: ProviderRule[] = [
  {
    id: 'aws-access-key-id',
    kind: 'AWS access key ID',
    description: 'An AWS access key ID (AKIA long-term, ASIA temporary, ABIA/ACCA service keys).',
    level: 'error',
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    pattern: re(`${BOUNDARY_BEFORE}(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}${BOUNDARY_AFTER}`),
    construct: 'string-literal',
    priority: 9,
    check: notExample(0.9),
  },
  {
    id: 'github-token',
    kind: 'GitHub token',
    description: 'GitHub personal access token (classic), OAuth, user-to-server, server-to-server or refresh token.',
    level: 'error',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: re(`${BOUNDARY_BEFORE}gh[pousr]_[A-Za-z0-9]{36}${BOUNDARY_AFTER}`),
    construct: 'string-literal',
    priority: 9,
    check: githubChecksum(4),
  },
  {
    id: 'github-fine-grained-token',
    kind: 'GitHub fine-grained personal access token',
    description: 'A GitHub fine-grained personal access token (github_pat_…).',
    level: 'error',
    keywords: ['github_pat_'],
    pattern: re(`${BOUNDARY_BEFORE}github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}${BOUNDARY_AFTER}`),
    construct: 'string-literal',
    priority: 9,
    check: notExample(0.97),
  },
  {
    id: 'gitlab-token',
    kind: 'GitLab token',
    description: 'A GitLab personal, deploy, runner or pipeline-trigger token.',
    level: 'error',
    keywords: ['glpat-', 'gldt-', 'glrt-', 'glptt-'],
    pattern: re(`${BOUNDARY_BEFORE}(?:glpat|gldt|glrt|glptt)-[A-Za-z0-9_-]{20,}${BOUNDARY_AFTER}`),
    construct: 'string-literal',
    priority: 9,
    check: (value) => (scoreRandomSecret(value.slice(value.indexOf('-') + 1), 20) > 0 ? 0.95 : 0),
  },
  {
    id: 'slack-token',
    kind: 'Slack token',
    description: 'A Slack bot, user, app or configuration token (xox…, xapp-…).',
    level: 'error',
    keywords: ['xox', 'xapp-'],
    pattern: re(
      `${BOUNDARY_BEFORE}(?:xox[abposre]-(?:[0-9]{6,15}-){1,3}[A-Za-z0-9]{20,64}|xapp-\\d-[A-Z0-9]{9,12}-\\d{10,14}-[a-f0-9]{40,64})${BOUNDARY_AFTER}`,
    ),
    construct: 'string-literal',
    priority: 9,
    check: notExample(0.95),
  },
  {
    id: 'slack-webhook-url',
    kind: 'Slack incoming webhook URL',
    description: 'A Slack incoming webhook URL; anyone holding it can post to the channel.',
    level: 'error',
    keywords: ['hooks.slack.com'],
    pattern: re(
      'https://hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]{8,12}/[AB][A-Z0-9]{8,12}/[A-Za-z0-9]{20,32}',
    ),
    construct: 'string-literal',
    priority: 9,
    check: notExample(0.97),
  },
  {
    id: 'stripe-secret-key',
    kind: 'Stripe secret key',
    description:
      'A Stripe secret or restricted key (sk_live_, sk_test_, rk_live_, rk_test_). Publishable pk_ keys are public.',
    level: 'error',
    keywords: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
    pattern: re(`${BOUNDARY_BEFORE}(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,247}${BOUNDARY_AFTER}`),
    construct: 'string-literal',
    priority: 9,
    check: (value) =>
      isDocumentedExample(value) || scoreRandomSecret(value.slice(8), 16) === 0
        ? 0
        : value.includes('_live_')
          ? 0.97
          : 0.85,
  },
  {
    id: 'google-api-key',
    kind: 'Google API key',
    description: 'A Google Cloud / Firebase API key (AIza…).',
    level: 'error',
    keywords: ['AIza'],
    pattern: re(`${BOUNDARY_BEFORE}AIza[0-9A-Za-z_-]{35}${BOUNDARY_AFTER}`),
    construct: 'string-literal',
    priority: 9,
    check: notExample(0.93),
  },
  {
    id: 'openai-api-key',
    kind: 'OpenAI API key',
    description: 'An OpenAI API key (sk-…T3BlbkFJ…, sk-proj-…, sk-svcacct-…, sk-admin-…).',
    level: 'error',
    keywords: ['T3BlbkFJ', 'sk-proj-', 'sk-svcacct-', 'sk-admin-'],
    pattern: re(
      `${BOUNDARY_BEFORE}sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})${BOUNDARY_AFTER}`,
    ),
    construct: 'string-literal',
    priority: 9,
    check: (value) => (value.includes('T3BlbkFJ') ? 0.98 : scoreRandomSecret(value.slice(8), 32) > 0 ? 0.85 : 0),
  },
  {
    id: 'anthropic-api-key',
    kind: 'Anthropic API key',
    description: 'An Anthropic API or admin key (sk-ant-api03-…, sk-ant-admin01-…).',
    level: 'error',
    keywords: ['sk-ant-'],
    pattern: re(`${BOUNDARY_BEFORE}sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA${BOUNDARY_AFTER}`),
    construct: 'string-literal',
    priority: 9,
    check: notExample(0.98),
  },
  {
    id: 'sendgrid-api-key',
    kind: 'SendGrid API key',
    description: 'A SendGrid API key (SG.<22>.<43>).',
    level: 'error',
    keywords: ['SG.'],
    pattern: re(`${BOUNDARY_BEFORE}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${BOUNDARY_AFTER}`),
    construct: 'string-literal',
    priority: 9,
    check: notExample(0.97),
  },
  {
    id: 'twilio-api-key',
    kind: 'Twilio API key',
    description: 'A Twilio API key SID (SK + 32 hex); pair it with its secret in a secret manager.',
    level: 'error',
    keywords: ['SK'],
    pattern: re(`${BOUNDARY_BEFORE}SK[0-9a-f]{32}${BOUNDARY_AFTER}`),
    construct: 'string-literal',
    priority: 8,
    check: notExample(0.85),
  },
  {
    id: 'npm-token',
    kind: 'npm access token',
    description: 'An npm access token (npm_ + 30 random chars + CRC32 checksum).',
    level: 'error',
    keywords: ['npm_'],
    pattern: re(`${BOUNDARY_BEFORE}npm_[A-Za-z0-9]{36}${BOUNDARY_AFTER}`),
    construct: 'string-literal',
    priority: 9,
    check: githubChecksum(4),
  },
  {
    id: 'pypi-token',
    kind: 'PyPI API token',
    description: 'A PyPI upload token (a macaroon for pypi.org: pypi-AgEIcHlwaS5vcmc…).',
    level: 'error',
    keywords: ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'],
    pattern: re(`${BOUNDARY_BEFORE}pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}${BOUNDARY_AFTER}`),
    construct: 'string-literal',
    priority: 9,
    check: notExample(0.98),
  },
  {
    id: 'jwt',
    kind: 'JSON Web Token',
    description: 'A signed JSON Web Token; it is a bearer credential until it expires.',
    level: 'warning',
    keywords: ['eyJ'],
    pattern: re(
      `${BOUNDARY_BEFORE}eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,}${BOUNDARY_AFTER}`,
    ),
    construct: 'string-literal',
    priority: 8,
    check: (value) => {
      try {
        const header = JSON.parse(decodeBase64Url(value.slice(0, value.indexOf('.')))) as { alg?: string };
        return typeof header.alg === 'string' && header.alg.toLowerCase() !== 'none' ? 0.9 : 0;
      } catch {
        return 0;
      }
    },
  },
  {
    id: 'azure-storage-key',
    kind: 'Azure storage account key',
    description: 'The AccountKey / SharedAccessKey of an Azure storage, Service Bus or Event Hubs connection string.',
    level: 'error',
    keywords: ['AccountKey=', 'SharedAccessKey='],
    pattern: re('(?:AccountKey=(?<v>[A-Za-z0-9+/]{86}==)|SharedAccessKey=(?<w>[A-Za-z0-9+/]{42,43}=))'),
    construct: 'connection-string-part',
    priority: 9,
    check: notExample(0.97),
  },
  {
    id: 'url-password',
    kind: 'Password in a URL',
    description:
      'A password embedded in a connection URL (postgres, mysql, mongodb, redis, amqp, http, ftp, …): scheme://user:password@host.',
    level: 'error',
    keywords: ['://'],
    pattern: re(
      '(?<![\\w.+-])(?<scheme>[a-z][a-z0-9+.-]{1,30})://(?<user>[^\\s:/@\'"`?#]{0,64}):(?<v>[^\\s@/\'"`?#]{1,128})@(?=[\\w.\\[\\]-]+)',
      'gi',
    ),
    construct: 'url-password',
    priority: 7,
    check: (value, match) => {
      const user = match.groups?.user ?? '';
      if (value === user || /^(?:pass|password|pwd|secret|guest|postgres|root|admin|mysql|redis|user)$/i.test(value))
        return 0;
      let decoded = value;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        // keep raw
      }
      if (isCommonRejection(decoded)) return 0;
      const score = Math.max(scorePassword(decoded), scoreRandomSecret(decoded, 12));
      return score ? Math.min(0.95, score + 0.1) : 0;
    },
  },
  {
    id: 'connection-string-password',
    kind: 'Database connection string password',
    description: 'The password of a JDBC URL (…?password=…) or an ADO.NET connection string (Password=…; Pwd=…).',
    level: 'error',
    keywords: ['password=', 'pwd=', 'Password=', 'PWD=', 'Pwd=', 'PASSWORD='],
    pattern: re('(?:^|[;?&"\'`\\s])(?:password|pwd)\\s*=\\s*(?<v>[^;&\\s"\'`]{1,128})', 'gi'),
    construct: 'connection-string-part',
    priority: 7,
    check: (value, _match, line) => {
      if (
        !/jdbc:|server\s*=|data source\s*=|host\s*=|user\s*id\s*=|uid\s*=|database\s*=|initial catalog\s*=/i.test(line)
      )
        return 0;
      return Math.max(scorePassword(value), scoreRandomSecret(value, 12));
    },
  },
  {
    id: 'authorization-header',
    kind: 'Authorization header credential',
    description: 'A literal Bearer/Basic/token credential in an Authorization header.',
    level: 'error',
    keywords: ['uthorization', 'UTHORIZATION'],
    pattern: re(
      'authorization["\']?\\s*(?::|=>|=|,)\\s*["\'`]?\\s*(?:bearer|basic|token|apikey|sso-key)\\s+(?<v>[A-Za-z0-9._~+/:-]{12,}={0,2})(?![A-Za-z0-9._~+/=-])',
      'gi',
    ),
    construct: 'header-value',
    priority: 6,
    check: (value) => {
      const score = scoreRandomSecret(value, 12);
      return score ? Math.min(0.95, score + 0.1) : 0;
    },
  },
  {
    id: 'api-key-header',
    kind: 'API key header value',
    description: 'A literal value of an X-API-Key (or similar) request header.',
    level: 'error',
    keywords: ['api-key', 'API-Key', 'Api-Key', 'API-KEY', 'auth-token', 'Auth-Token', 'AUTH-TOKEN'],
    pattern: re(
      '\\b(?:x-)?(?:api-key|auth-token)["\']?\\s*(?::|=>|=|,)\\s*["\'`]?(?<v>[A-Za-z0-9._~+/-]{16,}={0,2})(?![A-Za-z0-9._~+/=-])',
      'gi',
    ),
    construct: 'header-value',
    priority: 6,
    check: (value) => scoreRandomSecret(value, 16),
  },
];

/** Multi-line rule metadata (matching is in pem.ts). */
export const privateKeyRule: RuleInfo = {
  id: 'private-key',
  kind: 'Private key',
  description: 'A PEM (RSA, EC, DSA, PKCS#8, encrypted) or OpenSSH private key block.',
  level: 'error',
};

/** Context rules (matching is in context.ts). */
export const contextRules: RuleInfo[] = [
  {
    id: 'aws-secret-access-key',
    kind: 'AWS secret access key',
    description:
      'A 40-character AWS secret access key assigned to an AWS-secret-like name or next to an access key ID.',
    level: 'error',
  },
  {
    id: 'jwt-signing-secret',
    kind: 'JWT signing secret',
    description: 'A literal HMAC secret used to sign JSON Web Tokens (jwtSecret, JWT_SIGNING_KEY, …).',
    level: 'error',
  },
  {
    id: 'generic-password',
    kind: 'Password',
    description: 'A literal assigned to a password-like name (password, passwd, pwd, passphrase, …).',
    level: 'warning',
  },
  {
    id: 'generic-secret',
    kind: 'Secret',
    description: 'A high-entropy literal assigned to a secret-like name (secret, client_secret, credentials, …).',
    level: 'warning',
  },
  {
    id: 'generic-api-key',
    kind: 'API key',
    description: 'A high-entropy literal assigned to an API-key-like name (api_key, access_key, private_key, …).',
    level: 'warning',
  },
  {
    id: 'generic-token',
    kind: 'Token',
    description: 'A high-entropy literal assigned to a token-like name (token, access_token, auth, …).',
    level: 'warning',
  },
];

export const allRuleInfos: RuleInfo[] = [...providerRules, privateKeyRule, ...contextRules];

export function ruleInfo(id: string): RuleInfo | undefined {
  return allRuleInfos.find((r) => r.id === id);
}
