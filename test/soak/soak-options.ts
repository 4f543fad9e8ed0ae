// How long the soak publishes and how fast: the default run (5 minutes), or
// `--quick` (60 s, what CI runs), or `--duration <s>` while developing.
// Parsed once from argv, like the benchmarks' options.
import { parseArgs } from 'node:util';

export interface SoakOptions {
  readonly quick: boolean;
  /** How long events are published; the fault schedule is laid out over it. */
  readonly durationSeconds: number;
  /** Events a second across the tenants (the ordered stream comes on top). */
  readonly ratePerSecond: number;
  /** Events a second on the ordered queue's keys: one push in flight at a time, so kept low. */
  readonly orderedRatePerSecond: number;
  /** The longest the soak waits after publishing for what is still on its way. */
  readonly maxDrainSeconds: number;
}

export const DEFAULT_DURATION_SECONDS = 300;
export const QUICK_DURATION_SECONDS = 60;
/**
 * ~30 deliveries a second through dispatch and ~7 pulled: with both
 * emulators, dispatch, api and this process, about one of the 2 cores (which
 * others share), so that the faults, not the load, decide what happens.
 */
export const DEFAULT_RATE_PER_SECOND = 20;
/** One push in flight at a time: each 5xx costs the whole queue a backoff, so kept low. */
export const ORDERED_RATE_PER_SECOND = 1;

/** A mistake on the command line: printed as it is, without a stack. */
export class SoakUsageError extends Error {
  override readonly name = 'SoakUsageError';
}

const USAGE = 'usage: npm run soak -- [--quick] [--duration <seconds>] [--rate <events per second>]';

function positive(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new SoakUsageError(`--${name}: an integer from ${min} to ${max}, got ${raw}\n${USAGE}`);
  }
  return n;
}

export function parseSoakOptions(argv: readonly string[] = process.argv.slice(2)): SoakOptions {
  let values: { quick?: boolean; duration?: string; rate?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { quick: { type: 'boolean' }, duration: { type: 'string' }, rate: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SoakUsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const quick = values.quick === true;
  const duration = positive('duration', values.duration, 10, 24 * 3600);
  if (quick && duration !== undefined) throw new SoakUsageError(`--quick and --duration: pick one\n${USAGE}`);
  const durationSeconds = duration ?? (quick ? QUICK_DURATION_SECONDS : DEFAULT_DURATION_SECONDS);
  return {
    quick,
    durationSeconds,
    ratePerSecond: positive('rate', values.rate, 1, 1000) ?? DEFAULT_RATE_PER_SECOND,
    orderedRatePerSecond: ORDERED_RATE_PER_SECOND,
    // The drain ends as soon as everything expected arrived (run-soak.ts); this
    // bounds a machine so loaded that the backlog drains slowly.
    maxDrainSeconds: quick ? 120 : 180,
  };
}
