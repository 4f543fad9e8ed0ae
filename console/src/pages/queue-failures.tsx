// A queue's recent failed attempts, newest first, as the API records them.
import { queuePath } from '../api';
import { ErrorMessage } from '../components/error-message';
import { TimeText } from '../components/time-text';
import { useConsole } from '../console-context';
import type { Failure } from '../queue-types';
import { useLoad } from '../use-load';

export function QueueFailures({ name, generation }: { readonly name: string; readonly generation: number }) {
  const { api } = useConsole();
  const failures = useLoad(
    () => api<{ failures: Failure[] }>('GET', `${queuePath(name)}/failures?limit=20`),
    [name, generation],
  );
  const list = failures.data?.failures ?? [];
  return (
    <section aria-labelledby="failures-title">
      <h2 id="failures-title">Recent failures</h2>
      <ErrorMessage error={failures.error} />
      {failures.data && list.length === 0 ? (
        <p class="empty">No failed attempts: every delivery so far was taken.</p>
      ) : null}
      {list.length > 0 ? (
        <div class="table-scroll">
          <table class="list">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Event</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {list.map((f) => (
                <tr key={`${f.time}-${f.eventId}-${f.attempt ?? ''}`}>
                  <td>
                    <TimeText iso={f.time} />
                  </td>
                  <td class="mono">{f.eventId}</td>
                  <td>{f.type}</td>
                  <td>{f.status ?? 'no answer'}</td>
                  <td>{f.error}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
