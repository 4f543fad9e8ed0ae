// The soak's verdict: what was published against what every receiver took,
// per queue, under the expectation rules (expectation.ts). Pure: the run
// collects, this counts.
import { percentile, sortedCopy } from '../bench/support/stats';
import { DUPLICATE_CAUSES, type DuplicateCause, duplicateCauses } from './duplicate-causes';
import {
  type Expectation,
  expectationOf,
  type PublishedEvent,
  type QueueProgress,
  wasHeldByPause,
} from './expectation';
import { type FirstTake, type OrderViolation, orderViolations } from './order-check';
import { type EdgeMargins, emptyHistory, type QueueHistory } from './queue-history';
import { queueKey, type SoakQueueSpec } from './soak-plan';
import type { Take } from './soak-takes';

export interface DeadLetterSeen {
  /** tenant/queue */
  readonly queue: string;
  readonly eventId: string;
  readonly reason: string;
}

export interface ReconcileInput {
  readonly published: readonly PublishedEvent[];
  readonly queues: readonly SoakQueueSpec[];
  readonly history: ReadonlyMap<string, QueueHistory>;
  readonly takes: readonly Take[];
  readonly deadLetters: readonly DeadLetterSeen[];
  readonly dispatchKills: readonly number[];
  readonly margins: EdgeMargins;
}

export interface Pair {
  readonly queue: string;
  readonly eventId: string;
}

export interface DuplicateExample extends Pair {
  readonly takesMs: string[];
}

const EXAMPLES_PER_CAUSE = 5;

export interface QueueTally {
  expected: number;
  delivered: number;
  lost: number;
  eitherWay: number;
  eitherWayDelivered: number;
  unexpected: number;
  duplicates: number;
}

export interface Reconciliation {
  readonly published: number;
  readonly expectedDeliveries: number;
  /** Expected deliveries that arrived (each pair once). */
  readonly delivered: number;
  readonly lost: readonly Pair[];
  readonly eitherWay: { readonly count: number; readonly delivered: number };
  /** Taken although the queue must not have received it (a filter that leaked, a deleted queue that kept going). */
  readonly unexpected: readonly Pair[];
  readonly duplicates: {
    readonly count: number;
    /** Duplicates ÷ distinct deliveries. */
    readonly rate: number;
    readonly byCause: Record<DuplicateCause, number>;
    /** A few of each cause: the takes of the event, in ms after its publish ('late': answered too late). */
    readonly examples: Record<DuplicateCause, DuplicateExample[]>;
  };
  readonly orderViolations: readonly OrderViolation[];
  readonly deadLettered: readonly (DeadLetterSeen & { readonly expectation: Expectation | 'unknown' })[];
  readonly latencyMs: {
    readonly p50: number;
    readonly p95: number;
    readonly p99: number;
    readonly max: number;
    readonly samples: number;
  };
  readonly perQueue: Record<string, QueueTally>;
}

const pairKey = (queue: string, eventId: string) => `${queue}\n${eventId}`;

function groupTakes(takes: readonly Take[]): Map<string, Take[]> {
  const byPair = new Map<string, Take[]>();
  for (const take of takes) {
    const key = pairKey(take.queue, take.eventId);
    const list = byPair.get(key);
    if (list) list.push(take);
    else byPair.set(key, [take]);
  }
  for (const list of byPair.values()) list.sort((a, b) => a.at - b.at);
  return byPair;
}

/** How far the queue had got at each moment: the newest publish time among its takes before it. */
function queueProgress(
  queue: string,
  published: readonly PublishedEvent[],
  takesByPair: ReadonlyMap<string, Take[]>,
): QueueProgress {
  const firsts: { at: number; publishedAt: number }[] = [];
  for (const event of published) {
    const first = takesByPair.get(pairKey(queue, event.id))?.[0];
    if (first) firsts.push({ at: first.at, publishedAt: event.publishedAt });
  }
  // Asked for a few moments (its changes), once per event: remembered per moment.
  const known = new Map<number, number>();
  return (moment) => {
    let newest = known.get(moment);
    if (newest === undefined) {
      newest = Number.NEGATIVE_INFINITY;
      for (const f of firsts) if (f.at < moment && f.publishedAt > newest) newest = f.publishedAt;
      known.set(moment, newest);
    }
    return newest;
  };
}

