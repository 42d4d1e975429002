import { strict as assert } from 'node:assert';
import {
  applyReplacements,
  planReferenceEdits,
  refersTo,
  renamedSecretId,
  type LocatedReference,
} from '../../../src/core/rename/index';
import { findReferences } from '../../../src/core/references/index';

const arnPrefix = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:';
const oldArn = `${arnPrefix}prod/db-AbC123`;
const newArn = `${arnPrefix}prod/database-XyZ789`;
const secret = { name: 'prod/db', arn: oldArn };

/** Files in every language the quick fix writes, referencing prod/db (and once, another secret). */
const files: Record<string, string> = {
  'app.ts': [
    "import { getSecret } from './secrets';",
    "const password = await getSecret('prod/db', 'password');",
    "const other = await getSecret('prod/dbx');",
    'const out = await client.send(new GetSecretValueCommand({ SecretId: "prod/db" }));',
  ].join('\n'),
  'app.py': ['password = get_secret("prod/db", "password")', "client.get_secret_value(SecretId='prod/db')"].join('\n'),
  'main.go':
    'out, err := client.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("prod/db")})',
  'Main.java': 'var request = GetSecretValueRequest.builder().secretId("prod/db").build();',
  'Program.cs': 'var request = new GetSecretValueRequest { SecretId = "prod/db" };',
  'template.yaml': [
    'Resources:',
    '  Db:',
    '    Properties:',
    "      MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password::}}'",
    `      Other: '{{resolve:secretsmanager:${oldArn}:SecretString:username:AWSCURRENT}}'`,
    `      Partial: '{{resolve:secretsmanager:${arnPrefix}prod/db:SecretString:host}}'`,
  ].join('\n'),
  'main.tf': [
    'data "aws_secretsmanager_secret_version" "db" {',
    '  secret_id = "prod/db"',
    '}',
    'data "aws_secretsmanager_secret" "by_arn" {',
    `  arn = "${oldArn}"`,
    '}',
  ].join('\n'),
};

function indexed(): { references: LocatedReference[]; texts: Map<string, string> } {
  const references = Object.entries(files).flatMap(([path, text]) => findReferences(text, path)) as LocatedReference[];
  return { references: references.map((r) => ({ ...r, path: r.path! })), texts: new Map(Object.entries(files)) };
}

describe('rename planning: reference identity', () => {
  it('matches by name and ARN, not by prefix, and not in another account or region', () => {
    assert.ok(refersTo('prod/db', secret));
    assert.ok(refersTo(oldArn, secret));
    assert.ok(refersTo(`${arnPrefix}prod/db`, secret));
    assert.ok(!refersTo('prod/dbx', secret));
    assert.ok(!refersTo('prod', secret));
    assert.ok(!refersTo('arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbC123', secret));
    assert.ok(!refersTo('arn:aws:secretsmanager:eu-west-1:210987654321:secret:prod/db', secret));
  });

  it('does not take an ARN of an earlier secret of the same name (another suffix) for this one', () => {
    assert.ok(!refersTo(`${arnPrefix}prod/db-ZZZ999`, secret));
    // Without the secret's ARN, any ARN of its name in any account could be it.
    assert.ok(refersTo(`${arnPrefix}prod/db-ZZZ999`, { name: 'prod/db' }));
  });

  it('keeps the form: name → name, partial ARN → partial ARN, full ARN → the new full ARN', () => {
    assert.equal(renamedSecretId('prod/db', 'prod/database', newArn), 'prod/database');
    assert.equal(renamedSecretId(`${arnPrefix}prod/db`, 'prod/database', newArn), `${arnPrefix}prod/database`);
    assert.equal(renamedSecretId(oldArn, 'prod/database', newArn), newArn);
    // Without the new ARN, the partial ARN still designates the new secret.
    assert.equal(renamedSecretId(oldArn, 'prod/database'), `${arnPrefix}prod/database`);
  });
});

