import { type CountsBatch, DeliveryCounters } from '../../../functions/src/stats/delivery-counters';
import { StatsFlusher } from '../../../functions/src/stats/stats-flusher';

function setup(write: (b: readonly CountsBatch[]) => Promise<void>) {
  let now = 0;
  const counters = new DeliveryCounters();
  const errors: unknown[] = [];
  const flusher = new StatsFlusher({
    counters,
    intervalMs: 1_000,
    write,
    onError: (e) => errors.push(e),
    now: () => now,
  });
  return { counters, flusher, errors, advance: (ms: number) => (now += ms) };
}

describe('StatsFlusher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes at most once an interval, when the timer fires', async () => {
    const written: CountsBatch[][] = [];
    const { counters, flusher } = setup(async (b) => {
      written.push([...b]);
    });
    counters.add('acme', 'orders', 'delivered');
    flusher.poke();
    flusher.poke();
    expect(written).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(written).toEqual([[{ tenant: 'acme', queue: 'orders', counts: { delivered: 1 } }]]);
  });

  it('flushes at once from a poke when the interval has passed', async () => {
    const written: CountsBatch[][] = [];
    const { counters, flusher, advance } = setup(async (b) => {
      written.push([...b]);
    });
    advance(5_000);
    counters.add('acme', 'orders', 'delivered');
    flusher.poke();
    await Promise.resolve();
    expect(written).toHaveLength(1);
  });

  it('keeps the counts of a failed write for the next one', async () => {
    let fail = true;
    const written: CountsBatch[][] = [];
    const { counters, flusher, errors } = setup(async (b) => {
      if (fail) throw new Error('unavailable');
      written.push([...b]);
    });
    counters.add('acme', 'orders', 'deadLettered');
    await flusher.flush();
    expect(errors).toHaveLength(1);
    fail = false;
    await flusher.flush();
    expect(written).toEqual([[{ tenant: 'acme', queue: 'orders', counts: { deadLettered: 1 } }]]);
  });
});
