import { TtlCache } from '../../../functions/src/queues/ttl-cache';

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function counter<V>(value: (n: number) => V): { load: () => Promise<V>; calls: () => number } {
  let calls = 0;
  return {
    load: async () => value(++calls),
    calls: () => calls,
  };
}

describe('TtlCache', () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('serves a loaded value until its TTL has passed, then loads again', async () => {
    const cache = new TtlCache<string>(10_000, 100, clock);
    const { load, calls } = counter((n) => `v${n}`);

    expect(await cache.get('k', load)).toBe('v1');
    now += 9_999;
    // A hit is the value itself, not a promise of it.
    expect(cache.get('k', load)).toBe('v1');
    expect(calls()).toBe(1);
    now += 1;
    expect(await cache.get('k', load)).toBe('v2');
    expect(calls()).toBe(2);
  });

  it('keeps keys apart', async () => {
    const cache = new TtlCache<string>(10_000, 100, clock);
    expect(await cache.get('a', async () => 'A')).toBe('A');
    expect(await cache.get('b', async () => 'B')).toBe('B');
    expect(await cache.get('a', async () => 'not loaded')).toBe('A');
  });

  it('remembers that a value is absent', async () => {
    const cache = new TtlCache<string | undefined>(10_000, 100, clock);
    const { load, calls } = counter(() => undefined);
    expect(await cache.get('gone', load)).toBeUndefined();
    expect(await cache.get('gone', load)).toBeUndefined();
    expect(calls()).toBe(1);
  });

  it('runs one load for concurrent gets of the same key', async () => {
    const cache = new TtlCache<string>(10_000, 100, clock);
    const pending = deferred<string>();
    let calls = 0;
    const load = () => {
      calls++;
      return pending.promise;
    };

    const gets = [cache.get('k', load), cache.get('k', load), cache.get('k', load)];
    pending.resolve('v');
    expect(await Promise.all(gets)).toEqual(['v', 'v', 'v']);
    expect(calls).toBe(1);
  });

  it('runs one load per key for concurrent gets of different keys', async () => {
    const cache = new TtlCache<string>(10_000, 100, clock);
    const keys: string[] = [];
    const load = (key: string) => async () => {
      keys.push(key);
      return key.toUpperCase();
    };
    expect(
      await Promise.all([cache.get('a', load('a')), cache.get('b', load('b')), cache.get('a', load('a'))]),
    ).toEqual(['A', 'B', 'A']);
    expect(keys).toEqual(['a', 'b']);
  });

  it('does not cache a failed load: every waiter sees the failure and the next get loads again', async () => {
    const cache = new TtlCache<string>(10_000, 100, clock);
    const pending = deferred<string>();
    const failing = () => pending.promise;
    const gets = [cache.get('k', failing), cache.get('k', failing)];
    pending.reject(new Error('store down'));
    for (const get of gets) await expect(get).rejects.toThrow('store down');
    expect(cache.size).toBe(0);

    expect(await cache.get('k', async () => 'recovered')).toBe('recovered');
  });

  it('holds at most its bound, dropping the oldest entry first', async () => {
    const cache = new TtlCache<string>(10_000, 2, clock);
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => key);
    expect(cache.size).toBe(2);
    const { load, calls } = counter(() => 'reloaded');
    expect(await cache.get('b', load)).toBe('b');
    expect(await cache.get('c', load)).toBe('c');
    expect(await cache.get('a', load)).toBe('reloaded');
    expect(calls()).toBe(1);
  });

  it('loads again after a delete', async () => {
    const cache = new TtlCache<string>(10_000, 100, clock);
    await cache.get('k', async () => 'old');
    cache.delete('k');
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('starts the TTL of a set value when it is set', async () => {
    const cache = new TtlCache<string>(10_000, 100, clock);
    cache.set('k', 'set');
    now += 9_999;
    expect(await cache.get('k', async () => 'loaded')).toBe('set');
    now += 1;
    expect(await cache.get('k', async () => 'loaded')).toBe('loaded');
  });

  it('caches nothing with a TTL of zero', async () => {
    const cache = new TtlCache<string>(0, 100, clock);
    const { load, calls } = counter((n) => `v${n}`);
    await cache.get('k', load);
    expect(await cache.get('k', load)).toBe('v2');
    expect(calls()).toBe(2);
  });

  it('does not let a load that was in flight during a delete bring back the deleted value', async () => {
    const cache = new TtlCache<string>(10_000, 100, clock);
    const pending = deferred<string>();
    const inFlight = cache.get('k', () => pending.promise);
    cache.delete('k');
    pending.resolve('stale');
    expect(await inFlight).toBe('stale');
    expect(await cache.get('k', async () => 'fresh')).toBe('fresh');
  });
});