describe('rename planning: reference edits', () => {
  it('replaces every reference kind in every language, and nothing else', () => {
    const { references, texts } = indexed();
    const plan = planReferenceEdits(references, texts, secret, 'prod/database', newArn);
    assert.deepEqual(plan.skipped, []);
    assert.deepEqual([...new Set(plan.replacements.map((r) => r.kind))].sort(), [
      'cloudformation',
      'helper-call',
      'sdk-call',
      'terraform',
    ]);
    assert.deepEqual(plan.files, [
      'Main.java',
      'Program.cs',
      'app.py',
      'app.ts',
      'main.go',
      'main.tf',
      'template.yaml',
    ]);
    assert.equal(plan.replacements.length, 12);

    const after = (path: string) =>
      applyReplacements(
        files[path],
        plan.replacements.filter((r) => r.path === path),
      );
    assert.equal(
      after('app.ts'),
      [
        "import { getSecret } from './secrets';",
        "const password = await getSecret('prod/database', 'password');",
        "const other = await getSecret('prod/dbx');",
        'const out = await client.send(new GetSecretValueCommand({ SecretId: "prod/database" }));',
      ].join('\n'),
    );
    assert.equal(
      after('app.py'),
      'password = get_secret("prod/database", "password")\nclient.get_secret_value(SecretId=\'prod/database\')',
    );
    assert.match(after('main.go'), /SecretId: aws\.String\("prod\/database"\)\}\)$/);
    assert.match(after('Main.java'), /\.secretId\("prod\/database"\)\.build\(\);$/);
    assert.match(after('Program.cs'), /\{ SecretId = "prod\/database" \};$/);
    assert.equal(
      after('template.yaml').split('\n').slice(3).join('\n'),
      [
        "      MasterUserPassword: '{{resolve:secretsmanager:prod/database:SecretString:password::}}'",
        `      Other: '{{resolve:secretsmanager:${newArn}:SecretString:username:AWSCURRENT}}'`,
        `      Partial: '{{resolve:secretsmanager:${arnPrefix}prod/database:SecretString:host}}'`,
      ].join('\n'),
    );
    assert.equal(after('main.tf'), files['main.tf'].replace('"prod/db"', '"prod/database"').replace(oldArn, newArn));
  });

  it('reports the JSON key each replaced reference reads, unchanged', () => {
    const { references, texts } = indexed();
    const plan = planReferenceEdits(references, texts, secret, 'prod/database', newArn);
    const keys = plan.replacements.filter((r) => r.jsonKey).map((r) => `${r.path}:${r.jsonKey}`);
    assert.deepEqual(keys, [
      'app.py:password',
      'app.ts:password',
      'template.yaml:password',
      'template.yaml:username',
      'template.yaml:host',
    ]);
  });

  it('skips a reference whose text no longer holds the id, instead of editing blindly', () => {
    const { references } = indexed();
    const texts = new Map(Object.entries(files));
    texts.set('app.ts', `// a line added above\n${files['app.ts']}`);
    texts.delete('main.go');
    const plan = planReferenceEdits(references, texts, secret, 'prod/database', newArn);
    assert.deepEqual(
      plan.skipped.map((s) => s.reference.path),
      ['app.ts', 'app.ts', 'main.go'],
    );
    assert.ok(!plan.files.includes('app.ts'));
    assert.match(plan.skipped[2].reason, /could not be read/);
  });

  it('edits the env map entry, not the environment reads it names (they follow the map)', () => {
    const config = '{\n  "env": { "DB_PASSWORD": "prod/db#password" }\n}\n';
    const code = 'const key = process.env.DB_PASSWORD;\n';
    const envMap = { DB_PASSWORD: 'prod/db#password' };
    const references = [
      ...findReferences(config, '.secrets-workbench.json', { envMap }).map((r) => ({ ...r, path: 'config' })),
      ...findReferences(code, 'app.ts', { envMap }).map((r) => ({ ...r, path: 'code' })),
    ];
    assert.deepEqual(references.map((r) => r.kind).sort(), ['env-map', 'env-read']);
    const texts = new Map([
      ['config', config],
      ['code', code],
    ]);
    const plan = planReferenceEdits(references, texts, secret, 'prod/database');
    assert.deepEqual(plan.skipped, []);
    assert.deepEqual(plan.files, ['config']);
    assert.equal(
      applyReplacements(config, plan.replacements),
      '{\n  "env": { "DB_PASSWORD": "prod/database#password" }\n}\n',
    );
  });

  it('edits a reference once even when the index lists it twice', () => {
    const { references, texts } = indexed();
    const plan = planReferenceEdits([...references, ...references], texts, secret, 'prod/database', newArn);
    assert.equal(plan.replacements.length, 12);
  });
});
