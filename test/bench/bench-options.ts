// What a benchmark run measures and for how long: the full run (about 4
// minutes) or `--quick`, the short version CI runs so that the benchmarks never
// rot; `--only` picks measurements, `--compare-dispatch` adds another build's
// dispatch to the throughput rounds. Parsed once, from argv and the
// environment, like the Functions Framework's own options.
import path from 'node:path';
import { parseArgs } from 'node:util';

/** The names `--only` accepts, in the order of the table. */
export const MEASUREMENTS = [
  'throughput',
  'cold-start',
  'end-to-end',
  'fan-out',
  'token-verification',
  'validation',
  'memory',
  'message-log',
  'large-events',
  'cesql',
  'log-search',
  'sql-filter',
] as const;

export type MeasurementName = (typeof MEASUREMENTS)[number];

export interface BenchOptions {
  readonly quick: boolean;
  /** The measurements to run: all of them unless `--only` names some. */
  readonly only: ReadonlySet<MeasurementName>;
  /** Another built checkout of eventq whose dispatch joins every throughput round. */
  readonly compareDispatch: string | undefined;
  /** Fixed concurrency of the throughput phase. */
  readonly concurrency: number;
  /** Per subject and round: warm-up, then the measured window. */
  readonly throughputWarmupMs: number;
  readonly throughputMs: number;
  /**
   * Paired runs of the throughput phase (forwarder and dispatch under the same
   * load, in alternating order); the figure is the median of their ratios,
   * because one pair on a 2-core machine swings by ±0.1.
   */
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

type Preset = Omit<BenchOptions, 'only' | 'compareDispatch'>;

const FULL: Preset = {
  quick: false,
  concurrency: 16,
  throughputWarmupMs: 1_500,
  throughputMs: 4_000,
  rounds: 5,
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

const QUICK: Preset = {
  quick: true,
  concurrency: 16,
  throughputWarmupMs: 500,
  throughputMs: 1_500,
  rounds: 2,
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

/** A mistake on the command line: printed as it is, without a stack. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

const USAGE = 'usage: npm run bench -- [--quick] [--only <name>[,<name>...]] [--compare-dispatch <dir>]';

export function parseBenchOptions(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): BenchOptions {
  let values: { quick?: boolean; only?: string; 'compare-dispatch'?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        'compare-dispatch': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BenchUsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const only = parseOnly(values.only);
  const compare = values['compare-dispatch'];
  if (compare !== undefined && !only.has('throughput') && !only.has('large-events')) {
    throw new BenchUsageError(
      '--compare-dispatch compares throughput and large events: add throughput or large-events to --only',
    );
  }
  return {
    ...(values.quick ? QUICK : FULL),
    only,
    // `npm run` changes into the package; a relative path means the caller's directory.
    compareDispatch: compare === undefined ? undefined : path.resolve(env.INIT_CWD ?? process.cwd(), compare),
  };
}

function parseOnly(list: string | undefined): ReadonlySet<MeasurementName> {
  if (list === undefined) return new Set(MEASUREMENTS);
  const names = list
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const unknown = names.filter((n) => !(MEASUREMENTS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    const what = unknown.length > 0 ? `unknown measurement ${unknown.join(', ')}` : '--only names nothing';
    throw new BenchUsageError(`${what}; valid names: ${MEASUREMENTS.join(', ')}`);
  }
  return new Set(names as MeasurementName[]);
}
