// Generates the labelled detection corpus under test/fixtures/detection/ (deterministic, seeded).
//   node scripts/generate-detection-corpus.mjs
// Every secret is synthetic random data with the provider's shape (and checksum where one is defined).
// Output: test/fixtures/detection/files/** and test/fixtures/detection/labels.json
//   positives: { file, line, start, endLine, end, ruleId, kind, value }  (0-based; value range without quotes)
//   negatives: { file, line, start, endLine, end, category, value }      (look-alikes that must not fire)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// An optional argument writes elsewhere (the unit tests regenerate into a temp dir to prove determinism).
const OUT = process.argv[2] ?? 'test/fixtures/detection';
const FILES_PER_LANGUAGE = 10;

// ---------- seeded PRNG ----------
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(0x5ec7e75);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (items) => items[Math.floor(rand() * items.length)];
const shuffle = (items) => {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ALNUM = LOWER + UPPER + DIGITS;
const HEX = '0123456789abcdef';
const B64 = ALNUM + '+/';
const B64URL = ALNUM + '-_';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const str = (alphabet, n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
};
/** Random string that contains every class of the alphabet groups given (real generators do). */
function mixed(n, groups = [LOWER, UPPER, DIGITS]) {
  for (;;) {
    const s = str(groups.join(''), n);
    if (groups.every((g) => [...s].some((c) => g.includes(c)))) return s;
  }
}

// ---------- provider checksums (same algorithm GitHub/npm publish) ----------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(text) {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
const BASE62 = DIGITS + UPPER + LOWER;
function base62(n, width) {
  let out = '';
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(width, '0');
}
const checksummed = (prefix) => {
  const body = mixed(30);
  return prefix + body + base62(crc32(body), 6);
};
const b64url = (s) => Buffer.from(s).toString('base64url');

// ---------- secret generators: ruleId -> () => value ----------
const word = () =>
  pick([
    'app',
    'billing',
    'orders',
    'ledger',
    'catalog',
    'search',
    'auth',
    'notify',
    'reports',
    'inventory',
    'gateway',
  ]);
const host = () =>
  pick([
    `${word()}-db.internal`,
    `db.${word()}.svc.cluster.local`,
    `${word()}.c9x${str(LOWER + DIGITS, 6)}.eu-west-1.rds.amazonaws.com`,
    '10.0.3.17',
    `${word()}-primary.prod.example.net`,
  ]);
/** Passwords as people and generators make them: start with a letter so every syntax keeps them intact. */
function password() {
  switch (int(0, 3)) {
    case 0:
      return pick(UPPER + LOWER) + mixed(int(11, 19), [LOWER, UPPER, DIGITS, '!%^*-_=+.~']);
    case 1:
      return pick(UPPER + LOWER) + mixed(int(15, 23));
    case 2: {
      const words = ['Falcon', 'Ridge', 'Copper', 'Harbor', 'Maple', 'Orbit', 'Tundra', 'Velvet', 'Quartz', 'Ember'];
      return `${pick(words)}${pick('!.-_*')}${pick(words)}${int(10, 9999)}${pick('!%*+')}`;
    }
    default:
      return pick(LOWER) + str(LOWER + DIGITS, int(13, 19)) + pick(DIGITS);
  }
}
const pemBody = (lines) => Array.from({ length: lines }, () => str(B64, 64)).concat([str(B64, int(20, 60)) + '==']);
const SECRET = {
  'aws-access-key-id': () => pick(['AKIA', 'AKIA', 'AKIA', 'ASIA']) + str(BASE32, 16),
  'aws-secret-access-key': () => mixed(40, [LOWER, UPPER, DIGITS, '+/']),
  'github-token': () => checksummed(pick(['ghp_', 'ghp_', 'gho_', 'ghs_', 'ghu_', 'ghr_'])),
  'github-fine-grained-token': () => `github_pat_11${str(BASE32.slice(0, 26) + DIGITS, 20)}_${mixed(59)}`,
  'gitlab-token': () => `${pick(['glpat-', 'glpat-', 'gldt-', 'glrt-'])}${mixed(20, [LOWER, UPPER, DIGITS])}`,
  'slack-token': () =>
    pick([
      () => `xoxb-${str(DIGITS, 12)}-${str(DIGITS, 13)}-${mixed(24)}`,
      () => `xoxp-${str(DIGITS, 12)}-${str(DIGITS, 12)}-${str(DIGITS, 13)}-${str(HEX, 32)}`,
      () => `xapp-1-A${str(UPPER + DIGITS, 10)}-${str(DIGITS, 13)}-${str(HEX, 64)}`,
    ])(),
  'slack-webhook-url': () =>
    `https://hooks.slack.com/services/T${str(UPPER + DIGITS, 8)}/B${str(UPPER + DIGITS, 10)}/${mixed(24)}`,
  'stripe-secret-key': () => `${pick(['sk_live_', 'sk_live_', 'rk_live_', 'sk_test_'])}${mixed(pick([24, 34, 99]))}`,
  'google-api-key': () => `AIza${mixed(35, [LOWER, UPPER, DIGITS, '-_'])}`,
  'openai-api-key': () =>
    pick([
      () => `sk-${mixed(20)}T3BlbkFJ${mixed(20)}`,
      () => `sk-proj-${mixed(74, [LOWER, UPPER, DIGITS, '-_'])}T3BlbkFJ${mixed(74, [LOWER, UPPER, DIGITS, '-_'])}`,
    ])(),
  'anthropic-api-key': () => `sk-ant-api03-${mixed(93, [LOWER, UPPER, DIGITS, '-_'])}AA`,
  'sendgrid-api-key': () => `SG.${mixed(22, [LOWER, UPPER, DIGITS, '-_'])}.${mixed(43, [LOWER, UPPER, DIGITS, '-_'])}`,
  'twilio-api-key': () => `SK${str(HEX, 32)}`,
  'npm-token': () => checksummed('npm_'),
  'pypi-token': () => `pypi-AgEIcHlwaS5vcmc${str(B64URL, int(140, 180))}`,
  jwt: () => {
    const header = b64url(JSON.stringify({ alg: pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({ sub: str(DIGITS, 8), name: pick(['svc-billing', 'ci-bot', 'ops']), iat: int(1.6e9, 1.8e9) }),
    );
    return `${header}.${payload}.${str(B64URL, 43)}`;
  },
  'jwt-signing-secret': () => pick([() => str(HEX, 64), () => mixed(48, [LOWER, UPPER, DIGITS, '+/'])])(),
  'azure-storage-key': () => mixed(86, [LOWER, UPPER, DIGITS, '+/']) + '==',
  'url-password': password,
  'connection-string-password': password,
  'authorization-header': () => mixed(int(32, 48)),
  'api-key-header': () => pick([() => str(HEX, 32), () => mixed(40)])(),
  'generic-password': password,
  'generic-api-key': () => pick([() => str(HEX, 32), () => mixed(40), () => mixed(44, [LOWER, UPPER, DIGITS, '+/'])])(),
  'generic-token': () => pick([() => mixed(int(32, 64)), () => str(HEX, 40)])(),
  'generic-secret': () => pick([() => mixed(int(32, 48), [LOWER, UPPER, DIGITS, '+/']), () => str(HEX, 64)])(),
};
const KIND = {
  'aws-access-key-id': 'AWS access key ID',
  'aws-secret-access-key': 'AWS secret access key',
  'github-token': 'GitHub token',
  'github-fine-grained-token': 'GitHub fine-grained personal access token',
  'gitlab-token': 'GitLab token',
  'slack-token': 'Slack token',
  'slack-webhook-url': 'Slack incoming webhook URL',
  'stripe-secret-key': 'Stripe secret key',
  'google-api-key': 'Google API key',
  'openai-api-key': 'OpenAI API key',
  'anthropic-api-key': 'Anthropic API key',
  'sendgrid-api-key': 'SendGrid API key',
  'twilio-api-key': 'Twilio API key',
  'npm-token': 'npm access token',
  'pypi-token': 'PyPI API token',
  jwt: 'JSON Web Token',
  'jwt-signing-secret': 'JWT signing secret',
  'azure-storage-key': 'Azure storage account key',
  'url-password': 'Password in a URL',
  'connection-string-password': 'Database connection string password',
  'authorization-header': 'Authorization header credential',
  'api-key-header': 'API key header value',
  'generic-password': 'Password',
  'generic-api-key': 'API key',
  'generic-token': 'Token',
  'generic-secret': 'Secret',
  'private-key': 'Private key',
};
/** Names a value of each kind is typically assigned to (words; each language applies its own casing). */
const NAMES = {
  'aws-access-key-id': [
    ['aws', 'access', 'key', 'id'],
    ['access', 'key', 'id'],
    ['aws', 'key'],
  ],
  'aws-secret-access-key': [
    ['aws', 'secret', 'access', 'key'],
    ['aws', 'secret'],
    ['secret', 'access', 'key'],
  ],
  'github-token': [
    ['github', 'token'],
    ['gh', 'token'],
    ['git', 'hub', 'pat'],
  ],
  'github-fine-grained-token': [
    ['github', 'token'],
    ['gh', 'pat'],
  ],
  'gitlab-token': [
    ['gitlab', 'token'],
    ['ci', 'job', 'token'],
    ['gitlab', 'pat'],
  ],
  'slack-token': [
    ['slack', 'bot', 'token'],
    ['slack', 'token'],
    ['slack', 'app', 'token'],
  ],
  'slack-webhook-url': [
    ['slack', 'webhook', 'url'],
    ['alerts', 'webhook'],
    ['notify', 'url'],
  ],
  'stripe-secret-key': [
    ['stripe', 'secret', 'key'],
    ['stripe', 'key'],
    ['stripe', 'api', 'key'],
  ],
  'google-api-key': [
    ['google', 'api', 'key'],
    ['maps', 'api', 'key'],
    ['firebase', 'api', 'key'],
  ],
  'openai-api-key': [
    ['openai', 'api', 'key'],
    ['openai', 'key'],
    ['llm', 'api', 'key'],
  ],
  'anthropic-api-key': [
    ['anthropic', 'api', 'key'],
    ['claude', 'key'],
  ],
  'sendgrid-api-key': [
    ['sendgrid', 'api', 'key'],
    ['mail', 'api', 'key'],
  ],
  'twilio-api-key': [
    ['twilio', 'api', 'key'],
    ['twilio', 'key', 'sid'],
  ],
  'npm-token': [
    ['npm', 'token'],
    ['npm', 'auth', 'token'],
    ['registry', 'token'],
  ],
  'pypi-token': [
    ['pypi', 'token'],
    ['twine', 'password'],
    ['pypi', 'api', 'token'],
  ],
  jwt: [['service', 'jwt'], ['auth', 'token'], ['id', 'token'], ['bearer']],
  'jwt-signing-secret': [
    ['jwt', 'secret'],
    ['jwt', 'signing', 'key'],
    ['token', 'signing', 'secret'],
  ],
  'generic-password': [
    ['db', 'password'],
    ['password'],
    ['smtp', 'password'],
    ['admin', 'pass'],
    ['redis', 'password'],
    ['keystore', 'password'],
    ['ldap', 'bind', 'password'],
    ['pwd'],
  ],
  'generic-api-key': [
    ['api', 'key'],
    ['mailgun', 'api', 'key'],
    ['datadog', 'api', 'key'],
    ['service', 'api', 'key'],
    ['client', 'key'],
    ['encryption', 'key'],
  ],
  'generic-token': [
    ['access', 'token'],
    ['api', 'token'],
    ['auth', 'token'],
    ['refresh', 'token'],
    ['bot', 'token'],
  ],
  'generic-secret': [
    ['client', 'secret'],
    ['app', 'secret'],
    ['webhook', 'secret'],
    ['secret'],
    ['oauth', 'client', 'secret'],
  ],
};

// ---------- look-alikes: category -> () => { value, names } ----------
const sha1 = () => str(HEX, 40);
const sha256 = () => str(HEX, 64);
const uuid = () => `${str(HEX, 8)}-${str(HEX, 4)}-4${str(HEX, 3)}-${pick('89ab')}${str(HEX, 3)}-${str(HEX, 12)}`;
const LOOKALIKE = {
  placeholder: () => ({
    value: pick([
      'changeme',
      '<your-api-key>',
      'xxxxxxxxxxxxxxxxxxxxxxxx',
      '********',
      'YOUR_API_KEY_HERE',
      'replace-me',
      'your-secret-here',
      '<password>',
      'dummy-token',
      'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
      'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'insert-token-here',
      'CHANGE_ME',
      'example-password',
      'TODO',
      'your_password',
      '<YOUR_TOKEN>',
      'REDACTED',
    ]),
    names: [['api', 'key'], ['password'], ['secret'], ['token'], ['db', 'password'], ['client', 'secret']],
  }),
  reference: () => ({
    value: pick([
      '${DB_PASSWORD}',
      '${API_TOKEN}',
      '{{ secrets.DEPLOY_TOKEN }}',
      '{{resolve:secretsmanager:prod/app/db:SecretString:password}}',
      '$(cat /run/secrets/db_password)',
      '%(db_password)s',
      "#{ENV['API_KEY']}",
      '${var.db_password}',
      '${{ secrets.NPM_TOKEN }}',
      '{{ .Values.redis.password }}',
      '$SMTP_PASSWORD',
      '${env:STRIPE_KEY}',
      '@Microsoft.KeyVault(SecretUri=https://kv-app.vault.azure.net/secrets/db-password/)',
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/app/api-key-Ab12Cd',
      'op://Engineering/Stripe/credential',
    ]),
    names: [
      ['password'],
      ['api', 'token'],
      ['db', 'password'],
      ['client', 'secret'],
      ['api', 'key'],
      ['auth', 'token'],
    ],
  }),
  'aws-example': () =>
    pick([
      { value: 'AKIAIOSFODNN7EXAMPLE', names: [['aws', 'access', 'key', 'id']] },
      { value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', names: [['aws', 'secret', 'access', 'key']] },
      { value: 'AKIAI44QH8DHBEXAMPLE', names: [['access', 'key', 'id']] },
      { value: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', names: [['aws', 'secret']] },
    ]),
  'commit-sha': () => ({ value: sha1(), names: [['commit'], ['git', 'sha'], ['revision'], ['base', 'ref']] }),
  'content-hash': () => ({
    value: pick([sha256, () => str(HEX, 32)])(),
    names: [['checksum'], ['sha256'], ['etag'], ['content', 'hash'], ['digest'], ['password', 'hash']],
  }),
  integrity: () => ({
    value: pick([
      () => `sha512-${str(B64, 86)}==`,
      () => `sha384-${str(B64, 64)}`,
      () => `sha256:${sha256()}`,
      () => `h1:${str(B64, 43)}=`,
    ])(),
    names: [['integrity'], ['digest'], ['image', 'digest'], ['sum']],
  }),
  uuid: () => ({
    value: uuid(),
    names: [
      ['client', 'id'],
      ['tenant', 'id'],
      ['request', 'id'],
      ['secret', 'id'],
      ['token', 'id'],
      ['api', 'key', 'id'],
    ],
  }),
  'public-key': () =>
    pick([
      () => ({
        value: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${str(B64, 43)} deploy@ci`,
        names: [
          ['deploy', 'public', 'key'],
          ['ssh', 'public', 'key'],
          ['authorized', 'key'],
        ],
      }),
      () => ({
        value: `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ${str(B64, 180)}`,
        names: [
          ['public', 'key'],
          ['ssh', 'pub', 'key'],
        ],
      }),
      () => ({
        value: `pk_live_${mixed(24)}`,
        names: [
          ['stripe', 'publishable', 'key'],
          ['stripe', 'public', 'key'],
        ],
      }),
      () => ({
        value: `B${str(B64URL, 86)}`,
        names: [
          ['vapid', 'public', 'key'],
          ['push', 'public', 'key'],
        ],
      }),
      () => ({ value: `6L${str(B64URL, 38)}`, names: [['recaptcha', 'site', 'key']] }),
    ])(),
  i18n: () => ({
    value: pick([
      'Enter your password',
      'Forgot your password?',
      'Your session token has expired. Please sign in again.',
      'API key copied to clipboard',
      'Password must be at least 12 characters',
      'Secret saved',
      'Invalid token',
      'Show secret',
      'Passwords do not match',
      'Generate a new API key',
    ]),
    names: [
      ['password', 'label'],
      ['forgot', 'password'],
      ['token', 'expired'],
      ['api', 'key', 'copied'],
      ['password', 'hint'],
      ['password'],
      ['secret'],
      ['token'],
    ],
  }),
  identifier: () =>
    pick([
      {
        value: 'prod/app/db-credentials',
        names: [
          ['secret', 'name'],
          ['secret', 'id'],
        ],
      },
      { value: 'Bearer', names: [['token', 'type']] },
      { value: 'X-Api-Key', names: [['api', 'key', 'header']] },
      {
        value: 'APP_SECRET_KEY',
        names: [
          ['secret', 'key', 'env'],
          ['secret', 'key', 'var'],
        ],
      },
      { value: 'authToken', names: [['token', 'storage', 'key'], ['token']] },
      {
        value: '#password-input',
        names: [
          ['password', 'selector'],
          ['password', 'field'],
        ],
      },
      { value: 'user_password', names: [['password', 'column'], ['password']] },
      { value: 'secretsmanager:GetSecretValue', names: [['secret', 'action']] },
      { value: 'refresh_token', names: [['grant', 'type'], ['token']] },
      {
        value: 'alias/app-signing-key',
        names: [
          ['kms', 'key', 'id'],
          ['signing', 'key', 'alias'],
        ],
      },
      { value: 'passwordResetToken', names: [['token', 'param'], ['token']] },
      {
        value: 'ApiKeyAuthorizer',
        names: [
          ['api', 'key', 'authorizer'],
          ['api', 'key'],
        ],
      },
    ]),
  empty: () => ({ value: '', names: [['password'], ['api', 'key'], ['token'], ['client', 'secret']] }),
  'invalid-checksum': () => ({
    value: pick([`ghp_${mixed(36)}`, `npm_${mixed(36)}`]),
    names: [
      ['github', 'token'],
      ['npm', 'token'],
    ],
  }),
  'random-id': () => ({
    value: pick([() => str(HEX, 32), () => mixed(24), () => `req_${mixed(20)}`])(),
    names: [['trace', 'id'], ['request', 'id'], ['build', 'id'], ['cache', 'key'], ['correlation', 'id'], ['nonce']],
  }),
  'doc-example': () => ({
    value: pick(['sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'AKIAIOSFODNN7EXAMPLE']),
    names: [
      ['stripe', 'key'],
      ['aws', 'access', 'key', 'id'],
    ],
  }),
  'url-without-password': () => ({
    value: pick([
      `postgres://app@${host()}:5432/app`,
      'redis://:${REDIS_PASSWORD}@redis:6379/0',
      'mongodb+srv://svc:<password>@cluster0.mongodb.net/app',
      'amqp://guest:guest@localhost:5672/',
      `mysql://root:password@localhost:3306/${word()}`,
      'https://user:pass@example.com/path',
    ]),
    names: [
      ['database', 'url'],
      ['redis', 'url'],
      ['broker', 'url'],
      ['mongo', 'uri'],
    ],
  }),
  'weak-word': () => ({
    value: pick(['password123', 'secret', 'admin', 'letmein', 'test', 'P@ssw0rd', 'hunter2', 'qwerty']),
    names: [['password'], ['secret'], ['admin', 'password']],
  }),
};
const LOOKALIKE_CATEGORIES = Object.keys(LOOKALIKE);

// ---------- naming conventions ----------
const cap = (w) => w[0].toUpperCase() + w.slice(1);
const camel = (ws) => ws[0] + ws.slice(1).map(cap).join('');
const pascal = (ws) => ws.map(cap).join('');
const snake = (ws) => ws.join('_');
const upper = (ws) => ws.join('_').toUpperCase();
const kebab = (ws) => ws.join('-');
const dotted = (ws) => ws.join('.');

// ---------- per-language renderers ----------
// A renderer turns (name words, value) into lines; `§` marks where the value goes (exactly once).
// Multi-line PEM values are rendered by `pem(name, block)` which returns lines with the block embedded.
const fn = () =>
  pick(['load', 'build', 'create', 'init', 'configure', 'connect', 'resolve', 'fetch']) + pascal([word()]);

const LANGUAGES = {
  ts: {
    ext: 'ts',
    dir: 'typescript',
    assign: [
      (n) => [`const ${camel(n)} = '§';`],
      (n) => [`export const ${upper(n)} = "§";`],
      (n) => [`  ${camel(n)}: '§',`],
      (n) => [`    this.${camel(n)} = \`§\`;`],
      (n) => [`const ${camel(n)}: string = process.env.${upper(n)} ?? '§';`],
    ],
    header: () => [`    headers: { Authorization: \`Bearer §\`, 'Content-Type': 'application/json' },`],
    apiKeyHeader: () => [`  headers: { 'X-API-Key': '§' },`],
    pem: (n) => [`const ${camel(n)} = \`§\`;`],
    filler: () =>
      pick([
        [`import { ${pascal([word()])}Client } from './${word()}-client';`, `import * as path from 'node:path';`],
        [
          `export async function ${fn()}(id: string): Promise<Record<string, unknown>> {`,
          `  const response = await fetch(\`/api/${word()}/\${encodeURIComponent(id)}\`);`,
          `  if (!response.ok) throw new Error(\`request failed: \${response.status}\`);`,
          `  return (await response.json()) as Record<string, unknown>;`,
          `}`,
        ],
        [
          `interface ${pascal([word()])}Options {`,
          `  retries: number;`,
          `  timeoutMs?: number;`,
          `  region: string;`,
          `}`,
        ],
        [`const logger = createLogger({ level: 'info', name: '${word()}' });`, `const retries = ${int(1, 5)};`],
        [
          `export class ${pascal([word()])}Service {`,
          `  constructor(private readonly db: Database) {}`,
          ``,
          `  async count(): Promise<number> {`,
          `    return this.db.count('${word()}');`,
          `  }`,
          `}`,
        ],
      ]),
  },
  js: {
    ext: 'js',
    dir: 'javascript',
    assign: [
      (n) => [`const ${camel(n)} = "§";`],
      (n) => [`  ${camel(n)}: '§',`],
      (n) => [`module.exports.${camel(n)} = '§';`],
      (n) => [`config.${camel(n)} = "§";`],
      (n) => [`client.set${pascal(n)}('§');`],
    ],
    header: () => [`  const res = await axios.get(url, { headers: { Authorization: 'Bearer §' } });`],
    apiKeyHeader: () => [`xhr.setRequestHeader('X-API-Key', '§');`],
    pem: (n) => [`const ${camel(n)} = \`§\`;`],
    filler: () =>
      pick([
        [`const express = require('express');`, `const router = express.Router();`],
        [
          `router.get('/${word()}', async (req, res) => {`,
          `  const items = await db.${word()}.findAll({ limit: 50 });`,
          `  res.json(items);`,
          `});`,
        ],
        [`function ${fn()}(list) {`, `  return list.filter(Boolean).map((item) => item.id);`, `}`],
        [`module.exports = { port: ${int(3000, 9000)}, logLevel: 'debug' };`],
      ]),
  },
  py: {
    ext: 'py',
    dir: 'python',
    assign: [
      (n) => [`${upper(n)} = "§"`],
      (n) => [`    ${snake(n)} = '§'`],
      (n) => [`    "${snake(n)}": "§",`],
      (n) => [`client = ${pascal([word()])}Client(${snake(n)}="§", timeout=30)`],
      (n) => [`os.environ.setdefault("${upper(n)}", "§")`],
    ],
    header: () => [`    headers = {"Authorization": "Bearer §", "Accept": "application/json"}`],
    apiKeyHeader: () => [`    session.headers.update({"X-API-Key": "§"})`],
    pem: (n) => [`${upper(n)} = """§"""`],
    filler: () =>
      pick([
        [`import os`, `import logging`, `from dataclasses import dataclass`],
        [`logger = logging.getLogger(__name__)`],
        [
          `def ${snake([fn().toLowerCase()])}(items):`,
          `    """Return the ids of active items."""`,
          `    return [item.id for item in items if item.active]`,
        ],
        [
          `@dataclass`,
          `class ${pascal([word()])}Settings:`,
          `    region: str = "eu-west-1"`,
          `    retries: int = ${int(1, 5)}`,
        ],
        [`if __name__ == "__main__":`, `    main()`],
      ]),
  },
  go: {
    ext: 'go',
    dir: 'go',
    assign: [
      (n) => [`const ${camel(n)} = "§"`],
      (n) => [`	${pascal(n)}: "§",`],
      (n) => [`var ${camel(n)} string = "§"`],
      (n) => [`	${camel(n)} := "§"`],
      (n) => [`	os.Setenv("${upper(n)}", "§")`],
    ],
    header: () => [`	req.Header.Set("Authorization", "Bearer §")`],
    apiKeyHeader: () => [`	req.Header.Set("X-API-Key", "§")`],
    pem: (n) => [`const ${camel(n)} = \`§\``],
    filler: () =>
      pick([
        [`import (`, `	"context"`, `	"fmt"`, `	"net/http"`, `)`],
        [
          `func ${fn()}(ctx context.Context, id string) error {`,
          `	if id == "" {`,
          `		return fmt.Errorf("empty id")`,
          `	}`,
          `	return nil`,
          `}`,
        ],
        [`type ${pascal([word()])}Config struct {`, `	Region  string`, `	Retries int`, `}`],
      ]),
  },
  java: {
    ext: 'java',
    dir: 'java',
    assign: [
      (n) => [`    private static final String ${upper(n)} = "§";`],
      (n) => [`        String ${camel(n)} = "§";`],
      (n) => [`        props.setProperty("${dotted(n)}", "§");`],
      (n) => [`        builder.${camel(n)}("§");`],
    ],
    header: () => [`        conn.setRequestProperty("Authorization", "Bearer §");`],
    apiKeyHeader: () => [`        request.addHeader("X-API-Key", "§");`],
    pem: (n) => [`    static final String ${upper(n)} = """`, `§`, `        """;`],
    filler: () =>
      pick([
        [`import java.util.Properties;`, `import java.net.HttpURLConnection;`],
        [
          `    public int ${fn()}(List<String> ids) {`,
          `        return (int) ids.stream().filter(Objects::nonNull).count();`,
          `    }`,
        ],
        [
          `    @Override`,
          `    public String toString() {`,
          `        return "${pascal([word()])}Config{region=" + region + "}";`,
          `    }`,
        ],
      ]),
    wrap: (lines) => [`package com.example.${word()};`, ``, `public class ${pascal([word()])}Config {`, ...lines, `}`],
  },
  cs: {
    ext: 'cs',
    dir: 'csharp',
    assign: [
      (n) => [`        private const string ${pascal(n)} = "§";`],
      (n) => [`        var ${camel(n)} = "§";`],
      (n) => [`        public string ${pascal(n)} { get; set; } = "§";`],
      (n) => [`            { "${pascal(n)}", "§" },`],
    ],
    header: () => [`        client.DefaultRequestHeaders.Add("Authorization", "Bearer §");`],
    apiKeyHeader: () => [`        client.DefaultRequestHeaders.Add("X-API-Key", "§");`],
    pem: (n) => [`        private const string ${pascal(n)} = @"§";`],
    filler: () =>
      pick([
        [`using System;`, `using System.Net.Http;`, `using System.Threading.Tasks;`],
        [
          `        public async Task<int> ${fn()}Async(string id)`,
          `        {`,
          `            var result = await _repository.FindAsync(id);`,
          `            return result?.Count ?? 0;`,
          `        }`,
        ],
      ]),
    wrap: (lines) => [
      `namespace Example.${pascal([word()])}`,
      `{`,
      `    public class Settings`,
      `    {`,
      ...lines,
      `    }`,
      `}`,
    ],
  },
  rb: {
    ext: 'rb',
    dir: 'ruby',
    assign: [
      (n) => [`${upper(n)} = '§'`],
      (n) => [`  config.${snake(n)} = "§"`],
      (n) => [`  ${snake(n)}: '§',`],
      (n) => [`  :${snake(n)} => "§",`],
    ],
    header: () => [`  request['Authorization'] = "Bearer §"`],
    apiKeyHeader: () => [`  request['X-API-Key'] = '§'`],
    pem: (n) => [`${upper(n)} = <<~PEM`, `§`, `PEM`],
    filler: () =>
      pick([
        [`require 'net/http'`, `require 'json'`],
        [`def ${snake([fn().toLowerCase()])}(items)`, `  items.select(&:active?).map(&:id)`, `end`],
        [`class ${pascal([word()])}Job < ApplicationJob`, `  queue_as :default`, `end`],
      ]),
  },
  php: {
    ext: 'php',
    dir: 'php',
    assign: [
      (n) => [`$${camel(n)} = '§';`],
      (n) => [`    '${snake(n)}' => '§',`],
      (n) => [`define('${upper(n)}', '§');`],
      (n) => [`$config['${snake(n)}'] = "§";`],
    ],
    header: () => [`curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Bearer §']);`],
    apiKeyHeader: () => [`    'X-API-Key' => '§',`],
    pem: (n) => [`$${camel(n)} = <<<'KEY'`, `§`, `KEY;`],
    filler: () =>
      pick([
        [`use GuzzleHttp\\Client;`],
        [
          `function ${fn()}(array $items): array`,
          `{`,
          `    return array_filter($items, fn ($i) => $i['active']);`,
          `}`,
        ],
        [`$pdo = new PDO($dsn, $user, getenv('DB_PASSWORD'));`],
      ]),
    wrap: (lines) => ['<?php', '', ...lines],
  },
  rs: {
    ext: 'rs',
    dir: 'rust',
    assign: [
      (n) => [`const ${upper(n)}: &str = "§";`],
      (n) => [`    let ${snake(n)} = "§";`],
      (n) => [`        ${snake(n)}: "§".to_string(),`],
      (n) => [`static ${upper(n)}: &'static str = "§";`],
    ],
    header: () => [`        .header("Authorization", "Bearer §")`],
    apiKeyHeader: () => [`        .header("X-API-Key", "§")`],
    pem: (n) => [`const ${upper(n)}: &str = r#"§"#;`],
    filler: () =>
      pick([
        [`use std::collections::HashMap;`, `use serde::Deserialize;`],
        [
          `fn ${snake([fn().toLowerCase()])}(items: &[Item]) -> usize {`,
          `    items.iter().filter(|i| i.active).count()`,
          `}`,
        ],
        [`#[derive(Debug, Deserialize)]`, `struct Settings {`, `    region: String,`, `    retries: u32,`, `}`],
      ]),
  },
  kt: {
    ext: 'kt',
    dir: 'kotlin',
    assign: [
      (n) => [`private const val ${upper(n)} = "§"`],
      (n) => [`    val ${camel(n)}: String = "§"`],
      (n) => [`        ${camel(n)} = "§",`],
      (n) => [`    var ${camel(n)} = "§"`],
    ],
    header: () => [`        .addHeader("Authorization", "Bearer §")`],
    apiKeyHeader: () => [`        .addHeader("X-API-Key", "§")`],
    pem: (n) => [`val ${camel(n)} = """`, `§`, `""".trimIndent()`],
    filler: () =>
      pick([
        [`import okhttp3.OkHttpClient`, `import okhttp3.Request`],
        [`fun ${fn()}(items: List<Item>): Int = items.count { it.active }`],
        [`data class ${pascal([word()])}Config(val region: String, val retries: Int = ${int(1, 5)})`],
      ]),
  },
  sh: {
    ext: 'sh',
    dir: 'shell',
    assign: [
      (n) => [`export ${upper(n)}="§"`],
      (n) => [`${upper(n)}='§'`],
      (n) => [`export ${upper(n)}=§`],
      (n) => [`${upper(n)}=§ ./run.sh --migrate`],
    ],
    header: () => [`curl -sS -H "Authorization: Bearer §" https://api.example.com/v1/${word()}`],
    apiKeyHeader: () => [`curl -H 'X-API-Key: §' https://api.example.com/v2/status`],
    pem: () => [`cat > /tmp/deploy_key <<'EOF'`, `§`, `EOF`],
    filler: () =>
      pick([
        [`#!/usr/bin/env bash`, `set -euo pipefail`],
        [`for f in ./migrations/*.sql; do`, `  psql "$DATABASE_URL" -f "$f"`, `done`],
        [`echo "deploying ${word()} to $ENVIRONMENT"`, `docker compose up -d --build`],
      ]),
  },
  env: {
    ext: 'env',
    dir: 'dotenv',
    file: (i) => (i % 3 === 0 ? '.env' : i % 3 === 1 ? '.env.production' : 'local.env'),
    assign: [(n) => [`${upper(n)}=§`], (n) => [`${upper(n)}="§"`], (n) => [`export ${upper(n)}=§`]],
    header: () => [`AUTH_HEADER="Authorization: Bearer §"`],
    apiKeyHeader: () => [`DEFAULT_HEADERS="X-API-Key: §"`],
    pem: (n) => [`${upper(n)}="§"`],
    filler: () =>
      pick([
        [`NODE_ENV=production`, `PORT=${int(3000, 9000)}`],
        [`# ${word()} service`, `LOG_LEVEL=info`],
        [`AWS_REGION=eu-west-1`],
      ]),
  },
  yaml: {
    ext: 'yaml',
    dir: 'yaml',
    assign: [
      (n) => [`  ${snake(n)}: §`],
      (n) => [`  ${snake(n)}: "§"`],
      (n) => [`      - name: ${upper(n)}`, `        value: '§'`],
      (n) => [`    ${camel(n)}: '§'`],
      (n) => [`  ${kebab(n)}: §`],
    ],
    header: () => [`      Authorization: Bearer §`],
    apiKeyHeader: () => [`      X-API-Key: §`],
    pem: (n) => [`  ${snake(n)}: |`, `    §`],
    filler: () =>
      pick([
        [`apiVersion: apps/v1`, `kind: Deployment`, `metadata:`, `  name: ${word()}`],
        [
          `services:`,
          `  ${word()}:`,
          `    image: ghcr.io/acme/${word()}:1.${int(0, 9)}.${int(0, 9)}`,
          `    ports:`,
          `      - "${int(3000, 9000)}:8080"`,
        ],
        [`logging:`, `  level: info`, `  format: json`],
      ]),
  },
  json: {
    ext: 'json',
    dir: 'json',
    assign: [(n) => [`  "${camel(n)}": "§",`], (n) => [`    "${snake(n)}": "§",`], (n) => [`    "${upper(n)}": "§",`]],
    header: () => [`    "headers": { "Authorization": "Bearer §" },`],
    apiKeyHeader: () => [`    "headers": { "X-API-Key": "§" },`],
    pem: (n) => [`  "${snake(n)}": "§",`],
    filler: () =>
      pick([
        [`  "name": "${word()}-service",`, `  "version": "1.${int(0, 9)}.0",`],
        [`  "region": "eu-west-1",`, `  "retries": ${int(1, 5)},`],
        [`  "features": ["${word()}", "${word()}"],`],
      ]),
    wrap: (lines) => ['{', ...lines, '  "end": true', '}'],
  },
  toml: {
    ext: 'toml',
    dir: 'toml',
    assign: [(n) => [`${snake(n)} = "§"`], (n) => [`${snake(n)} = '§'`]],
    header: () => [`headers = { Authorization = "Bearer §" }`],
    apiKeyHeader: () => [`headers = { "X-API-Key" = "§" }`],
    pem: (n) => [`${snake(n)} = '''`, `§`, `'''`],
    filler: () =>
      pick([
        [`[server]`, `port = ${int(3000, 9000)}`, `host = "0.0.0.0"`],
        [`[database]`, `pool_size = ${int(5, 50)}`],
        [`[package]`, `name = "${word()}"`, `edition = "2021"`],
      ]),
  },
  ini: {
    ext: 'ini',
    dir: 'ini',
    file: (i) => (i % 4 === 0 ? 'credentials' : i % 4 === 1 ? 'app.ini' : i % 4 === 2 ? 'settings.cfg' : '.npmrc'),
    assign: [(n) => [`${snake(n)} = §`], (n) => [`${snake(n)}=§`]],
    header: () => [`auth_header = Authorization: Bearer §`],
    apiKeyHeader: () => [`default_headers = X-API-Key: §`],
    pem: null,
    filler: () =>
      pick([
        [`[default]`, `region = eu-west-1`],
        [`[${word()}]`, `timeout = ${int(5, 60)}`],
        [`; managed by ops`, `output = json`],
      ]),
  },
  properties: {
    ext: 'properties',
    dir: 'properties',
    assign: [(n) => [`${dotted(n)}=§`], (n) => [`app.${dotted(n)} = §`], (n) => [`spring.datasource.${camel(n)}: §`]],
    header: () => [`http.client.default-header=Authorization: Bearer §`],
    apiKeyHeader: () => [`http.client.header.x-api-key=§`],
    pem: null,
    filler: () =>
      pick([
        [`server.port=${int(3000, 9000)}`, `logging.level.root=INFO`],
        [`# ${word()} settings`, `app.name=${word()}`],
        [`spring.jpa.hibernate.ddl-auto=validate`],
      ]),
  },
  xml: {
    ext: 'xml',
    dir: 'xml',
    file: (i) => (i % 3 === 0 ? 'web.config' : i % 3 === 1 ? 'settings.xml' : 'app.config'),
    assign: [
      (n) => [`    <add key="${pascal(n)}" value="§" />`],
      (n) => [`    <${camel(n)}>§</${camel(n)}>`],
      (n) => [`    <property name="${dotted(n)}" value="§"/>`],
    ],
    header: () => [`    <header name="Authorization">Bearer §</header>`],
    apiKeyHeader: () => [`    <header name="X-API-Key">§</header>`],
    pem: (n) => [`    <${camel(n)}>`, `§`, `    </${camel(n)}>`],
    filler: () =>
      pick([
        [`    <add key="Environment" value="Production" />`],
        [`    <timeout>${int(5, 60)}</timeout>`],
        [`    <!-- ${word()} settings -->`],
      ]),
    wrap: (lines) => ['<?xml version="1.0" encoding="utf-8"?>', '<configuration>', ...lines, '</configuration>'],
  },
  tf: {
    ext: 'tf',
    dir: 'terraform',
    assign: [
      (n) => [`  ${snake(n)} = "§"`],
      (n) => [`resource "aws_db_instance" "${word()}" {`, `  ${snake(n)} = "§"`, `}`],
      (n) => [`    ${upper(n)} = "§"`],
    ],
    header: () => [`    Authorization = "Bearer §"`],
    apiKeyHeader: () => [`    "X-API-Key" = "§"`],
    pem: (n) => [`  ${snake(n)} = <<EOT`, `§`, `EOT`],
    filler: () =>
      pick([
        [`resource "aws_s3_bucket" "${word()}" {`, `  bucket = "acme-${word()}-${int(100, 999)}"`, `}`],
        [`provider "aws" {`, `  region = var.region`, `}`],
        [`variable "region" {`, `  type    = string`, `  default = "eu-west-1"`, `}`],
      ]),
  },
  dockerfile: {
    ext: '',
    dir: 'docker',
    file: (i) => (i % 2 ? 'Dockerfile' : `Dockerfile.${word()}`),
    assign: [
      (n) => [`ENV ${upper(n)}=§`],
      (n) => [`ENV ${upper(n)}="§"`],
      (n) => [`ARG ${upper(n)}=§`],
      (n) => [`ENV ${upper(n)} §`],
    ],
    header: () => [`RUN curl -fsSL -H "Authorization: Bearer §" https://artifacts.example.com/tool.tgz | tar xz`],
    apiKeyHeader: () => [`RUN curl -H "X-API-Key: §" https://api.example.com/warmup`],
    pem: null,
    filler: () =>
      pick([
        [`FROM node:20-slim`, `WORKDIR /app`],
        [`COPY package*.json ./`, `RUN npm ci --omit=dev`],
        [`EXPOSE ${int(3000, 9000)}`, `CMD ["node", "server.js"]`],
      ]),
  },
};

// Assignment-free renderings for connection strings and URLs: they appear inside a literal of each language.
function urlLine(lang, n, url) {
  return pick(LANGUAGES[lang].assign)(n).map((l) => l.replace('§', url));
}

const PEM_KINDS = [
  ['RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEA', 25],
  ['PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 25],
  ['EC PRIVATE KEY', 'MHcCAQEEI', 3],
  ['OPENSSH PRIVATE KEY', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAA', 6],
];

// ---------- harder real-world shapes: positional credentials, SDK constructors, wrapped lines ----------
// Each entry: [lines with one § per value, [kind-or-category per §]]. Kinds are positives, `~category` look-alikes.
const awsPair = () => ['aws-access-key-id', 'aws-secret-access-key'];
const HARD = {
  ts: [
    () => [
      [`const s3 = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: '§', secretAccessKey: '§' } });`],
      awsPair(),
    ],
    () => [[`const ${camel(pick(NAMES['generic-api-key']))} =`, `  '§';`], ['generic-api-key']],
    () => [[`const passwordPattern = /§/;`], ['~regex-literal']],
    () => [[`const apiKey = process.env['§'];`], ['~reference']],
  ],
  js: [
    () => [
      [
        `const transport = nodemailer.createTransport({ host: 'smtp.example.com', auth: { user: 'alerts', pass: '§' } });`,
      ],
      ['generic-password'],
    ],
    () => [[`module.exports.${camel(pick(NAMES['generic-token']))} =`, `  "§";`], ['generic-token']],
    () => [[`const token = req.get('§');`], ['~identifier']],
    () => [[`const sampleJwt = '§';`], ['~doc-example']],
  ],
  py: [
    () => [[`s3 = boto3.client("s3", aws_access_key_id="§", aws_secret_access_key="§")`], awsPair()],
    () => [[`    server.login("alerts@example.com", "§")`], ['generic-password']],
    () => [[`api_key = os.environ["§"]`], ['~reference']],
    () => [[`PASSWORD_RESET_TIMEOUT = "§"`], ['~number']],
  ],
  go: [
    () => [[`	creds := credentials.NewStaticCredentials("§", "§", "")`], awsPair()],
    () => [[`	auth := smtp.PlainAuth("", "alerts@example.com", "§", "smtp.example.com")`], ['generic-password']],
    () => [[`	token := r.Header.Get("§")`], ['~identifier']],
    () => [[`	secretName := "§"`], ['~identifier']],
  ],
  java: [
    () => [[`        AWSCredentials creds = new BasicAWSCredentials("§", "§");`], awsPair()],
    () => [[`        Connection c = DriverManager.getConnection(url, "app", "§");`], ['generic-password']],
    () => [[`    @Value("§")`, `    private String dbPassword;`], ['~reference']],
    () => [[`        String header = request.getHeader("§");`], ['~identifier']],
  ],
  cs: [
    () => [[`        var creds = new BasicAWSCredentials("§", "§");`], awsPair()],
    () => [[`        var credential = new NetworkCredential("svc_backup", "§");`], ['generic-password']],
    () => [[`        var apiKey = configuration["§"];`], ['~identifier']],
    () => [[`        const string PasswordPolicy = "§";`], ['~identifier']],
  ],
  rb: [
    () => [[`Aws.config.update(credentials: Aws::Credentials.new('§', '§'))`], awsPair()],
    () => [[`  ftp.login('deploy', '§')`], ['generic-password']],
    () => [[`password = ENV.fetch('§')`], ['~reference']],
    () => [[`  t.string :encrypted_password, null: false, default: "§"`], ['~empty']],
  ],
  php: [
    () => [[`    'credentials' => ['key' => '§', 'secret' => '§'],`], awsPair()],
    () => [[`$mail->Password = '§';`], ['generic-password']],
    () => [[`$password = $_POST['§'];`], ['~identifier']],
    () => [[`    'password' => env('DB_PASSWORD', '§'),`], ['~empty']],
  ],
  rs: [
    () => [[`    let creds = Credentials::new("§", "§", None, None, "static");`], awsPair()],
    () => [[`    let token = std::env::var("§")?;`], ['~reference']],
    () => [[`const TOKEN_HEADER: &str = "§";`], ['~identifier']],
  ],
  kt: [
    () => [[`    val creds = BasicAWSCredentials("§", "§")`], awsPair()],
    () => [[`    val token = prefs.getString("§", null)`], ['~identifier']],
    () => [[`    val passwordHint = "§"`], ['~i18n']],
  ],
  sh: [
    () => [[`mysql -h db.internal -u root -p'§' app < schema.sql`], ['generic-password']],
    () => [[`docker login -u ci --password § registry.example.com`], ['generic-password']],
    () => [[`read -rsp "§" DB_PASSWORD`], ['~i18n']],
    () => [[`TOKEN=$(vault kv get -field=token secret/§)`], ['~identifier']],
  ],
  env: [
    () => [[`# rotated last quarter, old value: §`], ['github-token']],
    () => [[`SESSION_SECRET_LENGTH=§`], ['~number']],
    () => [[`JWT_EXPIRES_IN=§`], ['~identifier']],
  ],
  yaml: [
    () => [[`  .dockerconfigjson-auth: §`], ['~identifier']],
    () => [[`  tls:`, `    secretName: §`], ['~identifier']],
    () => [[`      - name: REGISTRY_PASSWORD`, `        value: §`], ['generic-password']],
  ],
  json: [
    () => [[`  "auths": { "registry.example.com": { "auth": "§" } },`], ['generic-token']],
    () => [[`  "passwordTooWeak": "§",`], ['~i18n']],
    () => [[`  "tokenEndpoint": "§",`], ['~identifier']],
  ],
  toml: [
    () => [[`password = "§" # rotated quarterly`], ['generic-password']],
    () => [[`password_env = "§"`], ['~identifier']],
  ],
  ini: [() => [[`//registry.npmjs.org/:_authToken=§`], ['npm-token']], () => [[`password_file = §`], ['~identifier']]],
  properties: [
    () => [[`spring.datasource.password=§`], ['~reference']],
    () => [[`spring.mail.password=§`], ['generic-password']],
  ],
  xml: [
    () => [[`    <add key="ApiKeyHeaderName" value="§" />`], ['~identifier']],
    () => [
      [
        `    <add name="Default" connectionString="Server=tcp:${word()}.database.windows.net;Database=${word()};User ID=app;Password=§;" />`,
      ],
      ['connection-string-password'],
    ],
  ],
  tf: [
    () => [[`variable "${snake(pick(NAMES['generic-password']))}" {`, `  default = "§"`, `}`], ['generic-password']],
    () => [
      [
        `variable "${snake(pick(NAMES['generic-secret']))}" {`,
        `  type      = string`,
        `  sensitive = true`,
        `  default   = "§"`,
        `}`,
      ],
      ['generic-secret'],
    ],
    () => [[`  secret_string = jsonencode({ password = "§" })`], ['~reference']],
  ],
  dockerfile: [
    () => [[`RUN echo "//registry.npmjs.org/:_authToken=§" > /root/.npmrc && npm ci`], ['npm-token']],
    () => [[`RUN pip install --index-url https://deploy:§@pypi.example.com/simple app`], ['url-password']],
    () => [[`ENV API_KEY_FILE=§`], ['~identifier']],
  ],
};
const HARD_LOOKALIKE = {
  'regex-literal': () => '^(?=.*\\d)(?=.*[a-z])(?=.*[A-Z]).{12,}$',
  reference: () =>
    pick([
      'STRIPE_API_KEY',
      'OPENAI_API_KEY',
      'DB_PASSWORD',
      '${spring.datasource.password}',
      '${DB_PASSWORD}',
      '${random_password.db.result}',
    ]),
  identifier: () =>
    pick([
      'X-Auth-Token',
      'Authorization',
      'Stripe:ApiKey',
      'auth_token',
      'X-Api-Key',
      'tls-app-example-com',
      'https://auth.example.com/oauth/token',
      'DB_PASSWORD',
      '/run/secrets/api_key',
      'min-length-12-mixed-case',
      'prod/api',
      '15m',
      'registry-auth',
    ]),
  'doc-example': () =>
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  number: () => String(pick([64, 3600, 900, 86400])),
  i18n: () =>
    pick([
      'Database password: ',
      'Le mot de passe est trop faible',
      'Use 12+ characters with a number',
      'Mindestens 12 Zeichen',
    ]),
  empty: () => '',
};

/** Replaces each § in order with the next value; values are single-line. */
function placeMany(lines, values, labels) {
  const out = [];
  const items = [];
  let v = 0;
  for (const line of lines) {
    let built = '';
    let rest = line;
    for (let at = rest.indexOf('§'); at >= 0; at = rest.indexOf('§')) {
      built += rest.slice(0, at);
      const value = values[v];
      items.push({
        lineOffset: out.length,
        start: built.length,
        end: built.length + value.length,
        value,
        label: labels[v],
      });
      built += value;
      rest = rest.slice(at + 1);
      v++;
    }
    out.push(built + rest);
  }
  return { lines: out, items };
}

const hardCursor = {};
function hardBlock(lang, wantPositive) {
  const templates = HARD[lang] ?? [];
  for (let tries = 0; tries < 20; tries++) {
    hardCursor[lang] = (hardCursor[lang] ?? 0) + 1;
    const [lines, labels] = templates[hardCursor[lang] % templates.length]();
    if (labels.some((l) => !l.startsWith('~')) !== wantPositive) continue;
    let values = labels.map((l) => (l.startsWith('~') ? HARD_LOOKALIKE[l.slice(1)]() : SECRET[l]()));
    if (labels[0] === 'github-token' && lang === 'env') values = [SECRET['github-token']()];
    if (labels[0] === 'generic-token' && lang === 'json')
      values = [Buffer.from(`ci-bot:${password()}`).toString('base64')];
    return placeMany(lines, values, labels);
  }
  return undefined;
}

// ---------- file assembly ----------
const positives = [];
const negatives = [];
const POSITIVE_KINDS = Object.keys(SECRET);

function placeValue(lines, value, valueLines) {
  // Replace the single § in `lines`; returns the new lines and the value's position.
  const out = [];
  let pos;
  for (const line of lines) {
    const at = line.indexOf('§');
    if (at < 0) {
      out.push(line);
      continue;
    }
    const before = line.slice(0, at);
    const after = line.slice(at + 1);
    if (valueLines) {
      const first = before + valueLines[0];
      const rest = valueLines.slice(1);
      pos = {
        lineOffset: out.length,
        start: before.length,
        endLineOffset: out.length + rest.length,
        end: rest.length ? rest[rest.length - 1].length : first.length,
      };
      if (rest.length) out.push(first, ...rest.slice(0, -1), rest[rest.length - 1] + after);
      else out.push(first + after);
    } else {
      pos = { lineOffset: out.length, start: at, endLineOffset: out.length, end: at + value.length };
      out.push(before + value + after);
    }
  }
  return { lines: out, pos };
}

function positiveBlock(lang, kind) {
  const L = LANGUAGES[lang];
  if (kind === 'private-key') {
    const [label, head, n] = pick(PEM_KINDS);
    const body = pemBody(n);
    body[0] = head + body[0].slice(head.length);
    const block = [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`];
    const name = pick([
      ['private', 'key'],
      ['signing', 'key'],
      ['deploy', 'key'],
      ['tls', 'key'],
    ]);
    const template = L.pem(name);
    const indent = lang === 'yaml' ? '    ' : '';
    if (lang === 'json' || lang === 'env') {
      const value = block.join('\\n');
      return { ...placeValue(template, value), value, kind };
    }
    const valueLines = block.map((l, i) => (i === 0 ? l : indent + l));
    return { ...placeValue(template, valueLines.join('\n'), valueLines), value: valueLines.join('\n'), kind };
  }
  const value = SECRET[kind]();
  let template;
  let lineValue = value;
  if (kind === 'url-password') {
    const scheme = pick(['postgres', 'postgresql', 'mysql', 'mongodb', 'redis', 'amqp', 'mongodb+srv']);
    const user = pick(['app', 'svc_orders', 'admin', 'reporting', 'etl']);
    const url = `${scheme}://${user}:§@${host()}:${pick([5432, 3306, 27017, 6379, 5672])}/${word()}`;
    template = urlLine(lang, pick([['database', 'url'], ['db', 'uri'], ['broker', 'url'], ['connection']]), url);
  } else if (kind === 'connection-string-password') {
    const cs = pick([
      `jdbc:mysql://${host()}:3306/${word()}?user=app&password=§&useSSL=true`,
      `jdbc:postgresql://${host()}:5432/${word()}?user=etl&password=§`,
      `jdbc:sqlserver://${host()}:1433;databaseName=${word()};user=sa;password=§;encrypt=true`,
      `Server=tcp:${word()}.database.windows.net,1433;Database=${word()};User ID=app;Password=§;Encrypt=True;`,
      `Host=${host()};Port=5432;Database=${word()};Username=app;Password=§`,
      `Data Source=${host()};Initial Catalog=${word()};User Id=svc;Pwd=§;`,
    ]);
    if (lang === 'xml' && cs.includes('&')) return positiveBlock(lang, kind);
    template = urlLine(
      lang,
      pick([
        ['connection', 'string'],
        ['jdbc', 'url'],
        ['datasource', 'url'],
        ['default', 'connection'],
      ]),
      cs,
    );
  } else if (kind === 'azure-storage-key') {
    const cs = `DefaultEndpointsProtocol=https;AccountName=${word()}store${int(1, 99)};AccountKey=§;EndpointSuffix=core.windows.net`;
    template = urlLine(
      lang,
      pick([
        ['storage', 'connection', 'string'],
        ['azure', 'storage'],
        ['blob', 'connection'],
      ]),
      cs,
    );
  } else if (kind === 'authorization-header') {
    if (rand() < 0.3) lineValue = Buffer.from(`${pick(['deploy', 'ci', 'svc'])}:${password()}`).toString('base64');
    template = L.header();
    if (lineValue !== value) template = template.map((l) => l.replace('Bearer §', 'Basic §'));
  } else if (kind === 'api-key-header') {
    template = L.apiKeyHeader();
  } else {
    template = pick(L.assign)(pick(NAMES[kind]));
  }
  if (
    (lang === 'yaml' || lang === 'ini' || lang === 'properties' || lang === 'env' || lang === 'dockerfile') &&
    /^[^A-Za-z0-9]/.test(lineValue)
  ) {
    lineValue = `a${lineValue.slice(1)}`;
  }
  return { ...placeValue(template, lineValue), value: lineValue, kind };
}

function negativeBlock(lang, category) {
  const L = LANGUAGES[lang];
  if (category === 'public-key' && L.pem && rand() < 0.4) {
    const label = pick(['PUBLIC KEY', 'CERTIFICATE']);
    const block = [`-----BEGIN ${label}-----`, ...pemBody(pick([6, 12, 20])), `-----END ${label}-----`];
    const template = L.pem(
      pick([
        ['public', 'key'],
        ['ca', 'cert'],
        ['tls', 'certificate'],
      ]),
    );
    if (lang === 'json' || lang === 'env') {
      const value = block.join('\\n');
      return { ...placeValue(template, value), value, category };
    }
    const indent = lang === 'yaml' ? '    ' : '';
    const valueLines = block.map((l, i) => (i === 0 ? l : indent + l));
    return { ...placeValue(template, valueLines.join('\n'), valueLines), value: valueLines.join('\n'), category };
  }
  if (category === 'placeholder' && L.pem && rand() < 0.15) {
    const block = ['-----BEGIN RSA PRIVATE KEY-----', '<paste your private key here>', '-----END RSA PRIVATE KEY-----'];
    const template = L.pem([['private', 'key']][0]);
    if (lang === 'json' || lang === 'env') {
      const value = block.join('\\n');
      return { ...placeValue(template, value), value, category };
    }
    return { ...placeValue(template, block.join('\n'), block), value: block.join('\n'), category };
  }
  const { value, names } = LOOKALIKE[category]();
  let v = value;
  const unquotedConfig = ['yaml', 'ini', 'properties', 'env', 'dockerfile'].includes(lang);
  const templates = L.assign.filter((t) => {
    const sample = t(['x']).join('\n');
    // values with spaces or quotes need a quoted form
    if (/\s/.test(v) || v === '') return /["'`]§|>§</.test(sample) || lang === 'properties';
    if (v.includes("'")) return !sample.includes("'§");
    if (v.includes('"')) return !sample.includes('"§');
    return true;
  });
  if (!templates.length) return negativeBlock(lang, pick(['uuid', 'commit-sha', 'content-hash', 'identifier']));
  const template = pick(templates)(pick(names));
  if (unquotedConfig && v.includes('#') && !/["']§/.test(template.join(''))) v = v.replace(/#/g, '');
  if (lang === 'xml') v = v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { ...placeValue(template, v), value: v, category };
}

const counts = { files: 0 };
rmSync(join(OUT, 'files'), { recursive: true, force: true });
const positiveKindsCycle = [...POSITIVE_KINDS, 'private-key'];
let kindCursor = 0;
let categoryCursor = 0;

for (const [lang, L] of Object.entries(LANGUAGES)) {
  for (let i = 0; i < FILES_PER_LANGUAGE; i++) {
    const blocks = [];
    const nPos = i === FILES_PER_LANGUAGE - 1 ? 0 : int(1, 3); // one file per language holds only look-alikes
    const nNeg = int(1, 3) + (nPos === 0 ? 2 : 0);
    for (let k = 0; k < nPos; k++) {
      let kind = positiveKindsCycle[kindCursor++ % positiveKindsCycle.length];
      if (kind === 'private-key' && !L.pem) kind = 'generic-password';
      blocks.push({ positive: true, ...positiveBlock(lang, kind) });
    }
    for (let k = 0; k < nNeg; k++) {
      const category = LOOKALIKE_CATEGORIES[categoryCursor++ % LOOKALIKE_CATEGORIES.length];
      blocks.push({ positive: false, ...negativeBlock(lang, category) });
    }
    const hardPositive = nPos && i % 2 === 0 ? hardBlock(lang, true) : undefined;
    if (hardPositive) blocks.push({ hard: true, ...hardPositive });
    const hardNegative = hardBlock(lang, false);
    if (hardNegative) blocks.push({ hard: true, ...hardNegative });
    const fillers = Array.from({ length: int(2, 5) }, () => ({ filler: true, lines: L.filler() }));
    const ordered = shuffle([...blocks, ...fillers]);
    let body = [];
    const placed = [];
    for (const block of ordered) {
      if (body.length) body.push('');
      if (!block.filler) placed.push({ block, base: body.length });
      body.push(...block.lines);
    }
    const wrapped = L.wrap ? L.wrap(body) : body;
    const shift = L.wrap ? wrapped.indexOf(body[0]) : 0;
    body = wrapped;
    const name = L.file
      ? L.file(i)
      : `${word()}_${pick(['config', 'client', 'settings', 'service', 'deploy', 'worker'])}_${i}.${L.ext}`;
    const file = `files/${L.dir}/${i}/${name}`;
    for (const { block, base } of placed) {
      if (block.hard) {
        for (const item of block.items) {
          const at = {
            file,
            line: shift + base + item.lineOffset,
            start: item.start,
            endLine: shift + base + item.lineOffset,
            end: item.end,
          };
          if (item.label.startsWith('~')) negatives.push({ ...at, category: item.label.slice(1), value: item.value });
          else positives.push({ ...at, ruleId: item.label, kind: KIND[item.label], value: item.value });
        }
        continue;
      }
      const label = {
        file,
        line: shift + base + block.pos.lineOffset,
        start: block.pos.start,
        endLine: shift + base + block.pos.endLineOffset,
        end: block.pos.end,
      };
      if (block.positive) positives.push({ ...label, ruleId: block.kind, kind: KIND[block.kind], value: block.value });
      else negatives.push({ ...label, category: block.category, value: block.value });
    }
    const path = join(OUT, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body.join('\n') + '\n');
    counts.files++;
  }
}

// Sanity: every label's range must hold exactly its value.
for (const label of [...positives, ...negatives]) {
  const lines = readFileSync(join(OUT, label.file), 'utf8').split('\n');
  let text;
  if (label.line === label.endLine) text = lines[label.line].slice(label.start, label.end);
  else
    text = [
      lines[label.line].slice(label.start),
      ...lines.slice(label.line + 1, label.endLine),
      lines[label.endLine].slice(0, label.end),
    ].join('\n');
  if (text !== label.value) throw new Error(`label mismatch in ${label.file}:${label.line}`);
}

writeFileSync(
  join(OUT, 'labels.json'),
  JSON.stringify(
    { generator: 'scripts/generate-detection-corpus.mjs', files: counts.files, positives, negatives },
    null,
    1,
  ) + '\n',
);
process.stdout.write(`corpus: ${counts.files} files, ${positives.length} positives, ${negatives.length} negatives\n`);
