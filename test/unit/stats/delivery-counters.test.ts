import { DeliveryCounters, sumShards } from '../../../functions/src/stats/delivery-counters';

describe('DeliveryCounters', () => {
  it('adds per queue and hands everything over once', () => {
    const counters = new DeliveryCounters();
    counters.add('acme', 'orders', 'delivered');
    counters.add('acme', 'orders', 'delivered');
    counters.add('acme', 'audit', 'filteredOut', 3);
    expect(counters.take()).toEqual([
      { tenant: 'acme', queue: 'orders', counts: { delivered: 2 } },
      { tenant: 'acme', queue: 'audit', counts: { filteredOut: 3 } },
    ]);
    expect(counters.empty).toBe(true);
  });

  it('puts back what a failed flush took, beside what was counted since', () => {
    const counters = new DeliveryCounters();
    counters.add('acme', 'orders', 'failedAttempts');
    const taken = counters.take();
    counters.add('acme', 'orders', 'failedAttempts');
    counters.restore(taken);
    expect(counters.take()).toEqual([{ tenant: 'acme', queue: 'orders', counts: { failedAttempts: 2 } }]);
  });
});

describe('sumShards', () => {
  it('sums every counter over the shards, ignoring other fields', () => {
    expect(
      sumShards([
        { delivered: 2, instance: 'a' },
        { delivered: 3, deadLettered: 1, updatedAt: 'x' },
      ]),
    ).toEqual({
      delivered: 5,
      failedAttempts: 0,
      deadLettered: 1,
      filteredOut: 0,
      repliesPublished: 0,
      repliesRefused: 0,
      repliesDropped: 0,
    });
  });
});
