// Why a receiver took an event again, where the soak can tell: the replay it
// asked for, a retry after the sink answered too late (dispatch had given up
// and Pub/Sub pushed again), or a dispatch that was killed after the sink took
// the event and before Pub/Sub heard so. Anything else is `other`.
import type { PublishedEvent } from './expectation';
import type { EdgeMargins, QueueHistory } from './queue-history';
import type { Take } from './soak-takes';

export type DuplicateCause = 'replay' | 'retryAfterTimeout' | 'restart' | 'other';

export const DUPLICATE_CAUSES: readonly DuplicateCause[] = [
  'replay',
  'retryAfterTimeout',
  'restart',
  'other',
];

/** The cause of each take after the first, in order (`takes` sorted by time, of one event and queue). */
export function duplicateCauses(
  event: PublishedEvent,
  takes: readonly Take[],
  history: QueueHistory,
  dispatchKills: readonly number[],
  margins: EdgeMargins,
): DuplicateCause[] {
  const causes: DuplicateCause[] = [];
  const replaysUsed = new Set<number>();
  for (let i = 1; i < takes.length; i++) {
    const take = takes[i]!;
    const previous = takes[i - 1]!;
    const replay = history.replays.findIndex(
      (r, index) =>
        !replaysUsed.has(index) &&
        event.publishedAt >= r.since - margins.transitMs &&
        event.publishedAt <= r.to &&
        take.at >= r.from,
    );
    if (replay !== -1) {
      replaysUsed.add(replay);
      causes.push('replay');
    } else if (previous.late) {
      causes.push('retryAfterTimeout');
    } else if (dispatchKills.some((k) => previous.at >= k - margins.restartWindowMs && previous.at <= k)) {
      causes.push('restart');
    } else {
      causes.push('other');
    }
  }
  return causes;
}
