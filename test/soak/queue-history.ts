// What happened to each queue during the soak, as the fault schedule did it:
// the moments its filters changed, it was paused, deleted, created or
// replayed. Each change is an interval, from the request sent to the answer
// received: the reconciliation treats what it cannot decide inside one as
// expected-either-way (docs/soak.md, "What is expected").
import type { Filter } from '../../functions/src/filters/filter';
import type { EventPredicate } from './soak-plan';

/** Date.now() values: the request was sent at `from`, answered at `to`. */
export interface Interval {
  readonly from: number;
  readonly to: number;
}

export interface FilterChange extends Interval {
  readonly filters: readonly Filter[];
  readonly takes: EventPredicate;
}

export interface Replay extends Interval {
  /** The `since` of the replay: everything published from then on is delivered again. */
  readonly since: number;
}

export interface QueueHistory {
  created?: Interval;
  deleted?: Interval;
  readonly filterChanges: FilterChange[];
  /** From the pause request to the resume's answer. */
  readonly pauses: Interval[];
  readonly replays: Replay[];
}

export function emptyHistory(): QueueHistory {
  return { filterChanges: [], pauses: [], replays: [] };
}

/** The soak's margins, in milliseconds (docs/soak.md explains each). */
export interface EdgeMargins {
  /** dispatch trusts a cached queue definition this long (EVENTQ_QUEUE_CACHE_TTL_MS). */
  readonly queueCacheTtlMs: number;
  /** From a publish call to the push engine holding the message. */
  readonly transitMs: number;
  /**
   * How long an event can still be on its way (in retry) without fault: an
   * event published this long before a change is decided by the queue as it was.
   */
  readonly inFlightHorizonMs: number;
  /** A take this long before a dispatch kill may have been answered to a dispatch that died. */
  readonly restartWindowMs: number;
}

export const SOAK_MARGINS: EdgeMargins = {
  queueCacheTtlMs: 1_000,
  transitMs: 2_000,
  inFlightHorizonMs: 30_000,
  restartWindowMs: 3_000,
};
