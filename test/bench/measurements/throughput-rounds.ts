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
 * after it, and a steady drift cancels out of every ratio. With three
 * subjects, every other pair of rounds also swaps the last two, so that the
 * two dispatch builds of a before-and-after comparison take the middle place
 * equally often: with dispatch always in the middle, an A/A comparison of one
 * build with itself put the `compared` slot 3–7 % higher in CPU per push.
 */
export function roundOrder<T>(round: number, subjects: readonly T[]): T[] {
  const swapped = subjects.length === 3 && Math.floor(round / 2) % 2 === 1;
  const base = swapped ? [subjects[0]!, subjects[2]!, subjects[1]!] : [...subjects];
  return round % 2 === 0 ? base : base.reverse();
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
