import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { SecretMetadataCache } from '../../../src/core/references/secret-metadata';
import { MemoryStore, type SecretStore } from '../../../src/core/store/index';

class ManualClock {
  time = 1_000_000;
  now() {
    return this.time;
  }
}

const synthetic = () => `sw-${randomBytes(12).toString('base64url')}`;

/** The real in-memory store, counting the calls the cache makes. */
function countingStore(store: SecretStore) {
  const calls = { describeSecret: 0, getSecretValue: 0 };
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if ((property === 'describeSecret' || property === 'getSecretValue') && typeof member === 'function') {
        return (...args: unknown[]) => {
          calls[property]++;
          return (member as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return member;
    },
  });
  return { store: counted, calls };
}

async function setup() {
  const memory = new MemoryStore();
  const values = { password: synthetic(), username: synthetic() };
  const created = await memory.createSecret({ name: 'app/db', secretString: JSON.stringify(values) });
  await memory.createSecret({ name: 'app/plain', secretString: synthetic() });
  const { store, calls } = countingStore(memory);
  const clock = new ManualClock();
  const cache = new SecretMetadataCache({ store: async () => store, clock });
  return { memory, cache, calls, clock, values, arn: created.arn };
}

describe('SecretMetadataCache', () => {
  it('describes each secret once per connection per minute, however often it is asked', async () => {
    const { cache, calls, clock } = await setup();
    for (let i = 0; i < 50; i++) {
      const lookup = await cache.describe('local', 'app/db');
      assert.equal(lookup.status === 'found' && lookup.metadata.name, 'app/db');
    }
    assert.equal(calls.describeSecret, 1);
    await cache.describe('aws:p:r', 'app/db');
    assert.equal(calls.describeSecret, 2, 'another connection is another entry');
    clock.time += 60_000;
    await cache.describe('local', 'app/db');
    assert.equal(calls.describeSecret, 3);
  });

  it('de-duplicates concurrent lookups of one secret', async () => {
    const { cache, calls } = await setup();
    const lookups = await Promise.all(Array.from({ length: 20 }, () => cache.describe('local', 'app/db')));
    assert.ok(lookups.every((l) => l.status === 'found'));
    assert.equal(calls.describeSecret, 1);
  });

  it('caches "missing" as an answer', async () => {
    const { cache, calls } = await setup();
    assert.deepEqual(await cache.describe('local', 'app/nope'), { status: 'missing' });
    assert.deepEqual(await cache.describe('local', 'app/nope'), { status: 'missing' });
    assert.equal(calls.describeSecret, 1);
  });

  it('does not cache other failures', async () => {
    let opens = 0;
    const cache = new SecretMetadataCache({
      store: async () => {
        opens++;
        throw new Error('vault is locked');
      },
      clock: new ManualClock(),
    });
    await assert.rejects(cache.describe('local', 'app/db'), /locked/);
    await assert.rejects(cache.describe('local', 'app/db'), /locked/);
    assert.equal(opens, 2);
  });

  it('a connection without a store yet (no vault file) has every secret missing, and nothing is opened', async () => {
    const cache = new SecretMetadataCache({ store: async () => undefined, clock: new ManualClock() });
    assert.deepEqual(await cache.describe('local', 'app/db'), { status: 'missing' });
    assert.deepEqual(await cache.jsonKeys('local', 'app/db'), { status: 'missing' });
  });

  it('returns the JSON key names of the current version, never a value', async () => {
    const { cache, calls, values } = await setup();
    const keys = await cache.jsonKeys('local', 'app/db');
    assert.equal(keys.status, 'keys');
    assert.deepEqual(keys.status === 'keys' && keys.keys, ['password', 'username']);
    const shown = JSON.stringify([keys, await cache.describe('local', 'app/db')]);
    for (const value of Object.values(values)) assert.ok(!shown.includes(value), 'a value leaked into the lookup');
    await cache.jsonKeys('local', 'app/db');
    assert.equal(calls.getSecretValue, 1);
    assert.equal(calls.describeSecret, 1, 'the key lookup reuses the cached describe');
  });

  it('tells plain text, missing and deleted secrets apart without reading a missing or deleted value', async () => {
    const { memory, cache, calls } = await setup();
    assert.deepEqual(await cache.jsonKeys('local', 'app/plain'), { status: 'not-json' });
    assert.deepEqual(await cache.jsonKeys('local', 'app/nope'), { status: 'missing' });
    await memory.deleteSecret({ secretId: 'app/db', recoveryWindowInDays: 7 });
    assert.deepEqual(await cache.jsonKeys('local', 'app/db'), { status: 'deleted' });
    assert.equal(calls.getSecretValue, 1, 'only the plain secret was read');
  });

  it('after invalidating a secret the extension changed, the next lookup sees the change', async () => {
    const { memory, cache, calls } = await setup();
    await cache.describe('local', 'app/new');
    await cache.describe('local', 'app/db');
    await memory.createSecret({ name: 'app/new', secretString: JSON.stringify({ token: synthetic() }) });
    assert.equal((await cache.describe('local', 'app/new')).status, 'missing', 'still cached before invalidation');
    cache.invalidate('local', 'app/new');
    assert.equal((await cache.describe('local', 'app/new')).status, 'found');
    await cache.describe('local', 'app/db');
    assert.equal(calls.describeSecret, 3, 'app/db stayed cached');
  });

  it('invalidating by name also drops lookups made by ARN, and key names with them', async () => {
    const { memory, cache, calls, arn } = await setup();
    assert.equal((await cache.jsonKeys('local', arn)).status, 'keys');
    await memory.putSecretValue({ secretId: 'app/db', secretString: JSON.stringify({ apiKey: synthetic() }) });
    cache.invalidate('local', 'app/db');
    const keys = await cache.jsonKeys('local', arn);
    assert.deepEqual(keys.status === 'keys' && keys.keys, ['apiKey']);
    assert.equal(calls.describeSecret, 2);
  });

  it('invalidating a connection or everything drops only what it names', async () => {
    const { cache, calls } = await setup();
    await cache.describe('local', 'app/db');
    await cache.describe('other', 'app/db');
    cache.invalidate('local');
    await cache.describe('other', 'app/db');
    assert.equal(calls.describeSecret, 2);
    await cache.describe('local', 'app/db');
    assert.equal(calls.describeSecret, 3);
    cache.invalidate();
    await cache.describe('other', 'app/db');
    assert.equal(calls.describeSecret, 4);
  });
});
