import { BoundedMap } from '../../../functions/src/caching/bounded-map';

describe('BoundedMap', () => {
  it('evicts the entry written longest ago when a new key arrives at the bound', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    expect([map.has('a'), map.get('b'), map.get('c'), map.size]).toEqual([false, 2, 3, 2]);
  });

  it('writing a key again moves it to the newest place and evicts nothing', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 10);
    expect(map.size).toBe(2);
    map.set('c', 3);
    expect([map.get('a'), map.has('b'), map.get('c')]).toEqual([10, false, 3]);
  });

  it('a read does not reorder: the oldest write still goes first', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.get('a');
    map.set('c', 3);
    expect(map.has('a')).toBe(false);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new BoundedMap(0)).toThrow(/positive integer/);
  });
});
