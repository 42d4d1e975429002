// Pagination through the SDK and the server: 1,050 secrets and a secret with 150 versions.
import { strict as assert } from 'node:assert';
import { listAllSecretVersions, listAllSecrets, type AwsSecretStore } from '../../../src/core/aws/index';
import { InPlaceStore, startLocalAws, type LocalAws } from './helpers';

describe('AWS store pagination', function () {
  this.timeout(60_000);
  let local: LocalAws;
  let store: AwsSecretStore;
  const backend = new InPlaceStore();

  before(async () => {
    local = await startLocalAws({ store: backend });
    store = await local.connect();
    for (let i = 0; i < 1050; i++) {
      await backend.createSecret({ name: `page/s${String(i).padStart(4, '0')}`, secretString: `synthetic-${i}` });
    }
    await backend.createSecret({ name: 'versions/many', secretString: 'synthetic-v0' });
    for (let i = 1; i < 150; i++) {
      await backend.putSecretValue({ secretId: 'versions/many', secretString: `synthetic-v${i}` });
    }
  });
  after(() => local.close());

  it('lists 1,050 secrets page by page without loss or repeats', async () => {
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await store.listSecrets({ filters: [{ key: 'name', values: ['page/'] }], nextToken });
      assert.ok(page.secrets.length <= 100);
      names.push(...page.secrets.map((s) => s.name));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    assert.equal(pages, 11);
    assert.equal(names.length, 1050);
    assert.equal(new Set(names).size, 1050);
    const all = await listAllSecrets(store, { filters: [{ key: 'name', values: ['page/'] }], maxResults: 37 });
    assert.deepEqual(all.map((s) => s.name).sort(), [...names].sort());
  });

  it('lists 150 versions of one secret across pages, newest first', async () => {
    const first = await store.listSecretVersionIds({ secretId: 'versions/many', includeDeprecated: true });
    assert.equal(first.versions.length, 100);
    assert.ok(first.nextToken);
    const all = await listAllSecretVersions(store, {
      secretId: 'versions/many',
      includeDeprecated: true,
      maxResults: 40,
    });
    assert.equal(all.length, 150);
    assert.equal(new Set(all.map((v) => v.versionId)).size, 150);
    assert.deepEqual(all[0].versionStages, ['AWSCURRENT']);
    assert.deepEqual(all[1].versionStages, ['AWSPREVIOUS']);
    const times = all.map((v) => v.createdDate.getTime());
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
    const oldest = await store.getSecretValue({ secretId: 'versions/many', versionId: all[149].versionId });
    assert.equal(oldest.secretString, 'synthetic-v0');
    const labelled = await listAllSecretVersions(store, { secretId: 'versions/many' });
    assert.equal(labelled.length, 2);
  });
});
