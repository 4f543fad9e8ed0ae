import { growthOverForwarder, memoryTrace } from '../../bench/measurements/memory-trace';

const samples = (rss: number[]) =>
  [0, 1_000, 10_000, 50_000, 100_000].map((deliveries, i) => ({ deliveries, rssMiB: rss[i]! }));

describe('a memory trace', () => {
  it('grows from the early sample to the late one, and says how much the last step added', () => {
    const trace = memoryTrace(samples([90, 100, 118, 120, 124]), 1_000);
    expect(trace).toMatchObject({
      rssMiBAtStart: 90,
      rssMiBEarly: 100,
      rssMiBLate: 124,
      lastStepFrom: 50_000,
    });
    expect(trace.ratio).toBeCloseTo(1.24, 10);
    expect(trace.lastStepRatio).toBeCloseTo(124 / 120, 10);
  });

  it('counts only what dispatch grows beyond the forwarder served the same way', () => {
    const dispatch = memoryTrace(samples([90, 100, 118, 120, 124]), 1_000);
    const forwarder = memoryTrace(samples([88, 100, 115, 119, 121]), 1_000);
    expect(growthOverForwarder(dispatch, forwarder)).toBeCloseTo(0.03, 10);
  });

  it('refuses samples without the early checkpoint', () => {
    expect(() => memoryTrace(samples([90, 100, 118, 120, 124]), 2_000)).toThrow(/2000 deliveries/);
  });
});
