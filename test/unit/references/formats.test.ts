// Every format the index covers, each with what must be found (id, kind, span, key, stage, version id) and
// look-alikes that must not be.
import { strict as assert } from 'node:assert';
import { findReferences, type SecretReference } from '../../../src/core/references/index';

const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`;
type Row = [string, string, string | undefined];
const rows = (refs: SecretReference[]): Row[] => refs.map((r) => [r.secretId, r.kind, r.jsonKey]);

/** Each reference's span holds exactly its id (or, for env reads, its variable). */
function assertSpans(text: string, refs: SecretReference[]): void {
  const lines = text.split('\n');
  for (const r of refs) {
    const written = lines[r.line].slice(r.character, r.character + r.length);
    assert.equal(written, r.kind === 'env-read' ? r.envVariable : r.secretId, `span of ${r.secretId}`);
  }
}

function find(text: string, path?: string, envMap?: Record<string, string>): SecretReference[] {
  const refs = findReferences(text, path, envMap ? { envMap } : {});
  assertSpans(text, refs);
  return refs;
}

describe('references: generated fetch calls', () => {
  it('finds the call each language’s quick fix writes, with the JSON key', () => {
    const cases: Array<[string, string]> = [
      ['app.ts', "const v = await getSecret('ts/db', 'password');"],
      ['app.py', 'v = get_secret("py/db", "password")'],
      ['main.go', 'v := getSecret("go/db", "password")'],
      ['App.java', 'String v = SecretsHelper.getSecret("java/db", "password");'],
      ['App.cs', 'var v = SecretsHelper.GetSecret("cs/db", "password");'],
    ];
    for (const [path, text] of cases) {
      const refs = find(text, path);
      assert.deepEqual(rows(refs), [[refs[0]?.secretId, 'helper-call', 'password']], path);
      assert.match(refs[0].secretId, /^[a-z]+\/db$/);
      assert.equal(refs[0].path, path);
    }
  });

  it('takes no key from Go’s empty key argument and none from a variable', () => {
    assert.deepEqual(rows(find('getSecret("go/db", "")', 'main.go')), [['go/db', 'helper-call', undefined]]);
    assert.deepEqual(rows(find("getSecret('a', key)")), [['a', 'helper-call', undefined]]);
  });

  it('ignores calls whose name is not a literal, and look-alike functions', () => {
    const text = [
      'getSecret(name)',
      'getSecret(`x/${env}`)',
      "getSecretValue('not-a-helper')",
      "GetSecretValueAsync('nor-this')",
      "forgetSecret('x'); mygetSecret('y'); get_secrets('z')",
      "getSecret('multi\nline')",
    ].join('\n');
    assert.deepEqual(find(text), []);
  });
});

describe('references: SDK calls', () => {
  it('finds a SecretId literal in each SDK’s style, with the stage or version id of the same call', () => {
    const text = [
      "new GetSecretValueCommand({ SecretId: 'js/one', VersionStage: 'AWSPREVIOUS' });",
      "client.get_secret_value(SecretId='py/one', VersionId='0123abcd-0000-0000-0000-000000000000')",
      'svc.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("go/one"), VersionStage: aws.String("AWSPENDING")})',
      'GetSecretValueRequest.builder().secretId("java/one").versionStage("AWSCURRENT").build();',
      'new GetSecretValueRequest().withSecretId("java1/one");',
      'new GetSecretValueRequest { SecretId = "cs/one" };',
    ].join('\n');
    const refs = find(text);
    assert.deepEqual(
      refs.map((r) => [r.secretId, r.kind, r.line, r.versionStage, r.versionId]),
      [
        ['js/one', 'sdk-call', 0, 'AWSPREVIOUS', undefined],
        ['py/one', 'sdk-call', 1, undefined, '0123abcd-0000-0000-0000-000000000000'],
        ['go/one', 'sdk-call', 2, 'AWSPENDING', undefined],
        ['java/one', 'sdk-call', 3, 'AWSCURRENT', undefined],
        ['java1/one', 'sdk-call', 4, undefined, undefined],
        ['cs/one', 'sdk-call', 5, undefined, undefined],
      ],
    );
  });

  it('does not give one call the stage of the next, and ignores non-literal ids', () => {
    const text = [
      "client.get_secret_value(SecretId='a')",
      "client.get_secret_value(SecretId='b', VersionStage='AWSPREVIOUS')",
      'client.get_secret_value(SecretId=name)',
      "secretId = 'lowercase-field'; SecretIdentity: 'x'",
    ].join('\n');
    assert.deepEqual(
      find(text).map((r) => [r.secretId, r.versionStage]),
      [
        ['a', undefined],
        ['b', 'AWSPREVIOUS'],
      ],
    );
  });
});

describe('references: CloudFormation dynamic references', () => {
  it('reads id, key, stage and version id in YAML and JSON, names and ARNs', () => {
    const yaml = [
      'Resources:',
      '  Db:',
      '    Properties:',
      "      MasterUsername: '{{resolve:secretsmanager:rds/master:SecretString:username}}'",
      "      MasterUserPassword: '{{resolve:secretsmanager:rds/master:SecretString:password:AWSPREVIOUS}}'",
      `      Other: '{{resolve:secretsmanager:${arn('by-arn-Ab12Cd')}:SecretString:key::0123abcd-1111}}'`,
      "      Whole: '{{resolve:secretsmanager:whole}}'",
    ].join('\n');
    assert.deepEqual(
      find(yaml, 'template.yaml').map((r) => [r.secretId, r.kind, r.jsonKey, r.versionStage, r.versionId]),
      [
        ['rds/master', 'cloudformation', 'username', undefined, undefined],
        ['rds/master', 'cloudformation', 'password', 'AWSPREVIOUS', undefined],
        [arn('by-arn-Ab12Cd'), 'cloudformation', 'key', undefined, '0123abcd-1111'],
        ['whole', 'cloudformation', undefined, undefined, undefined],
      ],
    );
    const json = '{"Password": "{{resolve:secretsmanager:search/admin:SecretString:password}}"}';
    assert.deepEqual(rows(find(json, 'template.json')), [['search/admin', 'cloudformation', 'password']]);
  });

  it('ignores parameterised ids (Fn::Sub), other services, unterminated and broken references', () => {
    const text = [
      "Value: !Sub '{{resolve:secretsmanager:${Env}/db:SecretString:pw}}'",
      "Value: '{{resolve:ssm:/param/name}}'",
      "Value: '{{resolve:secretsmanager:never-closed",
      "Value: '{{resolve:secretsmanager:}}'",
      "Value: '{{resolve:secretsmanager:has space:SecretString:k}}'",
    ].join('\n');
    assert.deepEqual(find(text, 'template.yaml'), []);
  });
});

describe('references: Terraform', () => {
  it('finds data and ephemeral sources with the version stage and id', () => {
    const text = [
      'data "aws_secretsmanager_secret_version" "db" {',
      '  secret_id     = "tf/db"',
      '  version_stage = "AWSPREVIOUS"',
      '}',
      'ephemeral "aws_secretsmanager_secret_version" "token" {',
      '  secret_id  = "tf/token"',
      '  version_id = "0123abcd-2222"',
      '}',
      'data "aws_secretsmanager_secret" "by_name" {',
      '  name = "tf/by-name"',
      '}',
    ].join('\n');
    assert.deepEqual(
      find(text, 'main.tf').map((r) => [r.secretId, r.kind, r.line, r.versionStage, r.versionId]),
      [
        ['tf/db', 'terraform', 1, 'AWSPREVIOUS', undefined],
        ['tf/token', 'terraform', 5, undefined, '0123abcd-2222'],
        ['tf/by-name', 'terraform', 9, undefined, undefined],
      ],
    );
  });

  it('ignores resources (a definition is not a reference), interpolations and loose attributes', () => {
    const text = [
      'resource "aws_secretsmanager_secret" "defined" {',
      '  name = "tf/defined-here"',
      '}',
      'data "aws_secretsmanager_secret_version" "v" {',
      '  secret_id = "${var.prefix}/db"',
      '}',
      'secret_id = "tf/outside-any-block"',
      'data "aws_secretsmanager_secret_version" "unclosed" {',
    ].join('\n');
    assert.deepEqual(find(text, 'main.tf'), []);
  });
});

describe('references: .env templates', () => {
  it('finds the quick fix’s comment, secretsmanager: values and resolve/ARN values, naming the variable', () => {
    const text = [
      '# STRIPE_KEY comes from secret prod/stripe#secret (env map in .secrets-workbench.json): run with `secrets-workbench run -- <command>`.',
      'DB_PASSWORD=secretsmanager:prod/db#password',
      'export API_TOKEN="secretsmanager://prod/api"',
      "CFN_STYLE='{{resolve:secretsmanager:prod/cfn:SecretString:k}}'",
      `BY_ARN=${arn('prod/arn-Ab12Cd')}`,
    ].join('\n');
    assert.deepEqual(
      find(text, 'app/.env.example').map((r) => [r.secretId, r.kind, r.envVariable, r.jsonKey]),
      [
        ['prod/stripe', 'dotenv', 'STRIPE_KEY', 'secret'],
        ['prod/db', 'dotenv', 'DB_PASSWORD', 'password'],
        ['prod/api', 'dotenv', 'API_TOKEN', undefined],
        ['prod/cfn', 'cloudformation', 'CFN_STYLE', 'k'],
        [arn('prod/arn-Ab12Cd'), 'arn', 'BY_ARN', undefined],
      ],
    );
  });

  it('ignores plain values, other comments, and .env syntax in files that are not .env files', () => {
    const text = [
      'PASSWORD=secretsmanager',
      '# see secretsmanager:docs',
      'URL=https://example.com/secretsmanager:x',
    ].join('\n');
    assert.deepEqual(find(text, '.env'), []);
    assert.deepEqual(find('DB_PASSWORD=secretsmanager:prod/db', 'notes.yaml'), []);
  });
});

describe('references: ECS, compose and other ARN mappings', () => {
  it('reads an ECS valueFrom ARN with its JSON key, stage and version id', () => {
    const text = JSON.stringify(
      {
        containerDefinitions: [
          {
            secrets: [
              { name: 'DB_PASSWORD', valueFrom: `${arn('prod/db-Ab12Cd')}:password:AWSCURRENT:` },
              { name: 'TOKEN', valueFrom: `${arn('prod/token-Zz99Zz')}::AWSPREVIOUS:0123abcd-3333` },
              { name: 'WHOLE', valueFrom: arn('prod/whole-Qq11Qq') },
            ],
          },
        ],
      },
      null,
      2,
    );
    assert.deepEqual(
      find(text, 'taskdef.json').map((r) => [r.secretId, r.kind, r.jsonKey, r.versionStage, r.versionId]),
      [
        [arn('prod/db-Ab12Cd'), 'ecs', 'password', 'AWSCURRENT', undefined],
        [arn('prod/token-Zz99Zz'), 'ecs', undefined, 'AWSPREVIOUS', '0123abcd-3333'],
        [arn('prod/whole-Qq11Qq'), 'ecs', undefined, undefined, undefined],
      ],
    );
  });

  it('finds a compose x-aws secret ARN and keeps another finder’s kind for the same ARN', () => {
    const compose = ['secrets:', '  db:', `    name: "${arn('prod/compose-Ab12Cd')}"`, '    external: true'].join('\n');
    assert.deepEqual(rows(find(compose, 'docker-compose.yml')), [[arn('prod/compose-Ab12Cd'), 'arn', undefined]]);
    const sdk = `client.get_secret_value(SecretId='${arn('x-Ab12Cd')}')`;
    assert.deepEqual(rows(find(sdk, 'a.py')), [[arn('x-Ab12Cd'), 'sdk-call', undefined]], 'found once');
  });

  it('ignores wildcard policy ARNs, other services’ ARNs and malformed ones', () => {
    const text = [
      `"Resource": "${arn('prod/*')}"`,
      `"Resource": "${arn('prod/db-??????')}"`,
      '"Resource": "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db"',
      '"Resource": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:"',
      '"Resource": "xarn:aws:secretsmanager:eu-west-1:123456789012:other:prod"',
    ].join('\n');
    assert.deepEqual(find(text, 'policy.json'), []);
  });
});

describe('references: Kubernetes External Secrets', () => {
  const store = [
    'apiVersion: external-secrets.io/v1beta1',
    'kind: ClusterSecretStore',
    'metadata:',
    '  name: aws-sm',
    'spec:',
    '  provider:',
    '    aws:',
    '      service: SecretsManager',
    '      region: eu-west-1',
  ].join('\n');
  const externalSecret = (storeName: string) =>
    [
      'apiVersion: external-secrets.io/v1beta1',
      'kind: ExternalSecret',
      'metadata:',
      '  name: db',
      'spec:',
      '  secretStoreRef:',
      `    name: ${storeName}`,
      '    kind: ClusterSecretStore',
      '  data:',
      '    - secretKey: password',
      '      remoteRef:',
      '        key: "k8s/db"',
      '        property: password',
      '        version: AWSPREVIOUS',
      '    - secretKey: token',
      '      remoteRef:',
      '        key: k8s/token',
      '        version: uuid/0123abcd-4444',
      '  dataFrom:',
      '    - extract:',
      '        key: k8s/bundle',
    ].join('\n');

  it('finds remoteRef and extract keys of an ExternalSecret whose store is Secrets Manager', () => {
    const text = `${store}\n---\n${externalSecret('aws-sm')}`;
    assert.deepEqual(
      find(text, 'k8s/db.yaml').map((r) => [r.secretId, r.kind, r.jsonKey, r.versionStage, r.versionId]),
      [
        ['k8s/db', 'external-secret', 'password', 'AWSPREVIOUS', undefined],
        ['k8s/token', 'external-secret', undefined, undefined, '0123abcd-4444'],
        ['k8s/bundle', 'external-secret', undefined, undefined, undefined],
      ],
    );
    const elsewhere = findReferences(externalSecret('aws-sm'), 'es.yaml', { secretsManagerStores: ['aws-sm'] });
    assert.equal(elsewhere.length, 3, 'a store the caller knows from another file');
  });

  it('ignores ExternalSecrets of other stores (Parameter Store, Vault, unknown) and plain Secret keyRefs', () => {
    const parameterStore = store.replace('SecretsManager', 'ParameterStore');
    assert.deepEqual(find(`${parameterStore}\n---\n${externalSecret('aws-sm')}`, 'a.yaml'), []);
    assert.deepEqual(find(`${store}\n---\n${externalSecret('vault')}`, 'a.yaml'), []);
    assert.deepEqual(find(externalSecret('aws-sm'), 'a.yaml'), []);
    const secretKeyRef = [
      'env:',
      '  - name: X',
      '    valueFrom:',
      '      secretKeyRef:',
      '        name: db',
      '        key: pw',
    ];
    assert.deepEqual(find(secretKeyRef.join('\n'), 'deploy.yaml'), []);
    assert.deepEqual(find('kind: ExternalSecret\nspec: [unclosed', 'broken.yaml'), []);
  });
});

describe('references: Secrets Store CSI driver', () => {
  const providerClass = (provider: string, objects: string[]) =>
    [
      'apiVersion: secrets-store.csi.x-k8s.io/v1',
      'kind: SecretProviderClass',
      'metadata:',
      '  name: app-secrets',
      'spec:',
      `  provider: ${provider}`,
      '  parameters:',
      '    objects: |',
      ...objects.map((line) => `      ${line}`),
    ].join('\n');

  it('finds each secretsmanager object of an AWS SecretProviderClass, with its label or version', () => {
    const text = providerClass('aws', [
      '- objectName: "csi/db"',
      '  objectType: "secretsmanager"',
      '  objectVersionLabel: "AWSPREVIOUS"',
      '- objectName: /param/not-a-secret',
      '  objectType: ssmparameter',
      '- objectName: csi/token',
      '  objectType: secretsmanager',
      '  objectVersion: 0123abcd-5555',
    ]);
    assert.deepEqual(
      find(text, 'csi.yaml').map((r) => [r.secretId, r.kind, r.line, r.versionStage, r.versionId]),
      [
        ['csi/db', 'secret-provider-class', 8, 'AWSPREVIOUS', undefined],
        ['csi/token', 'secret-provider-class', 13, undefined, '0123abcd-5555'],
      ],
    );
  });

  it('ignores other providers and parameters', () => {
    const objects = ['- objectName: "csi/db"', '  objectType: "secretsmanager"'];
    assert.deepEqual(find(providerClass('azure', objects), 'csi.yaml'), []);
    assert.deepEqual(
      find(providerClass('aws', ['- objectName: "csi/db"', '  objectType: "ssmparameter"']), 'csi.yaml'),
      [],
    );
  });
});

describe('references: environment reads through the env map', () => {
  const envMap = { STRIPE_KEY: 'prod/stripe#secret', DB_URL: 'prod/db', API: arn('prod/api-Ab12Cd') };

  it('finds each language’s read of a mapped variable, at the variable', () => {
    const cases: Array<[string, string]> = [
      ['a.ts', 'const k = process.env.STRIPE_KEY!;'],
      ['a.js', "const k = process.env['STRIPE_KEY'];"],
      ['a.py', 'k = os.environ["STRIPE_KEY"]'],
      ['b.py', "k = os.environ.get('STRIPE_KEY')"],
      ['c.py', "k = os.getenv('STRIPE_KEY')"],
      ['main.go', 'k := os.Getenv("STRIPE_KEY")'],
      ['App.java', 'String k = System.getenv("STRIPE_KEY");'],
      ['App.cs', 'var k = System.Environment.GetEnvironmentVariable("STRIPE_KEY");'],
    ];
    for (const [path, text] of cases) {
      const refs = find(text, path, envMap);
      assert.deepEqual(
        refs.map((r) => [r.secretId, r.kind, r.jsonKey, r.envVariable]),
        [['prod/stripe', 'env-read', 'secret', 'STRIPE_KEY']],
        path,
      );
    }
  });

  it('finds ${VAR} in a compose file, the env map entries themselves, and launch configurations', () => {
    const compose = 'services:\n  app:\n    environment:\n      DB_URL: ${DB_URL}\n      PRICE: $$STRIPE_KEY\n';
    assert.deepEqual(rows(find(compose, 'docker-compose.yml', envMap)), [['prod/db', 'env-read', undefined]]);
    const config = JSON.stringify({ ignore: ['x'], env: envMap }, null, 2);
    assert.deepEqual(
      find(config, '.secrets-workbench.json').map((r) => [r.secretId, r.kind, r.jsonKey, r.envVariable]),
      [
        ['prod/stripe', 'env-map', 'secret', 'STRIPE_KEY'],
        ['prod/db', 'env-map', undefined, 'DB_URL'],
        [arn('prod/api-Ab12Cd'), 'env-map', undefined, 'API'],
      ],
    );
    const launch =
      '{\n  // comment\n  "configurations": [{ "secretsWorkbench.env": { "DB_PASSWORD": "prod/db#password" } }]\n}';
    assert.deepEqual(rows(find(launch, '.vscode/launch.json')), [['prod/db', 'env-map', 'password']]);
  });

  it('ignores unmapped variables, reads without a map, look-alikes, and compose syntax outside compose files', () => {
    const text = 'process.env.HOME; process.environment.STRIPE_KEY; os.environ[key]; myos.getenvX("STRIPE_KEY")';
    assert.deepEqual(find(text, 'a.ts', envMap), []);
    assert.deepEqual(find('process.env.STRIPE_KEY', 'a.ts'), [], 'no env map');
    assert.deepEqual(find('x: ${DB_URL}', 'values.yaml', envMap), []);
    assert.deepEqual(find('{"config": {"env": {"X": "not/top-level"}}}', '.secrets-workbench.json'), []);
  });
});

describe('references: size and adversarial input', () => {
  it('stays linear on long runs of near-misses (completes, finds the one real reference after them)', () => {
    const filler = [
      "getSecret('".repeat(20_000),
      '{{resolve:secretsmanager:'.repeat(20_000),
      'data "aws_secretsmanager_secret_version" "x" {'.repeat(2_000),
      `${arn('')}`.repeat(5_000),
      'process.env.'.repeat(20_000),
    ].join('\n');
    const refs = findReferences(`${filler}\ngetSecret('after/filler')`, 'big.ts', { envMap: { X: 'y' } });
    assert.ok(refs.some((r) => r.secretId === 'after/filler'));
  });
});
