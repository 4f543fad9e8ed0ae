// A queue's message log: every event that reached it, newest first, searched
// by status, type, subject and time as the API searches (GET
// /v1/queues/{name}/events), a page at a time; every entry of a search can be
// resent at once (bulk-resend.tsx).
import { useState } from 'preact/hooks';
import { queuePath } from '../api';
import { ErrorMessage } from '../components/error-message';
import { TimeText } from '../components/time-text';
import { useConsole } from '../console-context';
import { type LogSearch, NO_SEARCH, searchFields } from '../log-search';
import type { LogEntry } from '../queue-types';
import { hrefOf } from '../router';
import { useLoad } from '../use-load';
import { BulkResend } from './bulk-resend';

const STATUSES = ['delivered', 'failing', 'dead-lettered', 'filtered', 'invalid'] as const;

type Search = LogSearch;

function queryOf(search: Search, pageToken: string | undefined): string {
  const params = new URLSearchParams(searchFields(search));
  params.set('limit', '25');
  if (pageToken) params.set('pageToken', pageToken);
  return params.toString();
}

export function QueueLog({ name, generation }: { readonly name: string; readonly generation: number }) {
  const { api, canChange } = useConsole();
  const [search, setSearch] = useState<Search>(NO_SEARCH);
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const pageToken = pages[pages.length - 1];
  const log = useLoad(
    () =>
      api<{ events: LogEntry[]; nextPageToken?: string }>(
        'GET',
        `${queuePath(name)}/events?${queryOf(search, pageToken)}`,
      ),
    [name, generation, search, pageToken],
  );
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const next = { ...NO_SEARCH };
    for (const key of Object.keys(NO_SEARCH) as (keyof Search)[])
      next[key] = String(form.get(key) ?? '').trim();
    setSearch(next);
    setPages([undefined]);
  };
  const list = log.data?.events ?? [];
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">Message log</h2>
      <form class="search" onSubmit={submit} aria-label="Search the message log">
        <label>
          Status
          <select name="status">
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type <input name="type" />
        </label>
        <label>
          Subject <input name="subject" placeholder="/devices/*" />
        </label>
        <label>
          Since <input name="since" type="datetime-local" />
        </label>
        <label>
          Until <input name="until" type="datetime-local" />
        </label>
        <button type="submit">Search</button>
      </form>
      <ErrorMessage error={log.error} />
      {canChange && list.length > 0 ? (
        <BulkResend key={JSON.stringify(search)} name={name} search={search} />
      ) : null}
      {log.data && list.length === 0 ? (
        <p class="empty">No events match. Events appear here a moment after they reach the queue.</p>
      ) : null}
      {list.length > 0 ? (
        <div class="table-scroll">
          <table class="list">
            <thead>
              <tr>
                <th scope="col">Published</th>
                <th scope="col">Type</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.webhookId}>
                  <td>
                    <a href={hrefOf({ page: 'event', queue: name, webhookId: e.webhookId })}>
                      <TimeText iso={e.publishTime} />
                    </a>
                  </td>
                  <td>{e.type}</td>
                  <td class="mono">{e.subject ?? ''}</td>
                  <td>
                    <span class={`badge log-${e.status}`}>{e.status}</span>
                  </td>
                  <td>{e.attemptCount}</td>
                  <td>{e.lastAttempt ? (e.lastAttempt.status ?? e.lastAttempt.error ?? 'no answer') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div class="pager">
        {pages.length > 1 ? (
          <button type="button" onClick={() => setPages(pages.slice(0, -1))}>
            Newer
          </button>
        ) : null}
        {log.data?.nextPageToken ? (
          <button type="button" onClick={() => setPages([...pages, log.data?.nextPageToken])}>
            Older
          </button>
        ) : null}
      </div>
    </section>
  );
}
