// A queue's status and health in words: paused, disabled and why, failing since when.
import type { Queue } from '../queue-types';
import { TimeText } from './time-text';

export function QueueStatus({ queue }: { readonly queue: Queue }) {
  return (
    <span class="status-line">
      <span class={`badge ${queue.status}`}>{queue.status}</span>
      {queue.statusReason ? <span class="muted"> {queue.statusReason}</span> : null}
      {queue.failingSince ? (
        <span class="failing">
          {' '}
          failing since <TimeText iso={queue.failingSince} />
        </span>
      ) : null}
    </span>
  );
}
