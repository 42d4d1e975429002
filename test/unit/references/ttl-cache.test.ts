import { strict as assert } from 'node:assert';
import { TtlCache } from '../../../src/core/references/ttl-cache';

class ManualClock {
  constructor(public time = 1_000_000) {}
  now() {
    return this.time;
  }
}

/** A load whose settling the test controls, counting how often it started. */
function controlledLoad<V>() {
  const calls: { resolve(value: V): void; reject(error: unknown): void }[] = [];
  const load = () => new Promise<V>((resolve, reject) => void calls.push({ resolve, reject }));
  return { load, calls };
}

describe('TtlCache', () => {
  it('loads a key once within the TTL and again after it', async () => {
    const clock = new ManualClock();
    const cache = new TtlCache<number>(60_000, clock);
    let loads = 0;
    const load = async () => ++loads;
    assert.equal(await cache.get('a', load), 1);
    clock.time += 59_999;
    assert.equal(await cache.get('a', load), 1);
    assert.equal(loads, 1);
    clock.time += 1;
    assert.equal(await cache.get('a', load), 2);
    assert.equal(loads, 2);
  });

  it('keeps keys apart', async () => {
    const cache = new TtlCache<string>(60_000, new ManualClock());
    assert.equal(await cache.get('a', async () => 'A'), 'A');
    assert.equal(await cache.get('b', async () => 'B'), 'B');
    assert.equal(await cache.get('a', async () => 'other'), 'A');
  });

  it('shares one load between concurrent gets of a key', async () => {
    const cache = new TtlCache<string>(60_000, new ManualClock());
    const { load, calls } = controlledLoad<string>();
    const gets = [cache.get('a', load), cache.get('a', load), cache.get('a', load)];
    assert.equal(calls.length, 1);
    calls[0].resolve('x');
    assert.deepEqual(await Promise.all(gets), ['x', 'x', 'x']);
    assert.equal(await cache.get('a', load), 'x');
    assert.equal(calls.length, 1);
  });

  it('does not store a failed load: the next get loads again', async () => {
    const cache = new TtlCache<string>(60_000, new ManualClock());
    const { load, calls } = controlledLoad<string>();
    const first = [cache.get('a', load), cache.get('a', load)];
    calls[0].reject(new Error('network'));
    for (const get of first) await assert.rejects(get, /network/);
    const second = cache.get('a', load);
    assert.equal(calls.length, 2);
    calls[1].resolve('y');
    assert.equal(await second, 'y');
  });

  it('stores an answer such as "missing" like any other value', async () => {
    const cache = new TtlCache<{ status: string }>(60_000, new ManualClock());
    let loads = 0;
    const load = async () => (loads++, { status: 'missing' });
    await cache.get('gone', load);
    assert.deepEqual(await cache.get('gone', load), { status: 'missing' });
    assert.equal(loads, 1);
  });

  it('invalidation drops the stored value so the next get loads again', async () => {
    const cache = new TtlCache<number>(60_000, new ManualClock());
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('a', load);
    await cache.get('b', load);
    assert.equal(
      cache.invalidate((key) => key === 'a'),
      1,
    );
    assert.equal(await cache.get('a', load), 3);
    assert.equal(await cache.get('b', load), 2);
  });

  it('a load still in flight when invalidated is not stored, and a new get starts a fresh load', async () => {
    const cache = new TtlCache<string>(60_000, new ManualClock());
    const { load, calls } = controlledLoad<string>();
    const stale = cache.get('a', load);
    cache.invalidate(() => true);
    const fresh = cache.get('a', load);
    assert.equal(calls.length, 2);
    calls[0].resolve('stale');
    calls[1].resolve('fresh');
    assert.equal(await stale, 'stale');
    assert.equal(await fresh, 'fresh');
    assert.equal(await cache.get('a', load), 'fresh');
    assert.equal(calls.length, 2);
  });

  it('peek returns only unexpired values and never loads', async () => {
    const clock = new ManualClock();
    const cache = new TtlCache<string>(1000, clock);
    assert.equal(cache.peek('a'), undefined);
    await cache.get('a', async () => 'A');
    assert.equal(cache.peek('a'), 'A');
    clock.time += 1000;
    assert.equal(cache.peek('a'), undefined);
  });

  it('prunes expired entries once it holds many', async () => {
    const clock = new ManualClock();
    const cache = new TtlCache<number>(1000, clock);
    for (let i = 0; i < 300; i++) await cache.get(`k${i}`, async () => i);
    clock.time += 1000;
    await cache.get('new', async () => 0);
    assert.equal(cache.size, 1);
  });
});