const newTally = (): QueueTally => ({
  expected: 0,
  delivered: 0,
  lost: 0,
  eitherWay: 0,
  eitherWayDelivered: 0,
  unexpected: 0,
  duplicates: 0,
});

export function reconcile(input: ReconcileInput): Reconciliation {
  const takesByPair = groupTakes(input.takes);
  const deadByPair = new Map(input.deadLetters.map((d) => [pairKey(d.queue, d.eventId), d]));
  const lost: Pair[] = [];
  const unexpected: Pair[] = [];
  const byCause = Object.fromEntries(DUPLICATE_CAUSES.map((c) => [c, 0])) as Record<DuplicateCause, number>;
  const examples = Object.fromEntries(DUPLICATE_CAUSES.map((c) => [c, []])) as unknown as Record<
    DuplicateCause,
    DuplicateExample[]
  >;
  const latencies: number[] = [];
  const firstTakes: FirstTake[] = [];
  const perQueue: Record<string, QueueTally> = {};
  const expectations = new Map<string, Expectation>();
  let expected = 0;
  let delivered = 0;
  let either = 0;
  let eitherDelivered = 0;
  let duplicates = 0;
  let distinct = 0;

  for (const spec of input.queues) {
    const key = queueKey(spec);
    const history = input.history.get(key) ?? emptyHistory();
    const progress = queueProgress(key, input.published, takesByPair);
    const tally = newTally();
    perQueue[key] = tally;
    for (const event of input.published) {
      if (event.tenant !== spec.tenant) continue;
      const takes = takesByPair.get(pairKey(key, event.id)) ?? [];
      const first = takes[0];
      const expectation = expectationOf(event, spec, history, first?.at, progress, input.margins);
      expectations.set(pairKey(key, event.id), expectation);
      if (expectation === 'not') {
        if (first) {
          unexpected.push({ queue: key, eventId: event.id });
          tally.unexpected++;
        }
        continue;
      }
      if (expectation === 'expected') {
        expected++;
        tally.expected++;
        if (first) {
          delivered++;
          tally.delivered++;
          if (!wasHeldByPause(event, history, first.at)) latencies.push(first.at - event.publishedAt);
        } else if (!deadByPair.has(pairKey(key, event.id))) {
          lost.push({ queue: key, eventId: event.id });
          tally.lost++;
        }
      } else {
        either++;
        tally.eitherWay++;
        if (first) {
          eitherDelivered++;
          tally.eitherWayDelivered++;
        }
      }
      if (!first) continue;
      distinct++;
      if (spec.ordered && event.seq !== undefined) {
        firstTakes.push({ eventId: event.id, key: event.subject, seq: event.seq, at: first.at });
      }
      for (const cause of duplicateCauses(event, takes, history, input.dispatchKills, input.margins)) {
        byCause[cause]++;
        if (
          examples[cause].length < EXAMPLES_PER_CAUSE &&
          !examples[cause].some((x) => x.eventId === event.id)
        ) {
          const takesMs = takes.map((t) => `${t.at - event.publishedAt}${t.late ? ' late' : ''}`);
          examples[cause].push({ queue: key, eventId: event.id, takesMs });
        }
        duplicates++;
        tally.duplicates++;
      }
    }
  }

  const sorted = sortedCopy(latencies);
  return {
    published: input.published.length,
    expectedDeliveries: expected,
    delivered,
    lost,
    eitherWay: { count: either, delivered: eitherDelivered },
    unexpected,
    duplicates: { count: duplicates, rate: distinct === 0 ? 0 : duplicates / distinct, byCause, examples },
    orderViolations: orderViolations(firstTakes),
    deadLettered: input.deadLetters.map((d) => ({
      ...d,
      expectation: expectations.get(pairKey(d.queue, d.eventId)) ?? 'unknown',
    })),
    latencyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
      samples: sorted.length,
    },
    perQueue,
  };
}
