import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { MemoryStore } from '../../../src/core/store/index';
import type { SecretStore } from '../../../src/core/store/types';
import { CopyCancelled, copySecret } from '../../../src/core/transfer/copy-secret';

const value = () => randomBytes(16).toString('hex');

async function stages(store: SecretStore, name: string) {
  return (await store.describeSecret(name)).versionIdsToStages;
}

describe('copySecret (Push to AWS / Pull to Local Vault)', () => {
  it('creates the secret in the target with the current value, description and tags', async () => {
    const source = new MemoryStore();
    const target = new MemoryStore();
    const v = value();
    await source.createSecret({ name: 'app/key', secretString: v, description: 'd', tags: [{ key: 't', value: '1' }] });
    const result = await copySecret(source, target, 'app/key', { mode: 'current' });
    const meta = await target.describeSecret('app/key');
    const copiedId = (await source.getSecretValue({ secretId: 'app/key' })).versionId;
    assert.deepEqual(result, { created: true, versionsCopied: 1, versionIds: [copiedId], arn: meta.arn });
    assert.equal(meta.description, 'd');
    assert.deepEqual(meta.tags, [{ key: 't', value: '1' }]);
    assert.equal((await target.getSecretValue({ secretId: 'app/key' })).secretString, v);
  });

  it('copies all staged versions with the same ids and stages, idempotently', async () => {
    const source = new MemoryStore();
    const target = new MemoryStore();
    await source.createSecret({ name: 's', secretString: value() });
    for (let i = 0; i < 3; i++) await source.putSecretValue({ secretId: 's', secretString: value() });
    await source.putSecretValue({ secretId: 's', secretString: value(), versionStages: ['blue'] });
    await copySecret(source, target, 's', { mode: 'allVersions' });
    assert.deepEqual(await stages(target, 's'), await stages(source, 's'));
    for (const versionId of Object.keys(await stages(source, 's'))) {
      const [a, b] = await Promise.all([source, target].map((st) => st.getSecretValue({ secretId: 's', versionId })));
      assert.equal(a.secretString, b.secretString);
    }
    await copySecret(source, target, 's', { mode: 'allVersions' });
    assert.deepEqual(await stages(target, 's'), await stages(source, 's'));
  });

  it('copies every staged version to another name in the same store, leaving the source as it was', async () => {
    const store = new MemoryStore();
    await store.createSecret({ name: 'old/name', secretString: value(), description: 'd' });
    for (let i = 0; i < 2; i++) await store.putSecretValue({ secretId: 'old/name', secretString: value() });
    await store.putSecretValue({ secretId: 'old/name', secretString: value(), versionStages: ['blue'] });
    const before = await stages(store, 'old/name');
    const result = await copySecret(store, store, 'old/name', { mode: 'allVersions', targetName: 'new/name' });
    assert.equal(result.created, true);
    assert.equal(result.versionsCopied, 3); // the first version lost its last stage
    assert.equal(result.arn, (await store.describeSecret('new/name')).arn);
    assert.deepEqual(await stages(store, 'new/name'), before);
    assert.deepEqual(await stages(store, 'old/name'), before);
    assert.equal((await store.describeSecret('new/name')).description, 'd');
    for (const versionId of Object.keys(before)) {
      const [a, b] = await Promise.all(
        ['old/name', 'new/name'].map((secretId) => store.getSecretValue({ secretId, versionId })),
      );
      assert.equal(a.secretString, b.secretString);
    }
  });

  it('overwrites an existing target: the old value becomes AWSPREVIOUS', async () => {
    const source = new MemoryStore();
    const target = new MemoryStore();
    const [a, b] = [value(), value()];
    await source.createSecret({ name: 's', secretString: a });
    await target.createSecret({ name: 's', secretString: b });
    const result = await copySecret(source, target, 's', { mode: 'current' });
    assert.equal(result.created, false);
    assert.equal((await target.getSecretValue({ secretId: 's' })).secretString, a);
    assert.equal((await target.getSecretValue({ secretId: 's', versionStage: 'AWSPREVIOUS' })).secretString, b);
  });

  it('stops between versions when cancelled', async () => {
    const source = new MemoryStore();
    await source.createSecret({ name: 's', secretString: value() });
    await source.putSecretValue({ secretId: 's', secretString: value() });
    let checks = 0;
    await assert.rejects(
      copySecret(source, new MemoryStore(), 's', { mode: 'allVersions', isCancelled: () => ++checks > 1 }),
      (e: unknown) => e instanceof CopyCancelled && e.copied === 1,
    );
  });
});
