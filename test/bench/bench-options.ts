// What a benchmark run measures and for how long: the full run (< 5 minutes)
// or `--quick`, the short version CI runs so that the benchmarks never rot.

export interface BenchOptions {
  readonly quick: boolean;
  /** Fixed concurrency of the throughput phase. */
  readonly concurrency: number;
  /** Per subject and round: warm-up, then the measured window. */
  readonly throughputWarmupMs: number;
  readonly throughputMs: number;
  /** Rounds alternate baseline and dispatch, so that drift of the machine hits both. */
  readonly rounds: number;
  /** Requests per subject and round of the latency phase (concurrency 1). */
  readonly latencyRequests: number;
  readonly coldStarts: number;
  readonly endToEndEvents: number;
  readonly fanOutSizes: readonly number[];
  readonly fanOutRepeats: number;
  readonly memoryEarly: number;
  readonly memoryLate: number;
  /** Further RSS samples between early and late, so that settling shows apart from growth. */
  readonly memoryBetween: readonly number[];
  readonly microBenchMs: number;
}

const FULL: BenchOptions = {
  quick: false,
  concurrency: 16,
  throughputWarmupMs: 1_500,
  throughputMs: 4_000,
  rounds: 2,
  latencyRequests: 3_000,
  coldStarts: 7,
  endToEndEvents: 250,
  fanOutSizes: [1, 10, 100, 1_000],
  fanOutRepeats: 3,
  memoryEarly: 1_000,
  memoryLate: 100_000,
  memoryBetween: [10_000, 50_000],
  microBenchMs: 1_000,
};

const QUICK: BenchOptions = {
  quick: true,
  concurrency: 16,
  throughputWarmupMs: 500,
  throughputMs: 1_500,
  rounds: 1,
  latencyRequests: 500,
  coldStarts: 3,
  endToEndEvents: 40,
  fanOutSizes: [1, 10, 100],
  fanOutRepeats: 1,
  memoryEarly: 1_000,
  memoryLate: 10_000,
  memoryBetween: [5_000],
  microBenchMs: 250,
};

export function parseBenchOptions(argv: readonly string[] = process.argv.slice(2)): BenchOptions {
  for (const arg of argv) {
    if (arg !== '--quick') throw new Error(`unknown argument ${arg}: the only option is --quick`);
  }
  return argv.includes('--quick') ? QUICK : FULL;
}
