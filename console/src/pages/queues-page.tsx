// Queues: every queue of the tenant, its kind, status, sink and health, and
// its deliveries and failures of the last 24 hours at a glance.
import { queuePath } from '../api';
import type { Stats } from '../components/counts-chart';
import { ErrorMessage } from '../components/error-message';
import { DaySparkline } from '../components/hour-chart';
import { QueueStatus } from '../components/queue-status';
import { useConsole } from '../console-context';
import type { Queue } from '../queue-types';
import { hrefOf } from '../router';
import { useLoad } from '../use-load';

function QueueCounts({ name }: { readonly name: string }) {
  const { api } = useConsole();
  const stats = useLoad(() => api<Stats>('GET', `${queuePath(name)}/stats`), [name]);
  if (stats.error) return <ErrorMessage error={stats.error} />;
  if (!stats.data) return <span class="muted">…</span>;
  // The API's default span: the last 24 hours, in hour buckets.
  return <DaySparkline buckets={stats.data.buckets} />;
}

export function QueuesPage() {
  const { api, canChange } = useConsole();
  const queues = useLoad(() => api<{ queues: Queue[] }>('GET', '/v1/queues'), []);
  const list = queues.data?.queues ?? [];
  return (
    <section aria-labelledby="queues-title">
      <div class="title-row">
        <h1 id="queues-title">Queues</h1>
        {canChange ? (
          <a class="button primary" href={hrefOf({ page: 'create-queue' })}>
            Create a queue
          </a>
        ) : null}
      </div>
      <ErrorMessage error={queues.error} />
      {queues.loading && !queues.data ? <p class="muted">Loading queues…</p> : null}
      {queues.data && list.length === 0 ? (
        <p class="empty">
          No queues yet.{' '}
          {canChange
            ? 'Create one: a push queue posts each event to your webhook, a pull queue keeps them for your Pub/Sub client.'
            : 'Ask someone with a manage session to create one.'}
        </p>
      ) : null}
      <ul class="cards">
        {list.map((q) => (
          <li key={q.name} class="card">
            <h2>
              <a href={hrefOf({ page: 'queue', name: q.name })}>{q.name}</a>
            </h2>
            <p>
              <span class="kind">{q.kind}</span> <QueueStatus queue={q} />
            </p>
            {q.sink ? <p class="sink">{q.sink}</p> : null}
            <QueueCounts name={q.name} />
          </li>
        ))}
      </ul>
      {list.length > 0 ? (
        <p class="note muted">
          Green bars: deliveries per hour; red, below the line: failed attempts. Counts lag by a few seconds.
        </p>
      ) : null}
    </section>
  );
}
