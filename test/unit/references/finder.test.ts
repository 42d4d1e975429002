import { strict as assert } from 'node:assert';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distinctSecretIds, findReferences, findWorkspaceReferences } from '../../../src/core/references/index';

const fixtures = 'test/fixtures/offline';
const read = (path: string) => readFile(join(fixtures, path), 'utf8');

describe('secret reference finder', () => {
  it('finds generated helper calls in TS with their JSON keys and positions', async () => {
    const refs = findReferences(await read('workspace/src/db.ts'), 'src/db.ts');
    assert.deepEqual(
      refs.map((r) => [r.secretId, r.kind, r.line, r.character, r.jsonKey]),
      [
        ['app/db-password', 'helper-call', 3, 36, undefined],
        ['app/api-key', 'helper-call', 4, 34, 'token'],
      ],
    );
    assert.equal(refs[0].path, 'src/db.ts');
  });

  it('accepts template literals without interpolation and ignores ones with it', () => {
    const refs = findReferences('getSecret(`a/b`); getSecret(`a/${env}`); getSecret(name);');
    assert.deepEqual(distinctSecretIds(refs), ['a/b']);
  });

  it('finds Python helper calls, also when split over lines', async () => {
    const refs = findReferences(await read('workspace/worker/settings.py'));
    assert.deepEqual(distinctSecretIds(refs), [
      'worker/queue-token',
      'worker/smtp',
      'shared/sentry-dsn',
      'analytics/warehouse',
    ]);
    assert.equal(refs[3].jsonKey, 'url');
  });

  it('finds CloudFormation dynamic references in YAML and JSON, with keys, names and ARNs', async () => {
    const yaml = findReferences(await read('workspace/infra/template.yaml'));
    assert.deepEqual(
      yaml.map((r) => [r.secretId, r.jsonKey]),
      [
        ['rds/master', 'username'],
        ['rds/master', 'password'],
        ['cache/redis-auth', undefined],
        ['prod/oauth-app', 'clientSecret'],
      ],
    );
    const json = findReferences(await read('workspace/infra/search.template.json'));
    assert.deepEqual(distinctSecretIds(json), ['search/opensearch-admin']);
    const arn = findReferences(await read('languages/arn.yaml'));
    assert.deepEqual(
      arn.map((r) => [r.secretId, r.jsonKey]),
      [['arn:aws:secretsmanager:us-east-1:123456789012:secret:cfn/by-arn-XyZ123', 'key']],
    );
  });

  it('finds SDK calls with a SecretId literal in Go, Java, C#, JS and Python', async () => {
    const ids = [];
    for (const file of ['main.go', 'Secrets.java', 'Secrets.cs', 'sdk.mjs', 'sdk.py']) {
      const refs = findReferences(await read(`languages/${file}`));
      assert.ok(refs.every((r) => r.kind === 'sdk-call'));
      ids.push(...distinctSecretIds(refs));
    }
    assert.deepEqual(ids, ['go/service-token', 'java/db', 'csharp/api', 'js/sdk-direct', 'py/sdk-direct']);
  });

  it('finds Terraform data sources by literal secret_id, name or arn, and nothing else', async () => {
    const refs = findReferences(await read('languages/main.tf'));
    assert.deepEqual(
      refs.map((r) => [r.secretId, r.kind, r.line]),
      [
        ['tf/by-name', 'terraform', 1],
        ['tf/literal', 'terraform', 9],
        ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:tf/by-arn-Ab12Cd', 'terraform', 14],
      ],
    );
  });

  it('does not take `name =` from a version data source or `secret_id` from a secret data source', () => {
    const text = [
      'data "aws_secretsmanager_secret_version" "v" {',
      '  name = "wrong-1"',
      '  secret_id = "right-1"',
      '}',
      'data "aws_secretsmanager_secret" "s" {',
      '  secret_id = "wrong-2"',
      '  tags = { a = "}" }',
      '  name = "right-2"',
      '}',
    ].join('\n');
    assert.deepEqual(distinctSecretIds(findReferences(text)), ['right-1', 'right-2']);
  });

  it('ignores similar-looking calls that are not secret fetches', () => {
    const text = "getSecrets('x'); mygetSecret('y'); forgetSecret('z'); secretId = 'w'; SecretIdentity: 'v'";
    assert.deepEqual(findReferences(text), []);
  });
});

describe('workspace reference scan', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'sw-refs-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('finds the 13 distinct secret ids of the fixture workspace across TS, Python and CloudFormation', async () => {
    const scan = await findWorkspaceReferences(join(fixtures, 'workspace'));
    assert.equal(scan.filesScanned, 5);
    assert.equal(scan.truncated, false);
    const ids = distinctSecretIds(scan.references);
    assert.equal(ids.length, 13);
    assert.ok(ids.includes('legacy/decommissioned-token'));
    assert.deepEqual([...new Set(scan.references.map((r) => r.path))].sort(), [
      'infra/search.template.json',
      'infra/template.yaml',
      'src/db.ts',
      'src/payments.ts',
      'worker/settings.py',
    ]);
  });

  it('skips dependency folders, .gitignored paths, unrelated extensions and respects maxFiles', async () => {
    await mkdir(join(root, 'node_modules/pkg'), { recursive: true });
    await mkdir(join(root, 'generated'), { recursive: true });
    await mkdir(join(root, 'app'), { recursive: true });
    await writeFile(join(root, 'node_modules/pkg/index.js'), "getSecret('from/node-modules')");
    await writeFile(join(root, 'generated/x.ts'), "getSecret('from/ignored-folder')");
    await writeFile(join(root, 'app/.gitignore'), 'local.ts\n');
    await writeFile(join(root, 'app/local.ts'), "getSecret('from/ignored-file')");
    await writeFile(join(root, 'app/notes.md'), "getSecret('from/markdown')");
    await writeFile(join(root, 'app/main.ts'), "getSecret('kept/one')");
    await writeFile(join(root, 'app/other.py'), "getSecret('kept/two')");
    await writeFile(join(root, '.gitignore'), 'generated/\n');
    const scan = await findWorkspaceReferences(root);
    assert.deepEqual(distinctSecretIds(scan.references).sort(), ['kept/one', 'kept/two']);
    assert.equal(scan.references.find((r) => r.secretId === 'kept/one')?.path, 'app/main.ts');

    const withoutPython = await findWorkspaceReferences(root, { exclude: ['**/*.py'] });
    assert.deepEqual(distinctSecretIds(withoutPython.references), ['kept/one'], 'a files.exclude glob');
    const withoutApp = await findWorkspaceReferences(root, { exclude: ['app'] });
    assert.deepEqual(withoutApp.references, [], 'an excluded folder is not entered');

    const limited = await findWorkspaceReferences(root, { maxFiles: 1 });
    assert.equal(limited.truncated, true);
    assert.equal(limited.filesScanned, 1);
  });
});
