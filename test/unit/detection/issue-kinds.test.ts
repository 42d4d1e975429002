// Every kind of miss and false alarm named by issue #18, each with its negative twin. Values are synthetic
// (generated at run time); documented example values appear as themselves, since they are public.
import { strict as assert } from 'node:assert';
import { DocumentScanner, scanText, type Finding } from '../../../src/core/detection/index';
import { Synthetic } from '../../support/synthetic';

const gen = new Synthetic(1818);
const b64 = (text: string) => Buffer.from(text).toString('base64');

interface Case {
  name: string;
  path: string;
  positive: string;
  negative: string;
  /** Expected rule on the positive (the negative must have no finding of it). */
  ruleId: string;
}

const b64url = (text: string) => Buffer.from(text).toString('base64url');
/** A synthetic JWT with the given alg and random claims and signature. */
function jwtOf(alg: string): string {
  const claims = b64url(JSON.stringify({ sub: gen.mixed(12), iat: 1700000000 }));
  return `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${claims}.${gen.chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_', 43)}`;
}

const uuidOf = () => {
  const h = (n: number) => gen.chars('0123456789abcdef', n);
  return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(12)}`;
};

function findings(text: string, path: string): Finding[] {
  return scanText(text, { path }).findings;
}

function cases(): Case[] {
  const pw = () => gen.password();
  const key = () => gen.mixed(40);
  return [
    // command lines
    {
      name: 'curl -u user:pass',
      path: 'deploy.sh',
      ruleId: 'command-line-password',
      positive: `curl -u deploy:${pw()} https://ci.internal/api`,
      negative: 'curl -u deploy:$DEPLOY_PASSWORD https://ci.internal/api',
    },
    {
      name: 'curl -H "Authorization: …"',
      path: 'README.md',
      ruleId: 'authorization-header',
      positive: `curl -H "Authorization: Bearer ${key()}" https://api.internal`,
      negative: 'curl -H "Authorization: Bearer $API_TOKEN" https://api.internal',
    },
    {
      name: 'docker login -p',
      path: 'ci.yml',
      ruleId: 'command-line-password',
      positive: `  - docker login -u ci -p ${pw()} registry.internal`,
      negative: '  - docker login -u ci --password-stdin registry.internal',
    },
    {
      name: 'mysql -p…',
      path: 'backup.py',
      ruleId: 'command-line-password',
      positive: `os.system("mysqldump -u root -p${pw()} app > dump.sql")`,
      negative: 'os.system("mysqldump -u root -p app > dump.sql")',
    },
    {
      name: 'mysql -p in Markdown prose (a code span, not a password)',
      path: 'NOTES.md',
      ruleId: 'command-line-password',
      positive: `Run \`mysql -u root -p${pw()}\` once.`,
      negative: 'Flags such as `mysql -p`/`docker login --password` arguments.',
    },
    {
      name: 'JDBC URL password',
      path: 'app.properties',
      ruleId: 'connection-string-password',
      positive: `url=jdbc:postgresql://db:5432/app?user=app&password=${pw()}`,
      negative: 'url=jdbc:postgresql://db:5432/app?user=app&password=${DB_PASSWORD}',
    },
    {
      name: 'Mongo URI password',
      path: 'db.js',
      ruleId: 'url-password',
      positive: `const uri = "mongodb+srv://svc:${pw()}@cluster0.mongodb.net/app";`,
      negative: 'const uri = "mongodb+srv://svc:<password>@cluster0.mongodb.net/app";',
    },
    {
      name: 'Redis URI with an empty user',
      path: 'settings.py',
      ruleId: 'url-password',
      positive: `REDIS_URL = "rediss://:${pw()}@cache.internal:6380/0"`,
      negative: 'REDIS_URL = "rediss://cache.internal:6380/0"',
    },
    {
      name: 'AMQP URI password',
      path: 'worker.go',
      ruleId: 'url-password',
      positive: `conn, err := amqp.Dial("amqp://svc:${pw()}@mq.internal:5672/")`,
      negative: 'conn, err := amqp.Dial("amqp://guest:guest@localhost:5672/")',
    },
    // the generic rule's blind spots
    {
      name: 'a vendor-qualified _key name',
      path: 'config.py',
      ruleId: 'generic-api-key',
      positive: `zuora_key = "${key()}"`,
      negative: `cache_key = "${key()}"`,
    },
    {
      name: 'a -key name in YAML',
      path: 'values.yaml',
      ruleId: 'generic-api-key',
      positive: `censys-key: ${key()}`,
      negative: `partition-key: ${key()}`,
    },
    {
      name: 'Go := with a vendor token name',
      path: 'main.go',
      ruleId: 'generic-token',
      positive: `sentry_token := "${key()}"`,
      negative: `sentry_token := os.Getenv("SENTRY_TOKEN")`,
    },
    {
      name: 'a LicenseKey directive',
      path: 'server.conf',
      ruleId: 'generic-api-key',
      positive: `LicenseKey ${key()}`,
      negative: 'LicenseKey /etc/license/key.txt',
    },
    {
      name: 'numbered names',
      path: 'config.ts',
      ruleId: 'generic-password',
      positive: `const password2 = "${pw()}";`,
      negative: 'const password2 = "";',
    },
    {
      name: 'api_key1',
      path: 'config.ts',
      ruleId: 'generic-api-key',
      positive: `const api_key1 = "${key()}";`,
      negative: 'const api_key1 = "<your api key>";',
    },
    {
      name: '?apikey= query parameter',
      path: 'client.ts',
      ruleId: 'generic-api-key',
      positive: `fetch("https://api.example.net/v1/items?apikey=${key()}")`,
      negative: 'fetch(`https://api.example.net/v1/items?apikey=${apiKey}`)',
    },
    {
      name: '&access_token= query parameter',
      path: 'client.ts',
      ruleId: 'generic-token',
      positive: `fetch("https://graph.example.net/me?fields=id&access_token=${key()}")`,
      negative: `fetch("https://graph.example.net/me?fields=id&pageToken=${key()}")`,
    },
    {
      name: 'KEY=value in the middle of a line',
      path: 'app.log',
      ruleId: 'generic-api-key',
      positive: `2024-05-01 [DEBUG] Using API_KEY=${key()} for upstream`,
      negative: '2024-05-01 [DEBUG] Using API_KEY=$API_KEY for upstream',
    },
    {
      name: 'Docker auth escaped inside a string',
      path: 'setup.ts',
      ruleId: 'docker-config-auth',
      positive: `const cfg = "{\\"auths\\":{\\"registry.internal\\":{\\"auth\\":\\"${b64(`ci:${pw()}`)}\\"}}}";`,
      negative: `const cfg = "{\\"auths\\":{\\"registry.internal\\":{\\"auth\\":\\"${b64('ci:')}\\"}}}";`,
    },
    {
      name: 'a credential split across concatenated literals',
      path: 'config.java',
      ruleId: 'generic-password',
      positive: (() => {
        const p = pw();
        return `String dbPassword = "${p.slice(0, 7)}" + "${p.slice(7)}";`;
      })(),
      negative: 'String dbPassword = "prefix-" + System.getenv("DB_PASSWORD_SUFFIX");',
    },
    {
      name: '*_token: "Bearer …"',
      path: 'settings.yaml',
      ruleId: 'generic-token',
      positive: `auth_token: "Bearer ${key()}"`,
      negative: 'auth_token: "Bearer ${API_TOKEN}"',
    },
    {
      name: 'XML <password> element',
      path: 'Service.java',
      ruleId: 'generic-password',
      positive: `String xml = "<user><password>${pw()}</password></user>";`,
      negative: 'String xml = "<user><password>${password}</password></user>";',
    },
    {
      name: 'XML <secret> element',
      path: 'app.config',
      ruleId: 'generic-secret',
      positive: `  <secret>${key()}</secret>`,
      negative: '  <secret>#{vault.secret}</secret>',
    },
    {
      name: 'XML password attribute',
      path: 'context.xml',
      ruleId: 'generic-password',
      positive: `<Resource name="jdbc/app" username="app" password="${pw()}" />`,
      negative: '<Resource name="jdbc/app" username="app" password="${db.password}" />',
    },
    // false alarms on real code
    {
      name: 'Python f-strings and format templates',
      path: 'db.py',
      ruleId: 'generic-password',
      positive: `password = "${pw()}"`,
      negative: 'password = f"{user.first_name}{secret_suffix}!"',
    },
    {
      name: 'printf templates',
      path: 'db.py',
      ruleId: 'generic-password',
      positive: `db_password = "${pw()}"`,
      negative: 'db_password = "%(user)s:%(pass)s@%(host)s"',
    },
    {
      name: 'pagination cursors',
      path: 'list.ts',
      ruleId: 'generic-token',
      positive: `const accessToken = "${key()}";`,
      negative: `const NextContinuationToken = "${key()}"; const nextToken = "${key()}";`,
    },
    {
      name: 'a one-character near miss of a provider token',
      path: 'a.ts',
      ruleId: 'github-token',
      positive: `const t = "${gen.githubToken()}";`,
      negative: `const t = "${gen.githubToken().slice(0, -1)}!";`,
    },
    {
      name: 'a ClickHouse Cloud key secret, not a hex digest that starts like one',
      path: 'cloud.ts',
      ruleId: 'clickhouse-cloud-api-key',
      positive: `const ref = "4b1d${gen.mixed(38)}";`,
      negative: `const digest = "4b1d${gen.chars('0123456789abcdef', 38)}";`,
    },
    {
      name: 'an Azure identifiable key carries its JQQJ9 signature; 84 random characters alone do not',
      path: 'pipeline.ts',
      ruleId: 'azure-identifiable-key',
      positive: `const value = "${gen.mixed(52)}JQQJ997A${gen.mixed(16)}AZDO${gen.mixed(4)}";`,
      negative: `const value = "${gen.mixed(52)}QJJQ997A${gen.mixed(16)}AZDO${gen.mixed(4)}";`,
    },
    {
      name: 'an Alchemy API key, not a value next to SQLAlchemy',
      path: 'settings.py',
      ruleId: 'alchemy-api-key',
      positive: `ALCHEMY_API_KEY = "${gen.mixed(32)}"`,
      negative: `SQLALCHEMY_ENGINE_FINGERPRINT = "${gen.mixed(32)}"`,
    },
    // assignment operators of Makefiles, PHP and R
    ...[':=', '::=', ':::=', '?=', '+='].map((op) => ({
      name: `Makefile ${op} assignment`,
      path: 'Makefile',
      ruleId: 'generic-token',
      positive: `DEPLOY_TOKEN ${op} "${key()}"`,
      negative: `DEPLOY_TOKEN ${op} "$(shell cat .deploy-token)"`,
    })),
    {
      name: 'PHP .= assignment',
      path: 'config.php',
      ruleId: 'generic-token',
      positive: `$apiToken .= "${key()}";`,
      negative: `$apiToken .= getenv("API_TOKEN");`,
    },
    {
      name: 'R <- assignment',
      path: 'client.R',
      ruleId: 'generic-api-key',
      positive: `api_key <- "${key()}"`,
      negative: 'api_key <- Sys.getenv("API_KEY")',
    },
    {
      name: 'C #define of a key (a preprocessor line, not a comment)',
      path: 'config.h',
      ruleId: 'generic-api-key',
      positive: `#define SERVICE_API_KEY "${key()}"`,
      negative: '#define SERVICE_API_KEY_LENGTH 40',
    },
    {
      name: 'name=\\"…\\" inside another string literal (JAAS config)',
      path: 'Kafka.java',
      ruleId: 'generic-token',
      positive: `props.put("sasl.jaas.config", "PlainLoginModule required username=\\"svc\\" serviceToken=\\"${key()}\\";");`,
      negative: `props.put("sasl.jaas.config", "PlainLoginModule required username=\\"svc\\" serviceToken=\\"\${TOKEN}\\";");`,
    },
    {
      name: 'a bcrypt / crypt(3) hash is a hash, not a password',
      path: 'seed.py',
      ruleId: 'generic-password',
      positive: `admin_password = "${pw()}"`,
      negative: `admin_password = "$2b$12$${gen.chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./', 53)}"`,
    },
    {
      name: 'curl -u ":password" (empty user)',
      path: 'check.sh',
      ruleId: 'command-line-password',
      positive: `curl -u ":${pw()}" https://search.internal:9200`,
      negative: 'curl -u ":" https://search.internal:9200',
    },
    {
      name: 'curl -u "password:" (empty password half)',
      path: 'check.sh',
      ruleId: 'command-line-password',
      positive: `curl -u "${pw()}:" https://search.internal:9200`,
      negative: 'curl -u "deploybot" https://search.internal:9200',
    },
    {
      name: "curl --user name:'password' (only the password quoted)",
      path: 'check.sh',
      ruleId: 'command-line-password',
      positive: `curl --user deploy:'${pw()}' -X PATCH https://ci.internal/api`,
      negative: "curl --user deploy:'$DEPLOY_PASSWORD' -X PATCH https://ci.internal/api",
    },
    {
      name: 'curl -H "Authorization: …" without a scheme',
      path: 'check.sh',
      ruleId: 'authorization-header',
      positive: `curl -H "Authorization: ${key()}" https://api.internal`,
      negative: 'curl -H "Authorization: $AUTH_HEADER" https://api.internal',
    },
    {
      name: 'Authorization: Api-Token …',
      path: 'check.sh',
      ruleId: 'authorization-header',
      positive: `curl -H "Authorization: Api-Token ${key()}" https://api.internal`,
      negative: 'curl -H "Authorization: Api-Token ${API_TOKEN}" https://api.internal',
    },
    {
      name: 'a UUID as an API key header value',
      path: 'check.sh',
      ruleId: 'api-key-header',
      positive: `curl -H "X-Deploy-ApiKey: ${gen.chars('0123456789abcdef', 8)}-${gen.chars('0123456789abcdef', 4)}-4${gen.chars('0123456789abcdef', 3)}-a${gen.chars('0123456789abcdef', 3)}-${gen.chars('0123456789abcdef', 12)}" https://deploy.internal`,
      negative: 'curl -H "X-Deploy-ApiKey: 00000000-0000-0000-0000-000000000000" https://deploy.internal',
    },
    {
      name: 'apikey: header (no X- prefix, no dash)',
      path: 'check.sh',
      ruleId: 'api-key-header',
      positive: `curl -H "apikey: ${key()}" https://db.internal/rest/v1/stats`,
      negative: 'curl -H "apikey: $SUPABASE_ANON" https://db.internal/rest/v1/stats',
    },
    {
      name: 'YAML block scalar (name: | ⏎ value)',
      path: 'config/app.yaml',
      ruleId: 'generic-token',
      positive: `service_token: |\n  ${key()}\n`,
      negative: `service_token: |\n  \${SERVICE_TOKEN}\n`,
    },
    {
      name: 'YAML folded scalar (name: >- ⏎ value)',
      path: 'config/app.yaml',
      ruleId: 'generic-secret',
      positive: `client_secret: >-\n  ${key()}\n`,
      negative: `description: >-\n  ${key()}\n`,
    },
    {
      name: 'XML element over three lines',
      path: 'settings.xml',
      ruleId: 'generic-token',
      positive: `<serviceToken>\n    ${key()}\n</serviceToken>`,
      negative: `<serviceToken>\n    \${service.token}\n</serviceToken>`,
    },
    {
      name: 'JSON "name": X, "value": … pairs',
      path: 'task-definition.json',
      ruleId: 'generic-token',
      positive: `[\n  {\n    "name": "SERVICE_TOKEN",\n    "value": "${key()}"\n  }\n]`,
      negative: `[\n  {\n    "name": "SERVICE_TOKEN_TTL",\n    "value": "${key()}"\n  }\n]`,
    },
    {
      name: 'YAML key: under a parent mapping',
      path: 'config/app.yaml',
      ruleId: 'generic-api-key',
      positive: `payments:\n  key: ${key()}\n`,
      negative: `primary:\n  key: ${key()}\n`,
    },
    {
      name: 'a commented-out assignment of a random key',
      path: 'deploy.sh',
      ruleId: 'generic-token',
      positive: `# DEPLOY_TOKEN=${key()}`,
      negative: '# DEPLOY_TOKEN=your-deploy-token-goes-here',
    },
    {
      name: 'a commented-out string assignment in code',
      path: 'client.ts',
      ruleId: 'generic-api-key',
      positive: `// const serviceApiKey = "${key()}";`,
      negative: '// const serviceApiKey = process.env.SERVICE_API_KEY_VALUE;',
    },
    {
      name: '.npmrc registry auth token (//host/:_authToken= is not a comment)',
      path: '.npmrc',
      ruleId: 'generic-token',
      positive: `//registry.internal.example/:_authToken=${key()}`,
      negative: '//registry.internal.example/:_authToken=${NPM_TOKEN}',
    },
    {
      name: 'a JSON Web Token base64-encoded as a whole (ZXlK…)',
      path: 'ci/variables.yml',
      ruleId: 'jwt',
      positive: `ENCODED_JWT: ${b64(`${jwtOf('HS256')}`)}`,
      negative: `ENCODED_JWT: ${b64(`${jwtOf('none')}`)}`,
    },
    {
      name: '.netrc machine … login … password …',
      path: 'home/.netrc',
      ruleId: 'generic-password',
      positive: `machine ftp.internal login deploy password ${pw()}`,
      negative: 'machine ftp.internal login deploy password $FTP_PASSWORD',
    },
    {
      name: '$NAME= / $NAME: in config files (PHP-style names)',
      path: 'config/db.ini',
      ruleId: 'generic-password',
      positive: `$DB_PASSWORD=${pw()}`,
      negative: '$DB_PASSWORD=[value]',
    },
    {
      name: 'curl -u on a continuation line of a wrapped command',
      path: 'scripts/token.sh',
      ruleId: 'command-line-password',
      positive: `curl -X POST https://auth.internal/oauth2/token \\\n  -d grant_type=client_credentials \\\n  --user svc:${pw()}\n`,
      negative:
        'curl -X POST https://auth.internal/oauth2/token \\\n  -d grant_type=client_credentials \\\n  --user "$CLIENT_ID:$CLIENT_SECRET"\n',
    },
    {
      name: 'a JWT-shaped token whose header does not decode (altered or made up)',
      path: 'fixtures/session.txt',
      ruleId: 'jwt',
      positive: `session=ey${gen.mixed(24)}.ey${gen.mixed(40, '-_')}.${gen.mixed(30, '-_')}`,
      negative: 'session=eyJhbGciOiJIUzI1NiJ9.eyJ...truncated',
    },
    {
      name: 'a UUID under a token name (many services issue UUID tokens), not under an id name',
      path: 'config.go',
      ruleId: 'generic-token',
      positive: `cfg.Token = GetEnvOrDefault("api_token", "${uuidOf()}")`,
      negative: `cfg.TokenID = GetEnvOrDefault("api_token_id", "${uuidOf()}")`,
    },
    {
      name: 'request-making and action tokens are not credentials (AWS ChangeToken, ClientRequestToken)',
      path: 'examples-1.json',
      ruleId: 'generic-token',
      positive: `{"ApiToken": "${uuidOf()}"}`,
      negative: `{"ChangeToken": "${uuidOf()}", "ClientRequestToken": "${uuidOf()}", "LifecycleActionToken": "${uuidOf()}"}`,
    },
    {
      name: "a paginator's result_key names a field, whatever its value",
      path: 'paginators-1.json',
      ruleId: 'generic-api-key',
      positive: `{"api_key": "${key()}"}`,
      negative: `{"result_key": "${key()}", "ResultKey": "DBClusterSnapshots"}`,
    },
    {
      name: 'a keyword argument given a call or an index is code',
      path: 'proxy.py',
      ruleId: 'generic-token',
      positive: `proxy.start(host=host, token="${key()}", bind=bind)`,
      negative: `proxy.start(host=host, token=_GetFreshIdToken(), password=credential_data['basicAuth'])`,
    },
    {
      name: 'only a call names its next argument: a list of names is not a name and its value',
      path: 'curl_options.php',
      ruleId: 'generic-password',
      positive: `$opts = array('password', '${pw()}');`,
      negative: `$names = ['COOKIEJAR', 'KEYPASSWD', 'KRB4LEVEL'];`,
    },
    {
      name: 'a pair inside a string literal (config held in code)',
      path: 'fixtures.py',
      ruleId: 'generic-password',
      positive: `CONFIG = "password: '${pw()}'"`,
      negative: `PROMPT = "password: '{password}'"`,
    },
    {
      name: 'escaped JSON inside a string literal',
      path: 'payload.json',
      ruleId: 'generic-api-key',
      positive: `{"body": "{ \\"access-key\\": \\"${gen.chars('0123456789abcdef', 42)}\\" }"}`,
      negative: `{"body": "{ \\"access-key\\": \\"\${ACCESS_KEY}\\" }"}`,
    },
    {
      name: 'a short secret chosen like a password',
      path: 'settings.json',
      ruleId: 'generic-secret',
      positive: `"client_secret" : "${gen.chars('abcdefghijklmnopqrstuvwxyz', 5)}${gen.chars('0123456789', 5)}",`,
      negative: `"client_secret" : "app/db-${gen.mixed(6)}",`,
    },
    {
      name: 'a random mixed-case key whose letters happen to come in long lower-case runs',
      path: 'settings.py',
      ruleId: 'generic-api-key',
      // secrets-workbench:ignore-next-line generic-api-key -- a made-up random value, the input under test
      positive: 'apideck_api_key = "HA7LAUfecYV8uyfs0nrokupslBpAito9lnpyaUSF"',
      negative: 'apideck_api_key = "HandlesUpdatesFromTheSupportPortalNightly"',
    },
    {
      name: "a vendor's name only as a word of its own (Sumo Logic, not sumObj)",
      path: 'stats.js',
      ruleId: 'sumologic-access-key',
      positive: `const sumoAccessId = "su${gen.mixed(12)}";`,
      negative: `const sumObj = "su${gen.mixed(12)}";`,
    },
  ];
}

