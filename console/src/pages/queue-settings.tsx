// A queue's settings: sink, content mode, types, source and filters, saved
// with one PATCH; and pause or resume.
import { useState } from 'preact/hooks';
import { ApiError, queuePath } from '../api';
import { ActionButton } from '../components/action-button';
import { ErrorMessage } from '../components/error-message';
import { TypePicker } from '../components/type-picker';
import { useConsole } from '../console-context';
import { parseFilters } from '../filters-text';
import type { EventType, Queue } from '../queue-types';
import { useLoad } from '../use-load';

export function PauseResume({ queue, onChange }: { readonly queue: Queue; readonly onChange: () => void }) {
  const { api } = useConsole();
  if (queue.status === 'active')
    return (
      <ActionButton
        label="Pause"
        busyLabel="Pausing…"
        confirm={`Pause ${queue.name}? Events are kept and delivered when it resumes.`}
        run={() => api('PATCH', queuePath(queue.name), { status: 'paused' })}
        onDone={onChange}
      />
    );
  return (
    <ActionButton
      label="Resume"
      busyLabel="Resuming…"
      run={() => api('PATCH', queuePath(queue.name), { status: 'active' })}
      onDone={onChange}
    />
  );
}

export function QueueSettings({ queue, onSaved }: { readonly queue: Queue; readonly onSaved: () => void }) {
  const { api } = useConsole();
  const catalog = useLoad(() => api<{ eventTypes: EventType[] }>('GET', '/v1/event-types'), []);
  const [types, setTypes] = useState<string[]>(queue.types ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      await api('PATCH', queuePath(queue.name), {
        ...(queue.kind === 'push' ? { sink: text('sink'), contentMode: text('contentMode') } : {}),
        types,
        source: text('source') || null,
        filters: parseFilters(text('filters')) ?? [],
      });
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'ERR_CONSOLE', String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={submit} aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      {queue.kind === 'push' ? (
        <>
          <label for="settings-sink">Sink URL</label>
          <input id="settings-sink" name="sink" type="url" required value={queue.sink} />
          <label for="settings-content-mode">Content mode</label>
          <select id="settings-content-mode" name="contentMode" value={queue.contentMode}>
            <option value="binary">binary</option>
            <option value="structured">structured</option>
          </select>
        </>
      ) : null}
      <TypePicker catalog={catalog.data?.eventTypes ?? []} selected={types} onChange={setTypes} />
      <label for="settings-source">Source</label>
      <input id="settings-source" name="source" value={queue.source ?? ''} />
      <label for="settings-filters">Filters (JSON)</label>
      <textarea
        id="settings-filters"
        name="filters"
        rows={3}
        value={queue.filters.length > 0 ? JSON.stringify(queue.filters) : ''}
      />
      <ErrorMessage error={error} />
      <div aria-live="polite">{saved ? <p class="ok-text">Saved.</p> : null}</div>
      <button type="submit" class="primary" disabled={busy} aria-busy={busy}>
        {busy ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
