// Whether one queue should receive one published event: expected (it must
// arrive: otherwise it is lost), not (it must not: otherwise it is
// unexpected), or either (published while the queue changed, so that
// whichever definition dispatch held when it pushed decides). The rules are
// those of docs/soak.md, "What is expected".
import type { EdgeMargins, QueueHistory } from './queue-history';
import type { SoakEvent, SoakQueueSpec } from './soak-plan';

export type Expectation = 'expected' | 'either' | 'not';

export interface PublishedEvent extends SoakEvent {
  /** Date.now() just before the publish call. */
  readonly publishedAt: number;
}

const verdict = (takes: boolean): Expectation => (takes ? 'expected' : 'not');

/**
 * The newest publish time among the events the queue took before a moment:
 * how far its backlog had got. An event published well before that, and not
 * taken, is not merely late (the horizon allows for its retries).
 */
export type QueueProgress = (moment: number) => number;

/**
 * What the queue's filters say, through their changes. A change takes effect
 * in dispatch between its request and the answer plus the cache TTL; an event
 * published inside that window may meet either filter. An event published
 * before it that the old filter takes, that was not taken before the change,
 * and that was not decided long before (it was published within the horizon
 * of how far the queue had got) may be retried after the change and meet the
 * new filter: either as well.
 */
export function filterExpectation(
  event: PublishedEvent,
  spec: SoakQueueSpec,
  history: QueueHistory,
  firstTakeAt: number | undefined,
  progress: QueueProgress,
  margins: EdgeMargins,
): Expectation {
  const t = event.publishedAt;
  let current = spec.takes;
  for (const change of history.filterChanges) {
    const before = current(event);
    const after = change.takes(event);
    if (before !== after) {
      if (t < progress(change.from) - margins.inFlightHorizonMs) return verdict(before);
      if (t < change.from) {
        const takenBefore = firstTakeAt !== undefined && firstTakeAt < change.from;
        return before && takenBefore ? 'expected' : 'either';
      }
      if (t <= change.to + margins.queueCacheTtlMs + margins.transitMs) return 'either';
    }
    current = change.takes;
  }
  return verdict(current(event));
}

/** Creation and deletion mid-stream: before creation and after deletion nothing, around each either. */
function lifetimeExpectation(
  t: number,
  history: QueueHistory,
  progress: QueueProgress,
  margins: EdgeMargins,
): Expectation {
  const { created, deleted } = history;
  if (created) {
    if (t < created.from - margins.transitMs) return 'not';
    if (t <= created.to + margins.transitMs) return 'either';
  }
  if (deleted) {
    if (t > deleted.to + margins.transitMs) return 'not';
    if (t >= Math.min(deleted.from, progress(deleted.from)) - margins.inFlightHorizonMs) return 'either';
  }
  return 'expected';
}

export function expectationOf(
  event: PublishedEvent,
  spec: SoakQueueSpec,
  history: QueueHistory,
  firstTakeAt: number | undefined,
  progress: QueueProgress,
  margins: EdgeMargins,
): Expectation {
  if (event.tenant !== spec.tenant) return 'not';
  const byFilter = filterExpectation(event, spec, history, firstTakeAt, progress, margins);
  if (byFilter === 'not') return 'not';
  const byLifetime = lifetimeExpectation(event.publishedAt, history, progress, margins);
  if (byLifetime === 'not') return 'not';
  return byLifetime === 'either' ? 'either' : byFilter;
}

/** Waiting that the queue was asked for (a pause): its events' latency says nothing about delivery. */
export function wasHeldByPause(event: PublishedEvent, history: QueueHistory, firstTakeAt: number): boolean {
  return history.pauses.some((p) => event.publishedAt <= p.to && firstTakeAt >= p.from);
}
