// What a replay did and what it is doing: the API's :replay seeks the
// queue's subscription and answers at once, so the redeliveries that follow
// are watched in the queue's counters (GET /stats), which dispatch flushes
// every few seconds.
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api';
import { queuePath } from '../api';
import type { Stats } from '../components/counts-chart';
import { ErrorMessage } from '../components/error-message';
import { TimeText } from '../components/time-text';
import { useConsole } from '../console-context';

const POLL_MS = 3_000;
/** Watching stops after this long without a new delivery. */
const QUIET_MS = 30_000;

export interface ReplayStarted {
  readonly since: string;
  /** The queue's delivered and failed totals just before the seek. */
  readonly before: { readonly delivered: number; readonly failedAttempts: number };
}

export function ReplayProgress({
  name,
  started,
}: {
  readonly name: string;
  readonly started: ReplayStarted;
}) {
  const { api } = useConsole();
  const [now, setNow] = useState(started.before);
  const [watching, setWatching] = useState(true);
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    let lastChange = Date.now();
    let last = started.before.delivered + started.before.failedAttempts;
    const timer = setInterval(async () => {
      try {
        const stats = await api<Stats>('GET', `${queuePath(name)}/stats`);
        setNow({ delivered: stats.delivered, failedAttempts: stats.failedAttempts });
        const seen = stats.delivered + stats.failedAttempts;
        if (seen !== last) {
          last = seen;
          lastChange = Date.now();
        } else if (Date.now() - lastChange > QUIET_MS) {
          clearInterval(timer);
          setWatching(false);
        }
      } catch (e) {
        setError(e as ApiError);
        clearInterval(timer);
        setWatching(false);
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [name, started]);
  const delivered = now.delivered - started.before.delivered;
  const failed = now.failedAttempts - started.before.failedAttempts;
  return (
    <div class="progress" aria-live="polite">
      <p class="ok-text">
        Seek done: Pub/Sub delivers again every event published since <TimeText iso={started.since} />, each
        with its webhook-id.
      </p>
      <p>
        Since the replay began: <strong>{delivered.toLocaleString()}</strong> delivered,{' '}
        {failed.toLocaleString()} failed attempt{failed === 1 ? '' : 's'}
        {watching ? ' (watching; counts lag a few seconds)' : ' (no new deliveries for 30 s)'}.
      </p>
      <ErrorMessage error={error} />
    </div>
  );
}
