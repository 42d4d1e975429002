// Classifies the name a literal is assigned to: only the last meaningful word decides, so
// `passwordLength`, `secretName` and `tokenUrl` are not credentials while `dbPassword` is.

export type NameCategory = 'password' | 'secret' | 'api-key' | 'token' | 'aws-secret' | 'jwt-secret';

const TRAILING_NOISE = new Set([
  'prod',
  'production',
  'dev',
  'development',
  'staging',
  'stage',
  'test',
  'live',
  'sandbox',
  'local',
  'qa',
  'uat',
  'value',
  'val',
  'str',
  'string',
  'b64',
  'base64',
  'raw',
  'plain',
  'plaintext',
  'new',
  'old',
  'primary',
  'secondary',
]);

const PASSWORD_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'passcode',
  'pw',
  'pword',
  'userpass',
]);
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'signing',
  'sign',
  'encryption',
  'encrypt',
  'enc',
  'master',
  'auth',
  'app',
  'application',
  'client',
  'account',
  'shared',
  'hmac',
  'aes',
  'license',
  'service',
  'subscription',
  'webhook',
  'storage',
  'consumer',
  'crypto',
  'cipher',
  'admin',
  'root',
  'deploy',
  'developer',
  'dev',
  'server',
  'integration',
  'stripe',
  'mailgun',
  'sendgrid',
  'twilio',
  'openai',
  'anthropic',
  'github',
  'slack',
  'google',
  'maps',
  'aws',
  'azure',
  'gcp',
  'datadog',
  'algolia',
  'mapbox',
  'pusher',
  'segment',
  'sentry',
  'firebase',
  'cloudflare',
]);
const COMPOUND_KEYS = [
  'apikey',
  'accesskey',
  'secretkey',
  'privatekey',
  'signingkey',
  'authkey',
  'masterkey',
  'appkey',
  'encryptionkey',
  'clientkey',
  'licensekey',
  'accountkey',
  'sharedkey',
  'hmackey',
  'servicekey',
  'subscriptionkey',
  'adminkey',
];
const COMPOUND_TOKENS = [
  'accesstoken',
  'authtoken',
  'apitoken',
  'refreshtoken',
  'bearertoken',
  'bottoken',
  'sessiontoken',
];

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function classifyName(rawName: string): NameCategory | undefined {
  const name = rawName.replace(/^[$@:]+/, '');
  let words = splitWords(name);
  // Only the last dotted/arrow segment names the value (config.db.password → password; password.length → length).
  while (words.length && (TRAILING_NOISE.has(words[words.length - 1]) || /^\d+$/.test(words[words.length - 1]))) {
    words = words.slice(0, -1);
  }
  if (!words.length) return undefined;
  const last = words[words.length - 1];
  const previous = words[words.length - 2];
  const all = new Set(words);
  const joined = words.join('');

  let category: NameCategory | undefined;
  if (PASSWORD_WORDS.has(last) || /(?:password|passwd|passphrase)$/.test(last)) category = 'password';
  else if (last === 'secret' || /secret$/.test(last)) category = 'secret';
  else if (last === 'token' || COMPOUND_TOKENS.some((t) => last.endsWith(t))) category = 'token';
  else if (last === 'auth' && words.length <= 2) category = 'token';
  else if (last === 'credential' || last === 'credentials' || last === 'creds') category = 'secret';
  else if (last === 'key' && previous && KEY_QUALIFIERS.has(previous)) category = 'api-key';
  else if (COMPOUND_KEYS.some((k) => last.endsWith(k))) category = 'api-key';
  if (!category) return undefined;

  if (all.has('public') || all.has('publishable') || all.has('pub')) return undefined;
  if (all.has('jwt') || ((all.has('signing') || all.has('hmac')) && category !== 'password')) return 'jwt-secret';
  if ((all.has('aws') && (category === 'secret' || category === 'api-key')) || joined.includes('secretaccesskey')) {
    return 'aws-secret';
  }
  return category;
}
