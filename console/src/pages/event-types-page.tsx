// The event-type catalog: each type, what it means, its JSON Schema and an example payload.

import { ErrorMessage } from '../components/error-message';
import { useConsole } from '../console-context';
import { examplePayload } from '../example-payload';
import type { EventType } from '../queue-types';
import { useLoad } from '../use-load';

export function EventTypesPage() {
  const { api } = useConsole();
  const catalog = useLoad(() => api<{ eventTypes: EventType[] }>('GET', '/v1/event-types'), []);
  const list = catalog.data?.eventTypes ?? [];
  // The platform's types first, then eventq's operational ones under a heading of their own.
  const platform = list.filter((t) => t.category === undefined);
  const operational = list.filter((t) => t.category === 'operational');
  return (
    <section aria-labelledby="types-title">
      <h1 id="types-title">Event types</h1>
      <ErrorMessage error={catalog.error} />
      {catalog.data && list.length === 0 ? (
        <p class="empty">The platform has no event types in its catalog.</p>
      ) : null}
      {platform.map(typeCard)}
      {operational.length > 0 ? (
        <>
          <h2 id="operational-title">Operational events</h2>
          <p>What eventq says about your queues and tokens: read them with a queue on the ops stream.</p>
          {operational.map(typeCard)}
        </>
      ) : null}
    </section>
  );
}

function typeCard(t: EventType) {
  return (
    <article key={t.type} class="card" aria-labelledby={`type-${t.type}`}>
      <h2 id={`type-${t.type}`} class="mono">
        {t.type}
      </h2>
      <p>{t.description}</p>
      <details>
        <summary>Example payload</summary>
        <pre>{JSON.stringify(examplePayload(t.schema), null, 2)}</pre>
      </details>
      <details>
        <summary>JSON Schema</summary>
        <pre>{JSON.stringify(t.schema, null, 2)}</pre>
      </details>
    </article>
  );
}
