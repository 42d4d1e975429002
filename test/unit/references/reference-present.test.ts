import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { referenceHoverMarkdown, referenceLensTitle } from '../../../src/core/references/reference-present';
import { SecretMetadataCache } from '../../../src/core/references/secret-metadata';
import { MemoryStore } from '../../../src/core/store/index';

const synthetic = () => `sw-${randomBytes(12).toString('base64url')}`;

async function dbSecret() {
  const store = new MemoryStore();
  const values = { password: synthetic(), username: synthetic() };
  await store.createSecret({
    name: 'app/db',
    description: 'Orders database (primary)',
    secretString: JSON.stringify(values),
    tags: [{ key: 'team', value: 'payments' }],
  });
  await store.putSecretValue({ secretId: 'app/db', secretString: JSON.stringify(values) });
  const cache = new SecretMetadataCache({ store: async () => store });
  return { store, cache, values };
}

describe('reference CodeLens and hover text', () => {
  it('the lens says exists, connection, versions, last change and rotation state', async () => {
    const { cache } = await dbSecret();
    const title = referenceLensTitle(await cache.describe('local', 'app/db'), 'Local Vault');
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(title, `$(pass) exists in Local Vault · 2 versions · changed ${today} · no rotation`);
  });

  it('the lens says missing, scheduled for deletion, or why it could not check', async () => {
    const { store, cache } = await dbSecret();
    assert.equal(referenceLensTitle(await cache.describe('local', 'app/nope'), 'Dev'), '$(warning) missing in Dev');
    await store.deleteSecret({ secretId: 'app/db', recoveryWindowInDays: 7 });
    assert.match(
      referenceLensTitle(await cache.describe('local', 'app/db'), 'Dev'),
      /^\$\(trash\) scheduled for deletion on \d{4}-\d{2}-\d{2} · Dev$/,
    );
    assert.equal(
      referenceLensTitle({ status: 'error', message: 'The vault is locked.\nmore' }, 'Dev'),
      '$(error) could not check in Dev: The vault is locked.',
    );
  });

  it('the lens shows the next rotation when rotation is on', async () => {
    const { cache } = await dbSecret();
    const lookup = await cache.describe('local', 'app/db');
    assert.equal(lookup.status, 'found');
    if (lookup.status !== 'found') return;
    const rotating = { ...lookup.metadata, rotationEnabled: true, nextRotationDate: new Date('2030-01-02T00:00:00Z') };
    assert.match(referenceLensTitle({ status: 'found', metadata: rotating }, 'L'), /rotation on, next 2030-01-02$/);
  });

  it('the hover lists description, tags, stages and key names, and never a value', async () => {
    const { cache, values } = await dbSecret();
    const markdown = referenceHoverMarkdown(
      { secretId: 'app/db', jsonKey: 'password' },
      await cache.describe('local', 'app/db'),
      'Local Vault',
      await cache.jsonKeys('local', 'app/db'),
    );
    assert.match(markdown, /^\*\*app\/db\*\* in Local Vault/);
    assert.match(markdown, /Orders database \\\(primary\\\)/);
    assert.match(markdown, /- Tags: `team`: payments/);
    assert.match(markdown, /- Stages: AWSCURRENT \(`[0-9a-f-]{8}`\); AWSPREVIOUS \(`[0-9a-f-]{8}`\)/);
    assert.match(markdown, /- JSON keys \(current version\): `password`, `username`/);
    assert.match(markdown, /- Reads key `password`: present/);
    for (const value of Object.values(values)) assert.ok(!markdown.includes(value), 'a value in the hover');
  });

  it('the hover flags a key the current version lacks, and a missing secret', async () => {
    const { cache } = await dbSecret();
    const markdown = referenceHoverMarkdown(
      { secretId: 'app/db', jsonKey: 'token' },
      await cache.describe('local', 'app/db'),
      'L',
      await cache.jsonKeys('local', 'app/db'),
    );
    assert.match(markdown, /Reads key `token`: \$\(warning\) not in the current version/);
    const missing = referenceHoverMarkdown({ secretId: 'app/x' }, await cache.describe('local', 'app/x'), 'L');
    assert.equal(missing, '**app/x**: $(warning) no such secret in L');
  });
});
