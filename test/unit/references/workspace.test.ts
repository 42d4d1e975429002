import { strict as assert } from 'node:assert';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexWorkspace, isReferencePath } from '../../../src/core/references/index';

describe('indexWorkspace', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'sw-refindex-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const externalSecret = (name: string, store: string, key: string) =>
    [
      'apiVersion: external-secrets.io/v1beta1',
      'kind: ExternalSecret',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      '  secretStoreRef:',
      `    name: ${store}`,
      '  data:',
      '    - secretKey: value',
      '      remoteRef:',
      `        key: ${key}`,
    ].join('\n');

  it('resolves ExternalSecrets against Secrets Manager stores other files define, and reports the stores', async () => {
    await mkdir(join(root, 'k8s'));
    // the ExternalSecrets sort before the store: found once the walk has seen every store
    await writeFile(join(root, 'k8s/a-app.yaml'), externalSecret('app', 'aws-sm', 'k8s/app'));
    await writeFile(join(root, 'k8s/b-vault.yaml'), externalSecret('other', 'vault', 'k8s/vault-only'));
    await writeFile(
      join(root, 'k8s/z-store.yaml'),
      'kind: ClusterSecretStore\nmetadata:\n  name: aws-sm\nspec:\n  provider:\n    aws:\n      service: SecretsManager\n',
    );
    const result = await indexWorkspace(root);
    assert.deepEqual(result.secretsManagerStores, ['aws-sm']);
    assert.deepEqual(
      result.index.all().map((r) => [r.secretId, r.kind, r.path]),
      [['k8s/app', 'external-secret', join(root, 'k8s/a-app.yaml')]],
    );
  });

  it('counts reads of the project env map’s variables, and the map’s own entries', async () => {
    await writeFile(join(root, '.secrets-workbench.json'), JSON.stringify({ env: { PAY_KEY: 'prod/pay#key' } }));
    await writeFile(join(root, 'app.ts'), 'const k = process.env.PAY_KEY;\nconst h = process.env.HOME;\n');
    const result = await indexWorkspace(root, { pathOf: (file) => file.relative });
    assert.deepEqual(
      result.index.referencesTo('prod/pay').map((r) => [r.path, r.kind, r.envVariable, r.jsonKey]),
      [
        ['.secrets-workbench.json', 'env-map', 'PAY_KEY', 'key'],
        ['app.ts', 'env-read', 'PAY_KEY', 'key'],
      ],
    );
    const withoutMap = await indexWorkspace(root, { envMap: {}, pathOf: (file) => file.relative });
    assert.deepEqual(withoutMap.index.referencesIn('app.ts'), [], 'an explicit env map replaces the project’s');
  });

  it('knows which single files it would index', () => {
    assert.ok(isReferencePath('src/app.ts'));
    assert.ok(isReferencePath('deploy/.env.production'));
    assert.ok(isReferencePath('infra/main.tf'));
    assert.ok(!isReferencePath('node_modules/pkg/index.js'));
    assert.ok(!isReferencePath('a/dist/x.js'));
    assert.ok(!isReferencePath('README.md'));
  });
});
