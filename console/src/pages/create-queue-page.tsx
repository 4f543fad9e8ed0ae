// Create a push or pull queue. A push queue's sink must pass the CloudEvents
// validation handshake first; its secret, or a pull queue's credentials, are
// shown once, here.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { ErrorMessage } from '../components/error-message';
import { OnceSecret } from '../components/once-secret';
import { TypePicker } from '../components/type-picker';
import { useConsole } from '../console-context';
import { parseFilters } from '../filters-text';
import type { CreatedQueue, EventType } from '../queue-types';
import { hrefOf } from '../router';
import { useLoad } from '../use-load';

function Created({ queue }: { readonly queue: CreatedQueue }) {
  return (
    <section class="panel" aria-labelledby="created-title">
      <h2 id="created-title">Queue {queue.name} created</h2>
      {queue.kind === 'push' ? (
        <p>
          The sink {queue.sink} passed the validation handshake
          {queue.allowedRate ? ` and allows ${queue.allowedRate} deliveries a minute` : ''}.
        </p>
      ) : null}
      {queue.secret ? <OnceSecret label="Signing secret" value={queue.secret} /> : null}
      {queue.credentials ? (
        <OnceSecret label="Pull credentials" value={JSON.stringify(queue.credentials, null, 2)} />
      ) : null}
      <p>
        <a href={hrefOf({ page: 'queue', name: queue.name })}>Open queue {queue.name}</a>
      </p>
    </section>
  );
}

export function CreateQueuePage() {
  const { api } = useConsole();
  const catalog = useLoad(() => api<{ eventTypes: EventType[] }>('GET', '/v1/event-types'), []);
  const [kind, setKind] = useState<'push' | 'pull'>('push');
  const [types, setTypes] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [created, setCreated] = useState<CreatedQueue>();

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setError(undefined);
    setBusy(true);
    try {
      const body = {
        name: text('name'),
        kind,
        ...(kind === 'push' ? { sink: text('sink'), contentMode: text('contentMode') || 'binary' } : {}),
        ...(types.length > 0 ? { types } : {}),
        ...(text('source') ? { source: text('source') } : {}),
        ...(parseFilters(text('filters')) ? { filters: parseFilters(text('filters')) } : {}),
      };
      setCreated(await api<CreatedQueue>('POST', '/v1/queues', body));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'ERR_CONSOLE', String(e)));
    } finally {
      setBusy(false);
    }
  };

  if (created) return <Created queue={created} />;
  return (
    <section aria-labelledby="create-title">
      <h1 id="create-title">Create a queue</h1>
      <form class="form" onSubmit={submit}>
        <label for="queue-name">Name</label>
        <input id="queue-name" name="name" required pattern="[a-z][a-z0-9\-]{0,62}" autoComplete="off" />
        <fieldset>
          <legend>Kind</legend>
          <label class="check">
            <input type="radio" name="kind" checked={kind === 'push'} onChange={() => setKind('push')} />{' '}
            Push: eventq posts each event to your webhook
          </label>
          <label class="check">
            <input type="radio" name="kind" checked={kind === 'pull'} onChange={() => setKind('pull')} />{' '}
            Pull: your Pub/Sub client pulls them
          </label>
        </fieldset>
        {kind === 'push' ? (
          <>
            <label for="queue-sink">Sink URL</label>
            <input
              id="queue-sink"
              name="sink"
              type="url"
              required
              placeholder="https://hooks.example.com/eventq"
            />
            <label for="queue-content-mode">Content mode</label>
            <select id="queue-content-mode" name="contentMode">
              <option value="binary">binary (ce-* headers)</option>
              <option value="structured">structured (application/cloudevents+json)</option>
            </select>
          </>
        ) : null}
        <TypePicker catalog={catalog.data?.eventTypes ?? []} selected={types} onChange={setTypes} />
        <label for="queue-source">Source (optional)</label>
        <input id="queue-source" name="source" placeholder="/devices" />
        <label for="queue-filters">Filters (optional, JSON)</label>
        <textarea
          id="queue-filters"
          name="filters"
          rows={3}
          placeholder='[{"prefix": {"subject": "/devices/"}}]'
        />
        <ErrorMessage error={error ?? catalog.error} />
        <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
          {busy ? (kind === 'push' ? 'Checking the sink and creating…' : 'Creating…') : 'Create queue'}
        </button>
      </form>
    </section>
  );
}
