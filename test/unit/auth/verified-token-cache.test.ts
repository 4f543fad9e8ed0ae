import { VerifiedTokenCache } from '../../../functions/src/auth/verified-token-cache';

describe('VerifiedTokenCache', () => {
  it('knows a token until its expiry', () => {
    const cache = new VerifiedTokenCache();
    cache.add('t', 1000);
    expect(cache.has('t', 999)).toBe(true);
    expect(cache.has('t', 1000)).toBe(false);
  });

  it('forgets a token once it has expired', () => {
    const cache = new VerifiedTokenCache();
    cache.add('t', 1000);
    expect(cache.has('t', 1001)).toBe(false);
    expect(cache.size).toBe(0);
    expect(cache.has('t', 10)).toBe(false);
  });

  it('knows the last remembered header, exactly, until its token expires', () => {
    const cache = new VerifiedTokenCache();
    cache.add('t', 1000);
    cache.rememberHeader('Bearer t', 't');
    expect(cache.knowsHeader('Bearer t', 999)).toBe(true);
    expect(cache.knowsHeader('Bearer t', 1000)).toBe(false);
    expect(cache.knowsHeader('Bearer  t', 10)).toBe(false);
    expect(cache.knowsHeader('bearer t', 10)).toBe(false);
    expect(cache.knowsHeader(undefined, 10)).toBe(false);
  });

  it('remembers a header only for a token it holds', () => {
    const cache = new VerifiedTokenCache();
    cache.rememberHeader('Bearer forged', 'forged');
    expect(cache.knowsHeader('Bearer forged', 0)).toBe(false);
  });

  it('does not know a token it was never given', () => {
    expect(new VerifiedTokenCache().has('t', 0)).toBe(false);
  });

  it('holds at most its bound, dropping the oldest token first', () => {
    const cache = new VerifiedTokenCache(3);
    for (const token of ['a', 'b', 'c', 'd', 'e']) cache.add(token, 1000);
    expect(cache.size).toBe(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((t) => cache.has(t, 0))).toEqual([false, false, true, true, true]);
  });

  it('does not evict another token when a known token is added again', () => {
    const cache = new VerifiedTokenCache(2);
    cache.add('a', 1000);
    cache.add('b', 1000);
    cache.add('b', 2000);
    expect(cache.has('a', 0)).toBe(true);
    expect(cache.has('b', 1500)).toBe(true);
  });
});
