import type { ThroughputResult } from '../../bench/measurements/dispatch-throughput';
import type { MemoryResult } from '../../bench/measurements/memory';
import { memoryTrace } from '../../bench/measurements/memory-trace';
import { type BenchResults, benchJson, formatTable, rows } from '../../bench/report/bench-report';

const throughput: ThroughputResult = {
  concurrency: 16,
  forwarderRps: 2172.4,
  dispatchRps: 1949.2,
  ratio: 0.9123,
  ratioMin: 0.861,
  ratioMax: 0.9512,
  ratioRuns: [0.9123, 0.861, 0.9512],
  forwarderP50Ms: 0.47,
  forwarderP99Ms: 0.93,
  dispatchP50Ms: 0.53,
  dispatchP99Ms: 1.9,
  addedP50Ms: 0.06,
  addedP99Ms: 0.97,
  deliveries: 30_000,
  cpu: {
    forwarder: { subjectMicros: 310, sinkMicros: 95, loadMicros: 120, pushes: 40_000 },
    dispatch: { subjectMicros: 420, sinkMicros: 130, loadMicros: 121, pushes: 36_000 },
  },
};

const compared = {
  checkout: '/tmp/old',
  rps: 1700,
  min: 0.77,
  median: 0.781,
  max: 0.8,
  ratioRuns: [0.781, 0.77, 0.8],
};

const sampled = (rss: number[]) =>
  [0, 1_000, 10_000, 50_000, 100_000].map((deliveries, i) => ({ deliveries, rssMiB: rss[i]! }));

const dispatchTrace = memoryTrace(sampled([90, 106.2, 124, 130.7, 131.7]), 1_000);
const memory: MemoryResult = {
  ...dispatchTrace,
  deliveriesEarly: 1_000,
  deliveriesLate: 100_000,
  forwarder: memoryTrace(sampled([88, 104, 120, 124, 125]), 1_000),
  growthOverForwarder: dispatchTrace.ratio - 125 / 104,
};

const run = (parts: Partial<BenchResults>): BenchResults => ({
  quick: true,
  durationSeconds: 42.04,
  ...parts,
});
const row = (r: BenchResults, prefix: string) => rows(r).find((x) => x.measurement.startsWith(prefix));

describe('the bench report of throughput', () => {
  it('shows the median of the paired runs with their minimum and maximum, against 0.9×', () => {
    expect(row(run({ throughput }), '1. dispatch throughput')).toEqual({
      measurement: '1. dispatch throughput (concurrency 16, median of 3 paired runs)',
      baseline: 'bare forwarder 2,172/s',
      eventq: '1,949/s',
      result: '0.91× (min 0.86×, max 0.95×)',
      target: '≥ 0.9×',
      met: true,
    });
  });

  it('misses the target on the median, not on the best pair', () => {
    const slow = { ...throughput, ratio: 0.88, ratioMax: 0.95 };
    expect(row(run({ throughput: slow }), '1. dispatch throughput')?.met).toBe(false);
  });

  it('writes the median and every pair’s ratio under the contract’s names', () => {
    const json = benchJson(run({ throughput }), rows(run({ throughput })));
    expect(json.dispatchThroughputRatio).toBe(0.912);
    expect(json.dispatchThroughputRatioRuns).toEqual([0.912, 0.861, 0.951]);
    expect(json.dispatchAddedLatencyMsP50).toBe(0.06);
    expect(json).not.toHaveProperty('dispatchThroughputRatioCompared');
  });

  it('shows the CPU per push of each process, dispatch against the forwarder alone and all three together', () => {
    expect(row(run({ throughput }), '1. CPU per push')).toEqual({
      measurement: '1. CPU per push, every round (subject; the sink; the load generator)',
      baseline: 'forwarder 310 µs; 95; 120',
      eventq: '420 µs; 130; 121',
      result: "dispatch 1.35× the forwarder's; all three 1.28×",
      target: 'reported',
      met: undefined,
    });
    const json = benchJson(run({ throughput }), rows(run({ throughput })));
    expect(json.dispatchCpuMicrosPerPush).toEqual(throughput.cpu);
  });

  it('puts a compared build beside this one, against the same forwarder', () => {
    const results = run({ throughput: { ...throughput, compared } });
    expect(row(results, '1. compared build')).toEqual({
      measurement: "1. compared build's dispatch throughput (/tmp/old)",
      baseline: 'bare forwarder 2,172/s',
      eventq: '1,700/s',
      result: '0.78× (min 0.77×, max 0.8×); this build 0.91×',
      target: '—',
      met: undefined,
    });
    const json = benchJson(results, rows(results));
    expect(json.dispatchThroughputRatioCompared).toBe(0.781);
    expect(json.dispatchThroughputRatioComparedRuns).toEqual([0.781, 0.77, 0.8]);
    expect(json.dispatchThroughputComparedCheckout).toBe('/tmp/old');
  });
});

describe('the bench report of memory', () => {
  it('shows both growths and the difference against its +0.05 target', () => {
    expect(row(run({ memory }), '7.')).toEqual({
      measurement: "7. RSS growth 1,000 → 100,000 deliveries, over the forwarder's",
      baseline: 'bare forwarder 104.0 → 125.0 MiB (1.2×; 10k: 120.0, 50k: 124.0)',
      eventq: '106.2 → 131.7 MiB (1.24×; 10k: 124.0, 50k: 130.7)',
      result: '+0.04 (50k→100k: 1.01×)',
      target: '≤ +0.05',
      met: true,
    });
  });

  it('writes memoryGrowthOverForwarder and keeps the samples of both processes', () => {
    const json = benchJson(run({ memory }), rows(run({ memory })));
    expect(json.memoryGrowthOverForwarder).toBe(0.038);
    const detail = json.memory as { samples: unknown[]; forwarder: { samples: unknown[]; ratio: number } };
    expect(detail.samples).toHaveLength(5);
    expect(detail.forwarder.samples).toHaveLength(5);
    expect(detail.forwarder.ratio).toBe(1.202);
  });
});

describe('a run of some of the measurements (--only)', () => {
  it('has only their rows in the table', () => {
    const table = formatTable(rows(run({ throughput })));
    expect(table.split('\n').map((line) => line.split('|')[1]?.trim())).toEqual([
      'measurement',
      expect.stringMatching(/^-+$/),
      '1. dispatch throughput (concurrency 16, median of 3 paired runs)',
      '1. CPU per push, every round (subject; the sink; the load generator)',
      '1. added latency p50 (concurrency 1)',
      '1. added latency p99 (concurrency 1)',
    ]);
  });

  it('writes only their keys, beside machine, quick and durationSeconds', () => {
    const json = benchJson(run({ memory }), rows(run({ memory })));
    expect(Object.keys(json).sort()).toEqual(
      [
        'durationSeconds',
        'machine',
        'measuredAt',
        'memory',
        'memoryGrowthOverForwarder',
        'quick',
        'targetsMet',
      ].sort(),
    );
    expect(json.quick).toBe(true);
    expect(json.durationSeconds).toBe(42);
  });
});
