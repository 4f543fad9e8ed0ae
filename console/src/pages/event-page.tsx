// One event of a queue's message log: its attributes, its data, every
// delivery attempt with the sink's status, latency and answer; and resend
// (the same webhook-id, to this queue only).
import { Fragment } from 'preact';
import { queuePath } from '../api';
import { ActionButton } from '../components/action-button';
import { ErrorMessage } from '../components/error-message';
import { EventData } from '../components/event-data';
import { TimeText } from '../components/time-text';
import { useConsole } from '../console-context';
import type { LogEntryDetail } from '../queue-types';
import { hrefOf } from '../router';
import { useLoad } from '../use-load';

function Attributes({ event }: { readonly event: Record<string, unknown> }) {
  const attributes = Object.entries(event).filter(([key]) => key !== 'data' && key !== 'data_base64');
  return (
    <dl class="facts">
      {attributes.map(([key, value]) => (
        <Fragment key={key}>
          <dt class="mono">{key}</dt>
          <dd class="mono">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

export function EventPage({ queue, webhookId }: { readonly queue: string; readonly webhookId: string }) {
  const { api, canChange } = useConsole();
  const path = `${queuePath(queue)}/events/${encodeURIComponent(webhookId)}`;
  const entry = useLoad(() => api<LogEntryDetail>('GET', path), [path]);
  const e = entry.data;
  return (
    <section aria-labelledby="event-title">
      <p>
        <a href={hrefOf({ page: 'queue', name: queue })}>← Queue {queue}</a>
      </p>
      <h1 id="event-title">Event {e?.id ?? ''}</h1>
      <ErrorMessage error={entry.error} />
      {e ? (
        <>
          <p>
            <span class={`badge log-${e.status}`}>{e.status}</span>
            {e.reason ? ` ${e.reason}` : ''} · published <TimeText iso={e.publishTime} /> · webhook-id{' '}
            <span class="mono">{e.webhookId}</span>
          </p>
          {canChange ? (
            <ActionButton
              label="Resend"
              busyLabel="Resending…"
              confirm={`Deliver event ${e.id} to ${queue} again, with the same webhook-id?`}
              run={() => api<{ webhookId: string }>('POST', `${path}:resend`)}
              result={(r) => <p class="ok-text">Sent again with webhook-id {r.webhookId}.</p>}
              onDone={entry.reload}
            />
          ) : null}
          <h2>Attempts</h2>
          {e.attempts.length === 0 ? <p class="empty">No delivery attempt yet.</p> : null}
          {e.attempts.length > 0 ? (
            <div class="table-scroll">
              <table class="list">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">At</th>
                    <th scope="col">Status</th>
                    <th scope="col">Latency</th>
                    <th scope="col">Sink's answer</th>
                  </tr>
                </thead>
                <tbody>
                  {e.attempts.map((a) => (
                    <tr key={`${a.attempt}-${a.at}`}>
                      <td>{a.attempt}</td>
                      <td>
                        <TimeText iso={a.at} />
                      </td>
                      <td>{a.status ?? 'no answer'}</td>
                      <td>{Math.round(a.latencyMs)} ms</td>
                      <td class="mono">{[a.error, a.responseExcerpt].filter(Boolean).join(' · ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <h2>Attributes</h2>
          {e.event ? <Attributes event={e.event} /> : null}
          <h2>Data</h2>
          {e.dataOmitted ? (
            <p class="empty">The data ({e.dataSize ?? '?'} bytes) was larger than the log keeps.</p>
          ) : e.event ? (
            <EventData event={e.event} />
          ) : null}
        </>
      ) : null}
    </section>
  );
}
