// What a tenant does to a queue: rotate its secret (the new one shown once),
// send a test event and see the sink's answer, replay since a time, and
// redrive its dead letters (batch after batch, with progress).
import { useState } from 'preact/hooks';
import { queuePath } from '../api';
import { ActionButton } from '../components/action-button';
import type { Stats } from '../components/counts-chart';
import { OnceSecret } from '../components/once-secret';
import { TimeText } from '../components/time-text';
import { useConsole } from '../console-context';
import type { Queue } from '../queue-types';
import { ReplayProgress, type ReplayStarted } from './replay-progress';

interface TestResult {
  readonly status: number;
  readonly latencyMs: number;
  readonly webhookId?: string;
  readonly error?: string;
}

interface RedriveResult {
  readonly redriven: number;
  readonly skippedInvalid?: number;
  readonly more: boolean;
}

/** The value of a datetime-local input one hour ago, in the browser's zone. */
function anHourAgo(): string {
  const d = new Date(Date.now() - 3600_000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

export function QueueActions({ queue, onChange }: { readonly queue: Queue; readonly onChange: () => void }) {
  const { api } = useConsole();
  const path = queuePath(queue.name);
  const [since, setSince] = useState(anHourAgo);
  const [redriven, setRedriven] = useState<number>();
  const redrive = async () => {
    let total = 0;
    let skipped = 0;
    for (;;) {
      const batch = await api<RedriveResult>('POST', `${path}:redrive`);
      total += batch.redriven;
      skipped += batch.skippedInvalid ?? 0;
      setRedriven(total);
      if (!batch.more) return { total, skipped };
    }
  };
  return (
    <section aria-labelledby="actions-title" class="actions">
      <h2 id="actions-title">Actions</h2>
      {queue.kind === 'push' ? (
        <div class="panel">
          <h3>Signing secret</h3>
          <ActionButton
            label="Rotate secret"
            busyLabel="Rotating…"
            confirm={`Rotate the signing secret of ${queue.name}? The old one keeps signing beside the new one for a grace period.`}
            run={() =>
              api<{ secret: string; previousSecretExpiresAt?: string }>('POST', `${path}:rotate-secret`)
            }
            result={(r) => (
              <>
                <OnceSecret label="New signing secret" value={r.secret} />
                {r.previousSecretExpiresAt ? (
                  <p>
                    The old secret signs until <TimeText iso={r.previousSecretExpiresAt} />.
                  </p>
                ) : null}
              </>
            )}
          />
        </div>
      ) : null}
      {queue.kind === 'push' ? (
        <div class="panel">
          <h3>Test</h3>
          <ActionButton
            label="Send a test event"
            busyLabel="Sending…"
            run={() => api<TestResult>('POST', `${path}:test`)}
            result={(r) => (
              <p class={r.status >= 200 && r.status < 300 ? 'ok-text' : 'error'}>
                The sink answered {r.status === 0 ? 'nothing' : `HTTP ${r.status}`} in{' '}
                {Math.round(r.latencyMs)} ms
                {r.error ? `: ${r.error}` : ''}
                {r.webhookId ? ` (webhook-id ${r.webhookId})` : ''}
              </p>
            )}
          />
        </div>
      ) : null}
      <div class="panel">
        <h3>Replay</h3>
        <label for="replay-since">Deliver again everything published since</label>
        <input
          id="replay-since"
          type="datetime-local"
          value={since}
          onInput={(e) => setSince((e.currentTarget as HTMLInputElement).value)}
        />
        <ActionButton
          label="Replay"
          busyLabel="Starting the replay…"
          confirm={`Deliver again every event of ${queue.name} published since ${new Date(since).toLocaleString()}?`}
          run={async (): Promise<ReplayStarted> => {
            const before = await api<Stats>('GET', `${path}/stats`);
            const r = await api<{ since: string }>('POST', `${path}:replay`, {
              since: new Date(since).toISOString(),
            });
            return { since: r.since, before };
          }}
          result={(r) => <ReplayProgress name={queue.name} started={r} />}
          onDone={onChange}
        />
      </div>
      <div class="panel">
        <h3>Dead letters</h3>
        <ActionButton
          label="Redrive dead letters"
          busyLabel={redriven === undefined ? 'Redriving…' : `Redriving… ${redriven} moved so far`}
          confirm={`Move the dead letters of ${queue.name} back to it, to be delivered again?`}
          run={redrive}
          result={(r) => (
            <p class="ok-text">
              {r.total} dead letter{r.total === 1 ? '' : 's'} moved back
              {r.skipped ? `; ${r.skipped} left, not valid CloudEvents` : ''}.
            </p>
          )}
          partial={() =>
            redriven ? <p class="muted">{redriven} were moved back before the error.</p> : null
          }
          onDone={onChange}
        />
      </div>
    </section>
  );
}
