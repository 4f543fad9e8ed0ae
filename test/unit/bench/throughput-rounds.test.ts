import { roundOrder, summariseRounds } from '../../bench/measurements/throughput-rounds';

describe('paired throughput rounds', () => {
  it('alternates which subject goes first, so each runs before the other as often as after', () => {
    const orders = [0, 1, 2, 3].map((round) => roundOrder(round, ['forwarder', 'dispatch']));
    expect(orders).toEqual([
      ['forwarder', 'dispatch'],
      ['dispatch', 'forwarder'],
      ['forwarder', 'dispatch'],
      ['dispatch', 'forwarder'],
    ]);
  });

  it('reverses three subjects in odd rounds, so a steady drift cancels from both ratios', () => {
    expect(roundOrder(1, ['forwarder', 'dispatch', 'compared'])).toEqual([
      'compared',
      'dispatch',
      'forwarder',
    ]);
  });

  it('gives the two dispatch builds every place equally often over four rounds', () => {
    const subjects = ['forwarder', 'dispatch', 'compared'] as const;
    const orders = [0, 1, 2, 3].map((round) => roundOrder(round, subjects));
    expect(orders[2]).toEqual(['forwarder', 'compared', 'dispatch']);
    expect(orders[3]).toEqual(['dispatch', 'compared', 'forwarder']);
    const places = (subject: string) => orders.map((order) => order.indexOf(subject as never)).sort();
    expect(places('dispatch')).toEqual(places('compared'));
    expect(places('dispatch')).toEqual([0, 1, 1, 2]);
  });

  it('reports the median of the rounds’ own ratios, not the ratio of the totals', () => {
    const summary = summariseRounds([
      { forwarder: 2000, dispatch: 1800 }, // 0.9
      { forwarder: 1000, dispatch: 950 }, // 0.95, a round the machine slowed
      { forwarder: 2000, dispatch: 1600 }, // 0.8
    ]);
    expect(summary.ratio.runs).toEqual([0.9, 0.95, 0.8]);
    expect(summary.ratio).toMatchObject({ min: 0.8, median: 0.9, max: 0.95 });
    expect(summary.forwarderRps).toBe(2000);
    expect(summary.dispatchRps).toBe(1600);
    expect(summary.compared).toBeUndefined();
  });

  it('sets the compared build against the same round’s forwarder', () => {
    const summary = summariseRounds([
      { forwarder: 2000, dispatch: 1800, compared: 1500 },
      { forwarder: 1000, dispatch: 900, compared: 800 },
    ]);
    expect(summary.compared?.ratio.runs).toEqual([0.75, 0.8]);
    expect(summary.compared?.ratio.median).toBeCloseTo(0.775, 10);
    expect(summary.compared?.rps).toBe(1150);
  });

  it('has no figure without a round', () => {
    expect(() => summariseRounds([])).toThrow('no throughput round ran');
  });
});
