// The bookkeeping of measurement 1's paired runs, apart from the processes:
// in which order the subjects run in each round, and what the rounds add up
// to. Each round's ratio compares two subjects measured seconds apart, so a
// drift of the machine (another engineer's test suite starting) moves both;
// the median of the rounds' ratios then ignores the one round it hit hardest.
import { median, type Spread, spread } from '../support/stats';

export type Subject = 'forwarder' | 'dispatch' | 'compared';

/** One round: deliveries/s of each subject that ran in it. */
export interface Round {
  readonly forwarder: number;
  readonly dispatch: number;
  readonly compared?: number;
}

/**
 * The order of `round`: as given in even rounds, reversed in odd ones, so that
 * over two rounds every subject has run as often before each other subject as
 * after it, and a steady drift cancels out of every ratio.
 */
export function roundOrder<T>(round: number, subjects: readonly T[]): T[] {
  return round % 2 === 0 ? [...subjects] : [...subjects].reverse();
}

export interface RatioRuns extends Spread {
  /** Each round's ratio, in the order the rounds ran. */
  readonly runs: readonly number[];
}

export interface RoundsSummary {
  readonly forwarderRps: number;
  readonly dispatchRps: number;
  /** dispatch ÷ forwarder, per round; `median` is the figure with the target. */
  readonly ratio: RatioRuns;
  /** The other build's dispatch, when it ran. */
  readonly compared?: { readonly rps: number; readonly ratio: RatioRuns };
}

function ratioRuns(rounds: readonly Round[], subject: 'dispatch' | 'compared'): RatioRuns {
  const runs = rounds.map((r) => r[subject]! / r.forwarder);
  return { ...spread(runs), runs };
}

export function summariseRounds(rounds: readonly Round[]): RoundsSummary {
  if (rounds.length === 0) throw new Error('no throughput round ran');
  const rps = (subject: Subject) => median(rounds.map((r) => r[subject]!));
  const withCompared = rounds.every((r) => r.compared !== undefined);
  return {
    forwarderRps: rps('forwarder'),
    dispatchRps: rps('dispatch'),
    ratio: ratioRuns(rounds, 'dispatch'),
    ...(withCompared ? { compared: { rps: rps('compared'), ratio: ratioRuns(rounds, 'compared') } } : {}),
  };
}
