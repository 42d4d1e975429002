// Provider rules whose value sits inside a larger structure (a URL, a header, a connection string, a command
// line, a config file format), so a `check` judges the value in its setting.
import {
  isCommonRejection,
  isDocumentedExample,
  scorePassword,
  scoreRandomSecret,
  shannonEntropy,
} from '../value-model';
import type { ProviderRuleData } from './types';

function decodeBase64Url(part: string): string {
  return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

function decodeUriSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A password-like value: a password the way people pick them, or random enough. */
function passwordScore(value: string): number {
  const decoded = decodeUriSafely(value);
  if (isCommonRejection(decoded)) return 0;
  return Math.max(scorePassword(decoded), scoreRandomSecret(decoded, 12));
}

const JWT_SHAPE = /^ey[A-Za-z0-9_-]{10,}\.ey[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/;

const WEAK_URL_PASSWORDS = /^(?:pass|password|pwd|secret|guest|postgres|root|admin|mysql|redis|user)$/i;

export const structuredRules: readonly ProviderRuleData[] = [
  {
    id: 'jwt',
    kind: 'JSON Web Token',
    description: 'A signed JSON Web Token; it is a bearer credential until it expires.',
    level: 'warning',
    // also base64-encoded as a whole (`ZXlK…`: a token inside a Kubernetes secret or a CI variable)
    // (`.ey` is in every token: the payload segment starts with it)
    keywords: ['eyJ', '.ey', 'ZXlK'],
    pattern:
      'eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,}' +
      '|ey[A-Za-z0-9]{17,}\\.ey[A-Za-z0-9_-]{17,}\\.[A-Za-z0-9_-]{10,}' +
      '|ZXlK[A-Za-z0-9+/]{60,}={0,2}',
    priority: 8,
    entropy: 0,
    check: (found) => {
      const value = found.startsWith('ZXlK') ? Buffer.from(found, 'base64').toString('latin1').trim() : found;
      if (!JWT_SHAPE.test(value)) return 0;
      let header: { alg?: unknown } | undefined;
      try {
        header = JSON.parse(decodeBase64Url(value.slice(0, value.indexOf('.')))) as { alg?: unknown };
      } catch {
        // a header that does not decode (a token cut or altered by hand, or made up with the shape) is still
        // token-shaped: reported with less confidence, if its characters are random
        return shannonEntropy(value) >= 4 ? 0.6 : 0;
      }
      // an unsigned token (alg none) authenticates nothing
      return typeof header?.alg === 'string' && header.alg.toLowerCase() !== 'none' ? 0.9 : 0;
    },
    docs: 'https://datatracker.ietf.org/doc/html/rfc7519',
    secret: { name: 'jwt/token', key: 'JWT' },
    sample: ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ', ['b64url', 40], '.', ['b64url', 43]],
    nearMiss: ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ', ['b64url', 40]],
  },
  {
    id: 'azure-storage-key',
    kind: 'Azure storage account key',
    description: 'The AccountKey / SharedAccessKey of an Azure storage, Service Bus or Event Hubs connection string.',
    keywords: ['AccountKey=', 'SharedAccessKey='],
    pattern: 'AccountKey=(?<v>[A-Za-z0-9+/]{86}==)|SharedAccessKey=(?<w>[A-Za-z0-9+/]{42,43}=)',
    boundaries: false,
    construct: 'connection-string-part',
    confidence: 0.97,
    docs: 'https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage',
    secret: { name: 'azure/storage-connection', key: 'AZURE_STORAGE_KEY' },
    sample: ['DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=', ['b64', 86], '=='],
  },
  {
    id: 'azure-sas-token',
    kind: 'Azure shared access signature',
    description: 'The signature (sig=) of an Azure Storage shared access signature URL or connection string.',
    keywords: ['sig='],
    pattern: '(?<=[?&;])sig=(?<v>[A-Za-z0-9%+/]{40,}(?:%3D|=){0,2})',
    boundaries: false,
    construct: 'url-password',
    check: (_value, _match, line) => (/[?&;]s[vprt]=/.test(line) ? 0.93 : 0),
    docs: 'https://learn.microsoft.com/en-us/azure/storage/common/storage-sas-overview',
    secret: { name: 'azure/sas-token', key: 'AZURE_SAS_TOKEN' },
    sample: [
      'https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=r&se=2030-01-01T00:00:00Z&sig=',
      ['b64', 43],
      '%3D',
    ],
  },
  {
    id: 'url-password',
    kind: 'Password in a URL',
    description:
      'A password embedded in a connection URL (postgres, mysql, mongodb, redis, amqp, http, ftp, …): scheme://user:password@host.',
    keywords: ['://'],
    pattern:
      '(?<![\\w.+-])(?<scheme>[a-z][a-z0-9+.-]{1,30})://(?<user>[^\\s:/@\'"`?#]{0,64}):(?<v>[^\\s@/\'"`?#]{1,128})@(?=[\\w.\\[\\]-]+)',
    flags: 'i',
    boundaries: false,
    construct: 'url-password',
    priority: 7,
    entropy: 0,
    check: (value, match) => {
      const user = match.groups?.user ?? '';
      if (value.includes('\\') || value === user || WEAK_URL_PASSWORDS.test(value)) return 0;
      const score = passwordScore(value);
      return score ? Math.min(0.95, score + 0.1) : 0;
    },
    docs: 'https://datatracker.ietf.org/doc/html/rfc3986#section-3.2.1',
    secret: { name: 'database/url', key: 'DATABASE_URL' },
    // split so no scheme://user:…@ string sits in the bundle (vsce's secret check reads it as a connection string)
    sample: ['postgres:', '//app:', ['alnum', 18], '@db.internal:5432/app'],
    nearMiss: ['postgres:', '//app:', '${DB_PASSWORD}', '@db.internal:5432/app'],
  },
  {
    id: 'connection-string-password',
    kind: 'Database connection string password',
    description: 'The password of a JDBC URL (…?password=…) or an ADO.NET connection string (Password=…; Pwd=…).',
    keywords: ['password=', 'pwd=', 'Password=', 'PWD=', 'Pwd=', 'PASSWORD='],
    pattern: '(?:^|[;?&"\'`\\s])(?:password|pwd)\\s*=\\s*(?<v>[^;&\\s"\'`]{1,128})',
    flags: 'i',
    boundaries: false,
    construct: 'connection-string-part',
    priority: 7,
    entropy: 0,
    check: (value, _match, line) => {
      if (
        !/jdbc:|server\s*=|data source\s*=|host\s*=|user\s*id\s*=|uid\s*=|database\s*=|initial catalog\s*=/i.test(line)
      )
        return 0;
      return Math.max(scorePassword(value), scoreRandomSecret(value, 12));
    },
    docs: 'https://learn.microsoft.com/en-us/dotnet/framework/data/adonet/connection-string-syntax',
    secret: { name: 'database/connection-string', key: 'CONNECTION_STRING' },
    sample: ['Server=db.internal;Database=app;User Id=svc;Password=', ['alnum', 16], ';'],
    nearMiss: ['Server=db.internal;Database=app;User Id=svc;Password=', '<password>', ';'],
  },
  {
    id: 'authorization-header',
    kind: 'Authorization header credential',
    description: 'A literal Bearer/Basic/token credential in an Authorization header (code, config, or curl -H).',
    keywords: ['uthorization', 'UTHORIZATION'],
    pattern:
      'authorization["\'\\]]{0,2}\\s*(?::|=>|=|,|>)\\s*["\'`]?\\s*(?:(?:bearer|basic|token|api-?token|apikey|sso-key)\\s+)?(?<v>[A-Za-z0-9._~+/:-]{12,}={0,2})(?![A-Za-z0-9._~+/=-])',
    flags: 'i',
    boundaries: false,
    construct: 'header-value',
    priority: 6,
    entropy: 0,
    check: (value) => {
      const basic = decodeBasic(value);
      if (basic !== undefined) return basic;
      if (isUuidCredential(value)) return 0.75;
      const score = scoreRandomSecret(value, 12);
      return score ? Math.min(0.95, score + 0.1) : 0;
    },
    docs: 'https://datatracker.ietf.org/doc/html/rfc9110#name-authorization',
    secret: { name: 'api/token', key: 'API_TOKEN' },
    sample: ['Authorization: Bearer ', ['alnum', 40]],
    nearMiss: ['Authorization: Bearer ', '${API_TOKEN}'],
  },
  {
    id: 'api-key-header',
    kind: 'API key header value',
    description: 'A literal value of an X-API-Key (or similar) request header.',
    keywords: ['api-key', 'apikey', 'api-token', 'auth-token'],
    // `X-API-Key`, `X-Auth-Token`, `X-Octopus-ApiKey` (a vendor between X- and the name); the dashless `apikey`
    // and `Api-Token` only as a header line inside a string (`-H "apikey: …"`), where no code variable is
    pattern:
      '\\b(?:x-(?:[a-z]+-)?(?:api-?key|api-token|auth-token)|api-key|auth-token)["\'\\]]{0,2}\\s*(?::|=>|=|,|>)\\s*["\'`]?(?<v>[A-Za-z0-9._~+/-]{16,}={0,2})(?![A-Za-z0-9._~+/=-])' +
      '|(?<=["\'])(?:apikey|api-token)[ \\t]*:[ \\t]*(?<w>[A-Za-z0-9._~+/-]{16,}={0,2})(?![A-Za-z0-9._~+/=-])',
    flags: 'i',
    boundaries: false,
    construct: 'header-value',
    priority: 6,
    entropy: 0,
    check: (value) => (isUuidCredential(value) ? 0.75 : scoreRandomSecret(value, 16)),
    docs: 'https://swagger.io/docs/specification/v3_0/authentication/api-keys/',
    secret: { name: 'api/key', key: 'API_KEY' },
    sample: ['X-API-Key: ', ['alnum', 40]],
    nearMiss: ['X-API-Key: ', ['alnum', 12]],
  },
  {
    id: 'command-line-password',
    kind: 'Password on a command line',
    description:
      'A password passed on a command line: curl -u user:pass, docker login -p, mysql -p…, sshpass -p, redis-cli -a.',
    keywords: ['curl', 'docker', 'mysql', 'sshpass', 'redis-cli', 'mariadb', '-u ', '--user'],
    pattern:
      // curl -u "user:pass", "user:" and ":pass" (either half may be empty), user:'pass', "user":"pass"
      '\\bcurl\\b[^\\n]*?\\s(?:-u|--user)(?:=|\\s*)(?:(?<q1>["\'])(?:[^\\s:"\'$]{0,64}:|(?=[^\\s:"\'$]{3,64}:\\k<q1>))(?<v>[^\\s"\'`]{3,128}?):?\\k<q1>' +
      '|(?:"[^"\\s$]{1,64}"|\'[^\'\\s$]{1,64}\'|[^\\s:"\'$]{1,64}):(?<q5>["\']?)(?<z>[^\\s"\'`]{3,128})\\k<q5>)(?=$|[\\s"\'`\\\\;|&)])' +
      // a continuation line of a wrapped curl command that starts with the flag (`  -u user:pass \\`)
      '|^\\s*(?:-u|--user)(?:=|[ \\t]+)(?<q6>["\']?)[^\\s:"\'$]{1,64}:(?<u>[^\\s"\'`]{3,128})\\k<q6>(?=$|[\\s\\\\])' +
      '|\\bdocker\\s+login\\b[^\\n]*?\\s(?:-p|--password)(?:=|\\s+)(?<q2>["\']?)(?<w>[^\\s"\'`]{3,128})\\k<q2>' +
      '|\\b(?:mysql(?:dump|admin|sh)?|mariadb)\\b[^\\n]*?\\s(?:-p|--password=)(?<q3>["\']?)(?<x>[^\\s"\'`]{3,128})\\k<q3>' +
      '|\\b(?:sshpass\\s+-p|redis-cli\\b[^\\n]*?\\s-a)\\s*(?<q4>["\']?)(?<y>[^\\s"\'`]{3,128})\\k<q4>',
    boundaries: false,
    construct: 'other',
    priority: 7,
    entropy: 0,
    check: (value) => {
      if (value.startsWith('-') || value.startsWith('$') || value.startsWith('%')) return 0;
      const score = passwordScore(value);
      return score ? Math.min(0.9, score + 0.05) : 0;
    },
    docs: 'https://everything.curl.dev/usingcurl/netrc',
    secret: { name: 'cli/password', key: 'PASSWORD' },
    sample: ['curl -u deploy:', ['alnum', 16], ' https://ci.internal/api'],
    nearMiss: ['curl -u deploy:', '$DEPLOY_PASSWORD', ' https://ci.internal/api'],
  },
  {
    id: 'docker-config-auth',
    kind: 'Docker registry credentials',
    description: 'The base64 `user:password` auth of a Docker config.json (also when escaped inside another string).',
    keywords: ['"auth"', '\\"auth\\"'],
    pattern: '\\\\?"auth\\\\?"\\s*:\\s*\\\\?"(?<v>[A-Za-z0-9+/]{8,}={0,2})\\\\?"',
    boundaries: false,
    construct: 'config-value',
    entropy: 0,
    check: (value) => decodeBasic(value) ?? 0,
    docs: 'https://docs.docker.com/reference/cli/docker/login/#credential-stores',
    secret: { name: 'docker/registry-credentials', key: 'DOCKER_AUTH' },
    sample: ['{"auths": {"registry.example.io": {"auth": "', ['basic-auth', 16], '"}}}'],
    nearMiss: ['{"auths": {"registry.example.io": {"auth": "', 'ZGVwbG95Og==', '"}}}'],
  },
  {
    id: 'jenkins-encrypted-secret',
    kind: 'Jenkins encrypted secret',
    description:
      'A Jenkins credentials.xml secret ({AQAAABAAAA…}); anyone with the controller’s master key can decrypt it.',
    level: 'warning',
    keywords: ['{AQAAABAAAA'],
    pattern: '\\{(?<v>AQAAABAAAA[A-Za-z0-9+/]{20,}={0,2})\\}',
    boundaries: false,
    construct: 'config-value',
    confidence: 0.85,
    docs: 'https://www.jenkins.io/doc/developer/security/secrets/',
    secret: { name: 'jenkins/credential', key: 'JENKINS_SECRET' },
    sample: ['<password>{AQAAABAAAA', ['b64', 40], '}</password>'],
    nearMiss: ['<password>{AQAAABAAAA', ['b64', 12], '}</password>'],
  },
];

const UUID_VALUE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID sent as an API key or bearer value (Heroku, Octopus and many others issue UUID keys). */
function isUuidCredential(value: string): boolean {
  return UUID_VALUE.test(value) && !isCommonRejectionExceptId(value);
}

function isCommonRejectionExceptId(value: string): boolean {
  return /(.)\1{5}/.test(value) || /^0{8}-|1234-?5678|abcd-?ef/i.test(value);
}

/** HTTP Basic / Docker auth: base64 of `user:password`. Undefined when the value is not that. */
function decodeBasic(value: string): number | undefined {
  if (!/^[A-Za-z0-9+/]{8,}={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1 || !/^[\x20-\x7e]+$/.test(decoded)) return undefined;
  const password = decoded.slice(colon + 1);
  if (isDocumentedExample(password) || WEAK_URL_PASSWORDS.test(password)) return 0;
  const score = Math.max(scorePassword(password), scoreRandomSecret(password, 12));
  return score ? Math.min(0.95, score + 0.1) : 0;
}
