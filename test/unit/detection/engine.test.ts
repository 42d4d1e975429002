import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { ConfigError, parseConfig, scanText, type Finding } from '../../../src/core/detection/index';
import { Synthetic } from '../../support/synthetic';

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
const valueOf = (text: string, f: Finding) => text.slice(f.range.start.offset, f.range.end.offset);

describe('detection engine', () => {
  const gen = new Synthetic(11);

  describe('provider rules', () => {
    // #18 changed this on purpose: a shape match whose checksum fails is a warning that says why, not dropped
    it('reports a GitHub token as an error when its CRC32 checksum is valid, as a warning saying why when not', () => {
      const token = gen.githubToken();
      const valid = scanText(`const t = "${token}";`, { path: 'a.ts' }).findings;
      assert.deepEqual(
        valid.map((f) => [f.ruleId, f.level, f.signals.checksum]),
        [['github-token', 'error', 'valid']],
      );
      assert.ok(valid[0].confidence >= 0.99);
      const last = token.at(-1) === 'a' ? 'b' : 'a';
      const broken = token.slice(0, -1) + last;
      const invalid = scanText(`const githubToken = "${broken}";`, { path: 'a.ts' }).findings;
      assert.deepEqual(
        invalid.map((f) => [f.ruleId, f.level, f.signals.checksum]),
        [['github-token', 'warning', 'invalid']],
      );
      assert.equal(
        invalid[0].title,
        "'githubToken' has the shape of a GitHub token but its checksum does not verify: likely a placeholder",
      );
    });

    it('pairs an AWS access key id with its secret key and reports exact ranges without quotes', () => {
      const id = gen.awsKeyId();
      const secret = gen.awsSecret();
      const text = `const config = {\n  accessKeyId: '${id}',\n  secretAccessKey: "${secret}",\n};\n`;
      const { findings } = scanText(text, { path: 'config.ts' });
      assert.deepEqual(
        findings.map((f) => f.ruleId),
        ['aws-access-key-id', 'aws-secret-access-key'],
      );
      const [keyId, secretKey] = findings;
      assert.equal(valueOf(text, keyId), id);
      assert.equal(valueOf(text, secretKey), secret);
      assert.deepEqual(keyId.range.start, { line: 1, character: 16, offset: text.indexOf(id) });
      assert.equal(keyId.quote, "'");
      assert.equal(secretKey.quote, '"');
      assert.equal(secretKey.name, 'secretAccessKey');
      assert.equal(secretKey.construct, 'string-literal');
      assert.equal(keyId.relatedId, secretKey.id);
      assert.equal(secretKey.relatedId, keyId.id);
      assert.equal(secretKey.valueHash, sha256(secret));
      assert.equal(secretKey.title, "AWS secret access key assigned to 'secretAccessKey'");
      for (const f of findings) assert.ok(!f.title.includes(id) && !f.title.includes(secret));
    });

    it('finds a multi-line private key block as one finding spanning BEGIN to END', () => {
      const block = gen.privateKey();
      const text = `key = """${block.join('\n')}"""\nother = 1\n`;
      const { findings } = scanText(text, { path: 'keys.py' });
      assert.equal(findings.length, 1);
      const [f] = findings;
      assert.equal(f.ruleId, 'private-key');
      assert.equal(f.construct, 'private-key-block');
      assert.equal(valueOf(text, f), block.join('\n'));
      assert.equal(f.range.start.line, 0);
      assert.equal(f.range.end.line, block.length - 1);
      assert.equal(f.name, 'key');
    });

    it('reports a URL password, a connection string password and an Authorization header', () => {
      const pw = gen.password();
      const token = gen.apiKey();
      const text = [
        `url = "postgres://app:${pw}@db.internal:5432/app"`,
        `cs = "Server=tcp:x.database.windows.net;Database=app;User ID=app;Password=${pw};"`,
        `headers = {"Authorization": "Bearer ${token}"}`,
      ].join('\n');
      const { findings } = scanText(text, { path: 'a.py' });
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.construct, valueOf(text, f)]),
        [
          ['url-password', 'url-password', pw],
          ['connection-string-password', 'connection-string-part', pw],
          ['authorization-header', 'header-value', token],
        ],
      );
    });
  });

  describe('context rules', () => {
    const cases: [string, string, string][] = [
      ['ts', 'a.ts', `const dbPassword: string = "{v}";`],
      ['python', 'a.py', `API_KEY = '{v}'`],
      ['go', 'a.go', `\tclientSecret := "{v}"`],
      ['java', 'A.java', `  private static final String AUTH_TOKEN = "{v}";`],
      ['csharp', 'A.cs', `  public string ApiKey { get; set; } = "{v}";`],
      ['ruby', 'a.rb', `  config.secret_token = '{v}'`],
      ['php', 'a.php', `$password = '{v}';`],
      ['rust', 'a.rs', `const API_TOKEN: &str = "{v}";`],
      ['kotlin', 'A.kt', `val clientSecret: String = "{v}"`],
      ['shell', 'a.sh', `export API_TOKEN={v}`],
      ['.env', '.env', `DB_PASSWORD={v}`],
      ['yaml', 'a.yaml', `  password: {v}`],
      ['json', 'a.json', `  "apiKey": "{v}",`],
      ['toml', 'a.toml', `token = "{v}"`],
      ['ini', 'a.ini', `secret = {v}`],
      ['properties', 'a.properties', `app.client.secret={v}`],
      ['xml', 'web.config', `<add key="ApiKey" value="{v}" />`],
      ['terraform', 'main.tf', `  master_password = "{v}"`],
      ['dockerfile', 'Dockerfile', `ENV API_TOKEN={v}`],
    ];
    for (const [language, path, template] of cases) {
      it(`finds a literal assigned to a credential name in ${language}`, () => {
        const value = gen.apiKey();
        const text = template.replace('{v}', value);
        const { findings } = scanText(text, { path });
        assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.ruleId)));
        assert.equal(valueOf(text, findings[0]), value);
      });
    }

    const lookAlikes: [string, string][] = [
      ['placeholder', `password = "changeme"`],
      ['angle placeholder', `api_key = "<your-api-key>"`],
      ['masked', `token: "********"`],
      ['template reference', `password: "\${DB_PASSWORD}"`],
      ['actions expression', `token: "{{ secrets.DEPLOY_TOKEN }}"`],
      ['secrets manager dynamic reference', `password = "{{resolve:secretsmanager:prod/db:SecretString:password}}"`],
      ['environment lookup', `const apiKey = process.env.API_KEY;`],
      ['python environ', `api_key = os.environ["API_KEY"]`],
      ['AWS documentation key id', `aws_access_key_id = AKIAIOSFODNN7EXAMPLE`],
      ['AWS documentation secret', `aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`],
      ['commit sha', `commit: "${'9f3c2a7b1e4d'.repeat(3)}a1b2"`],
      ['lockfile integrity', `"integrity": "sha512-${'Zm9vYmFyYmF6'.repeat(7)}=="`],
      ['uuid', `client_id = "3f1c9a2e-7b4d-4e8a-9c1f-2a3b4c5d6e7f"`],
      [
        'ssh public key',
        `deploy_public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO8x3k2Lq9Zp7Vb1Nm5Rt6Yp1Wc4Ae8Gs2Hu9Ti deploy@ci"`,
      ],
      ['i18n string', `"passwordHint": "Use at least 12 characters",`],
      ['identifier', `const SECRET_NAME = "prod/app/db-credentials";`],
      ['header name', `const API_KEY_HEADER = "X-Api-Key";`],
      ['empty value', `password = ""`],
      ['password length', `password_min_length = "12"`],
    ];
    for (const [what, text] of lookAlikes) {
      it(`does not fire on ${what}`, () => {
        assert.deepEqual(scanText(text, { path: 'x.py' }).findings, []);
      });
    }
  });

  describe('suppressions', () => {
    const markers = [
      '# secrets-workbench:ignore',
      '# gitleaks:allow',
      '# pragma: allowlist secret',
      '# secretlint-disable-line',
      '# nosec',
    ];
    for (const marker of markers) {
      it(`honours "${marker.slice(2)}" on the line`, () => {
        const text = `api_key = "${gen.apiKey()}"  ${marker}`;
        assert.equal(scanText(text, { path: 'a.py' }).findings.length, 0);
      });
    }
    it('honours secrets-workbench:ignore-next-line only for the next line', () => {
      const text = `# secrets-workbench:ignore-next-line\napi_key = "${gen.apiKey()}"\nsecret = "${gen.apiKey()}"\n`;
      assert.deepEqual(
        scanText(text, { path: 'a.py' }).findings.map((f) => f.range.start.line),
        [2],
      );
    });
  });

  describe('file directive', () => {
    it('drops every finding of a file that says secrets-workbench:ignore-file', () => {
      const text = `# secrets-workbench:ignore-file\napi_key = "${gen.apiKey()}"\npassword = "${gen.password()}"\n`;
      assert.deepEqual(scanText(text, { path: 'a.py' }).findings, []);
    });

    it('drops only the named rules, and unlinks a key pair whose other half was dropped', () => {
      const keyId = gen.awsKeyId();
      const text = [
        '# secrets-workbench:ignore-file aws-secret-access-key, generic-password',
        `aws_access_key_id = "${keyId}"`,
        `aws_secret_access_key = "${gen.awsSecret()}"`,
        `password = "${gen.password()}"`,
        `api_key = "${gen.apiKey()}"`,
      ].join('\n');
      const findings = scanText(text, { path: 'a.py' }).findings;
      assert.deepEqual(
        findings.map((f) => f.ruleId),
        ['aws-access-key-id', 'generic-api-key'],
      );
      assert.equal(findings[0].relatedId, undefined);
      const unfiltered = scanText(text.replace('ignore-file aws-secret-access-key, generic-password', 'x'), {
        path: 'a.py',
      }).findings;
      assert.ok(unfiltered.find((f) => f.ruleId === 'aws-access-key-id')?.relatedId, 'the pair is linked otherwise');
    });
  });

  describe('configuration', () => {
    it('reports every problem with a clear message and never echoes a pasted value', () => {
      const pasted = gen.apiKey();
      try {
        parseConfig(
          JSON.stringify({
            ignore: 'test/**',
            disabledRules: ['no-such-rule'],
            allowedValues: [pasted],
            customRules: [{ id: 'acme', kind: 'ACME key', pattern: '(', keywords: [] }],
            extra: true,
          }),
        );
        assert.fail('expected a ConfigError');
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        const message = error.message;
        assert.match(message, /unknown property "extra"/);
        assert.match(message, /"ignore" must be an array of glob strings/);
        assert.match(message, /disabledRules: unknown rule id "no-such-rule"/);
        assert.match(message, /allowedValues\[0\] must be "sha256:<64 hex digits>"/);
        assert.match(message, /customRules\[0\]\.pattern is not a valid regular expression/);
        assert.match(message, /customRules\[0\]\.keywords must be a non-empty array/);
        assert.ok(!message.includes(pasted));
      }
      assert.throws(() => parseConfig('{ nope'), /not valid JSON/);
    });

    it('applies ignore globs, disabled rules, allowed value hashes and custom rules', () => {
      const allowed = gen.apiKey();
      const other = gen.apiKey();
      const acme = `acme_${gen.mixed(32)}`;
      const config = parseConfig(
        JSON.stringify({
          ignore: ['fixtures/**'],
          disabledRules: ['generic-password'],
          allowedValues: [`sha256:${sha256(allowed)}`],
          customRules: [{ id: 'acme-token', kind: 'ACME token', pattern: 'acme_[A-Za-z0-9]{32}', keywords: ['acme_'] }],
        }),
      );
      const text = [
        `api_key = "${allowed}"`,
        `secret = "${other}"`,
        `password = "${gen.password()}"`,
        `acme = "${acme}"`,
      ].join('\n');
      const result = scanText(text, { path: 'src/app.py', config });
      assert.deepEqual(
        result.findings.map((f) => [f.ruleId, f.range.start.line]),
        [
          ['generic-secret', 1],
          ['acme-token', 3],
        ],
      );
      assert.equal(result.findings[1].kind, 'ACME token');
      assert.deepEqual(scanText(text, { path: 'fixtures/app.py', config }), {
        findings: [],
        skipped: { reason: 'ignored-by-config' },
      });
    });
  });

  describe('skipping', () => {
    it('skips binary, minified and huge files and over-long lines, with a reason', () => {
      assert.equal(scanText(`abc\u0000def`, { path: 'a.bin' }).skipped?.reason, 'binary');
      assert.equal(scanText(`var a=1;`.repeat(3000), { path: 'bundle.js' }).skipped?.reason, 'minified');
      assert.equal(scanText('x', { path: 'app.min.js' }).skipped?.reason, 'minified');
      assert.equal(scanText('a\n'.repeat(6 * 1024 * 1024), { path: 'big.txt' }).skipped?.reason, 'too-large');
      const long = `data = "${'a1'.repeat(3000)}" # key`;
      const result = scanText(`x = 1\n${long}\n`, { path: 'a.py' });
      assert.deepEqual(result.skippedLines, [1]);
    });
  });
});