describe('issue #18 kinds, each with a negative twin', () => {
  for (const c of cases()) {
    it(c.name, () => {
      const found = findings(c.positive, c.path);
      assert.ok(
        found.some((f) => f.ruleId === c.ruleId),
        `missed: ${found.map((f) => f.ruleId).join(', ') || 'nothing'}`,
      );
      const twin = findings(c.negative, c.path).filter((f) => f.ruleId === c.ruleId || f.source === 'context');
      assert.deepEqual(
        twin.map((f) => f.ruleId),
        [],
        'the negative twin fired',
      );
    });
  }

  it('a pair inside a literal is reported on its value, where the value sits in the line', () => {
    const value = gen.chars('0123456789abcdef', 40);
    for (const [line, path] of [
      [`s = "{ \\"token\\": \\"${value}\\", \\"n\\": 1 }"`, 'a.py'],
      [`  "password: '${value}'",`, 'list.json'],
    ]) {
      const found = findings(line, path).filter((f) => f.source === 'context');
      assert.equal(found.length, 1, line);
      assert.equal(line.slice(found[0].range.start.offset, found[0].range.end.offset), value);
      assert.equal(found[0].construct, 'other', 'text inside a literal: no quotes of its own to replace');
    }
  });

  it('Kubernetes Secret manifests: data (base64) and stringData values, not templated ones', () => {
    const password = gen.password();
    const manifest = (value: string, plain: string) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n  db-password: ${value}\nstringData:\n  api-token: ${plain}\n`;
    const positive = manifest(b64(password), gen.mixed(32));
    const found = findings(positive, 'k8s/secret.yaml').filter((f) => f.ruleId === 'kubernetes-secret');
    assert.deepEqual(
      found.map((f) => f.name),
      ['db-password', 'api-token'],
    );
    assert.equal(positive.slice(found[0].range.start.offset, found[0].range.end.offset), b64(password));
    const negative = manifest('{{ .Values.dbPassword | b64enc }}', '"{{ .Values.apiToken }}"');
    assert.deepEqual(
      findings(negative, 'k8s/secret.yaml').map((f) => f.ruleId),
      [],
    );
    // a ConfigMap with the same data is not a Secret
    assert.deepEqual(
      findings(positive.replace('kind: Secret', 'kind: ConfigMap'), 'k8s/cm.yaml').filter(
        (f) => f.ruleId === 'kubernetes-secret',
      ),
      [],
    );
    // the Secret is found past other `kind:` lines (a ConfigMap document first, a `kind:` in a value)
    const both = `${positive.replace('kind: Secret', 'kind: ConfigMap')}---\nnote: "kind: Secret"\n${positive}`;
    assert.deepEqual(
      findings(both, 'k8s/all.yaml')
        .filter((f) => f.ruleId === 'kubernetes-secret')
        .map((f) => f.range.start.line),
      [17, 19],
    );
  });

  it('private keys under any PRIVATE KEY label, and short Ed25519 bodies whose base64 holds a +', () => {
    const body = (n: number) => gen.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', n);
    const block = (label: string, lines: string[]) =>
      [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join('\n');
    for (const label of ['ANY PRIVATE KEY', 'X25519 PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']) {
      const text = block(label, [body(64), body(64), body(40)]);
      assert.deepEqual(
        findings(text, 'keys/k.pem').map((f) => f.ruleId),
        ['private-key'],
        label,
      );
      assert.deepEqual(
        findings(block(label, ['...']), 'keys/k.pem').map((f) => f.ruleId),
        [],
        `${label} placeholder`,
      );
    }
    // an Ed25519 PKCS#8 body: 64 characters, a fixed ASN.1 prefix, and a + in it
    const ed = `MC4CAQAwBQYDK2VwBCIEI${body(20)}+${body(22)}`;
    assert.deepEqual(
      findings(block('PRIVATE KEY', [ed]), 'keys/ed.pem').map((f) => f.ruleId),
      ['private-key'],
    );
    assert.deepEqual(
      findings(block('PRIVATE KEY', [ed.slice(0, 40)]), 'keys/ed.pem').map((f) => f.ruleId),
      [],
    );
  });

  it('Kubernetes Secrets: lower-case or quoted kind, data before kind, block-scalar values, Docker configs', () => {
    const secretOf = (value: string) => b64(value);
    const lower = `apiVersion: v1\ndata:\n\tpassword: '${secretOf(gen.password())}'\nkind: 'secret'\nmetadata:\n\tname: db\n`;
    assert.deepEqual(
      findings(lower, 'k8s/secret.yml')
        .filter((f) => f.ruleId === 'kubernetes-secret')
        .map((f) => f.name),
      ['password'],
    );
    const dockercfg = (password: string) =>
      b64(JSON.stringify({ auths: { 'registry.internal': { auth: b64(`ci:${password}`) } } }));
    const block = (value: string) =>
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: pull\ntype: kubernetes.io/dockercfg\ndata:\n  .dockercfg: |\n    ${value}\n`;
    assert.deepEqual(
      findings(block(dockercfg(gen.password())), 'k8s/pull.yaml')
        .filter((f) => f.ruleId === 'kubernetes-secret')
        .map((f) => f.level),
      ['error'],
    );
    assert.deepEqual(
      findings(block(dockercfg('changeme')), 'k8s/pull.yaml').map((f) => f.ruleId),
      [],
    );
    // ExternalSecret and SopsSecret are not Secrets
    const external = `apiVersion: v1\nkind: ExternalSecret\nmetadata:\n  name: db\ndata:\n  password: ${secretOf(gen.password())}\n`;
    assert.deepEqual(
      findings(external, 'k8s/external.yaml').filter((f) => f.ruleId === 'kubernetes-secret'),
      [],
    );
  });

  it('PuTTY key files (.ppk), the same in the editor as on the command line; not without private lines', () => {
    const b64line = (n: number) => gen.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', n);
    const ppk = (privateLines: string[], encryption = 'none') =>
      [
        'PuTTY-User-Key-File-3: ssh-ed25519',
        `Encryption: ${encryption}`,
        'Comment: deploy',
        'Public-Lines: 2',
        b64line(64),
        b64line(4),
        `Private-Lines: ${privateLines.length}`,
        ...privateLines,
        `Private-MAC: ${gen.chars('0123456789abcdef', 64)}`,
        '',
      ].join('\n');
    for (const text of [ppk([b64line(44)]), ppk([b64line(64), b64line(64), b64line(20)], 'aes256-cbc')]) {
      const found = findings(text, 'keys/deploy.ppk');
      assert.deepEqual(
        found.map((f) => f.ruleId),
        ['private-key'],
      );
      assert.equal(found[0].range.start.line, 0);
      const editor = new DocumentScanner(text, { path: 'keys/deploy.ppk' }).result().findings;
      assert.deepEqual(
        editor.map((f) => [f.ruleId, f.range]),
        found.map((f) => [f.ruleId, f.range]),
      );
    }
    assert.deepEqual(
      findings(ppk(['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']), 'keys/deploy.ppk').map((f) => f.ruleId),
      [],
    );
  });

  it('PKCS#12 files by name and DER content, not a text file of that name', () => {
    const der = `0\u0082\u0003\u00f2\u0002\u0001\u00030\u0082${gen.chars('abcdef', 40)}`;
    assert.deepEqual(
      findings(der, 'certs/client.p12').map((f) => [f.ruleId, f.level]),
      [['pkcs12-file', 'error']],
    );
    assert.deepEqual(
      findings(der, 'certs/client.pfx').map((f) => f.ruleId),
      ['pkcs12-file'],
    );
    assert.deepEqual(
      findings('see docs/howto.md to create one\n', 'certs/README.p12').map((f) => f.ruleId),
      [],
    );
  });

  it('Jenkins credentials.xml encrypted values', () => {
    const value = `AQAAABAAAA${gen.mixed(44, '+/')}`;
    const found = findings(`<password>{${value}}</password>`, 'credentials.xml');
    assert.deepEqual(
      found.map((f) => f.ruleId),
      ['jenkins-encrypted-secret'],
    );
    assert.deepEqual(
      findings('<password>{AQAAABAAAA}</password>', 'credentials.xml').map((f) => f.ruleId),
      [],
    );
  });

  it('C/C++ headers with unmapped extensions and extension-less scripts are read as code (by content)', () => {
    const unquoted = `secret = ${gen.mixed(32)}`;
    // an INI file assigns unquoted values; in code they are identifiers, not literals
    assert.deepEqual(
      findings(unquoted, 'app.ini').map((f) => f.ruleId),
      ['generic-secret'],
    );
    for (const path of ['include/vector.tcc', 'include/lib.hpp', 'src/impl.inl']) {
      assert.deepEqual(
        findings(`${unquoted};`, path).map((f) => f.ruleId),
        [],
        path,
      );
    }
    const header = `#pragma once\n#include <string>\n${unquoted};\n`;
    assert.deepEqual(
      findings(header, 'third_party/include/vector').map((f) => f.ruleId),
      [],
    );
    const script = `#!/usr/bin/env python3\nimport os\nprint(os.environ)\n`;
    const finding = findings(`${script}password = "${gen.password()}"\n`, 'bin/deploy')[0];
    assert.equal(finding.signals.fileKind, 'code');
  });

  it('documented example values are dropped with a reason, publishable keys are not credentials', () => {
    const text = [
      'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
      'AZURE_STORAGE=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;',
      'token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"',
      `STRIPE_PUBLISHABLE_KEY=pk_live_${gen.mixed(24)}`,
      `LOB_PUBLISHABLE=live_pub_${gen.chars('0123456789abcdef', 31)}`,
    ].join('\n');
    const result = scanText(text, { path: '.env' });
    assert.deepEqual(
      result.findings.map((f) => f.ruleId),
      [],
    );
    assert.deepEqual(
      result.dropped?.map((d) => [d.ruleId, d.line, d.reason]),
      [
        ['aws-access-key-id', 0, 'a documented example AWS access key ID'],
        ['azure-storage-key', 1, 'a documented example Azure storage account key'],
        ['jwt', 2, 'a documented example JSON Web Token'],
      ],
    );
    // OAuth's RFC examples and OpenSSL's published FIPS key: public values, not credentials
    const published = [
      'Authorization: Bearer mF_9.B5f-4.1JqM',
      'Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW',
      '{"access_token":"2YotnFZFEjr1zCsicMWpAA", "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA"}',
      '#define FIPS_KEY_STRING "f4556650ac31d35461610bac4ed81b1a181b2d8a43ea2854cbae22ca74560813"',
    ];
    for (const line of published) assert.deepEqual(findings(line, 'notes.txt'), [], line);
    const mine = `{"access_token":"${gen.mixed(22)}"}`;
    assert.equal(findings(mine, 'notes.txt').length, 1, 'the same shape with another value is found');
  });

  it('a captcha site key is public (a corpus false positive, #17), its secret key is not', () => {
    const [site, secret] = [`6L${gen.mixed(38)}`, `6L${gen.mixed(38)}`];
    const env = `RECAPTCHA_SITE_KEY=${site}\nRECAPTCHA_SECRET_KEY=${secret}\n`;
    assert.deepEqual(
      findings(env, '.env').map((f) => [f.range.start.line, f.ruleId]),
      [[1, 'generic-api-key']],
    );
    const code = `export const captcha = { siteKey: '${site}', secretKey: '${secret}' };\n`;
    assert.deepEqual(
      findings(code, 'src/captcha.ts').map((f) => f.name),
      ['secretKey'],
    );
  });

  it('explains every finding with its signals: prefix, checksum, entropy, name, vendor, file kind', () => {
    const token = gen.githubToken();
    const [provider] = findings(`GITHUB_TOKEN=${token}`, '.env');
    assert.deepEqual(Object.keys(provider.signals).sort(), ['checksum', 'entropy', 'fileKind', 'prefix']);
    assert.equal(provider.signals.prefix, 'ghp_');
    assert.equal(provider.signals.fileKind, 'env');
    const [context] = findings(`const dbPassword = "${gen.password()}";`, 'a.ts');
    assert.equal(context.signals.name, 'dbPassword');
    assert.ok(context.signals.entropy! > 3);
    const [vendor] = findings(`DATADOG_API_KEY=${gen.chars('0123456789abcdef', 32)}`, '.env');
    assert.equal(vendor.signals.vendor, 'datadog');
  });
});
