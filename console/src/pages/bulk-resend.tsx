// Resend every entry of the message log's current search: POST
// /v1/queues/{name}/events:resend with the search, page after page while the
// API says `more`, with the count queued so far shown as it goes.
import { useState } from 'preact/hooks';
import { queuePath } from '../api';
import { ActionButton } from '../components/action-button';
import { useConsole } from '../console-context';
import { describeSearch, type LogSearch, searchFields } from '../log-search';

interface BulkResendResult {
  readonly queued: number;
  readonly skipped?: number;
  readonly more: boolean;
  readonly nextPageToken?: string;
}

export function BulkResend({ name, search }: { readonly name: string; readonly search: LogSearch }) {
  const { api } = useConsole();
  const [queuedSoFar, setQueuedSoFar] = useState<number>();
  const resendAll = async () => {
    let queued = 0;
    let skipped = 0;
    let pageToken: string | undefined;
    setQueuedSoFar(0);
    for (;;) {
      const body = { ...searchFields(search), ...(pageToken ? { pageToken } : {}) };
      const page = await api<BulkResendResult>('POST', `${queuePath(name)}/events:resend`, body);
      queued += page.queued;
      skipped += page.skipped ?? 0;
      setQueuedSoFar(queued);
      // A page without a token to go on from cannot make progress: stop rather than spin.
      if (!page.more || !page.nextPageToken) return { queued, skipped };
      pageToken = page.nextPageToken;
    }
  };
  return (
    <div class="panel bulk-resend">
      <ActionButton
        label="Resend all matching"
        busyLabel={`Resending… ${queuedSoFar ?? 0} queued so far`}
        confirm={`Deliver again to ${name} every event its log finds for this search (${describeSearch(search)})? Each keeps its webhook-id.`}
        run={resendAll}
        result={(r) => (
          <p class="ok-text progress">
            {r.queued} event{r.queued === 1 ? '' : 's'} queued to be delivered again
            {r.skipped ? `; ${r.skipped} skipped (the log kept no data to send: use Replay)` : ''}.
          </p>
        )}
        partial={() =>
          queuedSoFar ? <p class="muted progress">{queuedSoFar} were queued before the error.</p> : null
        }
      />
    </div>
  );
}
