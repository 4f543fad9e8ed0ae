// One queue: what it is and how it is doing, its settings, what can be done
// to it, its delivery counts and its recent failures.
import { useState } from 'preact/hooks';
import { queuePath } from '../api';
import { CountsChart, type Stats, statsCounts } from '../components/counts-chart';
import { ErrorMessage } from '../components/error-message';
import { WeekChart } from '../components/hour-chart';
import { QueueStatus } from '../components/queue-status';
import { TimeText } from '../components/time-text';
import { useConsole } from '../console-context';
import type { Queue } from '../queue-types';
import { hrefOf } from '../router';
import { useLoad } from '../use-load';
import { QueueActions } from './queue-actions';
import { QueueFailures } from './queue-failures';
import { QueueLog } from './queue-log';
import { PauseResume, QueueSettings } from './queue-settings';

/** Both ends given, so that the span is 7 days by the browser's clock and not a little more by the api's. */
function weekStatsPath(name: string): string {
  const to = new Date();
  const from = new Date(to.getTime() - 7 * 86_400_000);
  return `${queuePath(name)}/stats?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&bucket=1h`;
}

export function QueuePage({ name }: { readonly name: string }) {
  const { api, canChange } = useConsole();
  const [generation, setGeneration] = useState(0);
  const changed = () => setGeneration((g) => g + 1);
  const queue = useLoad(() => api<Queue>('GET', queuePath(name)), [name, generation]);
  const stats = useLoad(() => api<Stats>('GET', weekStatsPath(name)), [name, generation]);
  const q = queue.data;
  return (
    <section aria-labelledby="queue-title">
      <p>
        <a href={hrefOf({ page: 'queues' })}>← All queues</a>
      </p>
      <h1 id="queue-title">{name}</h1>
      <ErrorMessage error={queue.error} />
      {q ? (
        <>
          <dl class="facts">
            <dt>Kind</dt>
            <dd>{q.kind}</dd>
            <dt>Status</dt>
            <dd>
              <QueueStatus queue={q} />
            </dd>
            {q.sink ? (
              <>
                <dt>Sink</dt>
                <dd class="sink">{q.sink}</dd>
              </>
            ) : null}
            <dt>Types</dt>
            <dd>{q.types && q.types.length > 0 ? q.types.join(', ') : 'every type'}</dd>
            <dt>Created</dt>
            <dd>
              <TimeText iso={q.createdAt} />
            </dd>
          </dl>
          {canChange ? <PauseResume queue={q} onChange={changed} /> : null}
          <ErrorMessage error={stats.error} />
          {stats.data ? (
            <>
              <WeekChart buckets={stats.data.buckets} />
              <CountsChart title="Deliveries since the queue was created" counts={statsCounts(stats.data)} />
            </>
          ) : null}
          {canChange ? (
            <div class="columns">
              <QueueSettings key={`${q.updatedAt}-${generation}`} queue={q} onSaved={changed} />
              <QueueActions queue={q} onChange={changed} />
            </div>
          ) : null}
          <QueueLog name={name} generation={generation} />
          <QueueFailures name={name} generation={generation} />
        </>
      ) : null}
    </section>
  );
}
