// Whether one queue would receive an event, and if not what refused it, in
// the order dispatch judges: the queue's status, then its `types` and `source`
// shorthands, then its filters (queue-definition.ts's effectiveFilters).
import type { CloudEvent } from '../../cloudevents/cloudevent';
import { explainFilters } from '../../filters/explain-filters';
import type { QueueDefinition } from '../../queues/queue-definition';

export interface QueueVerdict {
  readonly name: string;
  readonly matches: boolean;
  /** What refused the event: `status`, `types`, `source` or the filter's path, e.g. `filters[0]`. */
  readonly refusedBy?: string;
  readonly reason?: string;
}

function refused(name: string, refusedBy: string, reason: string): QueueVerdict {
  return { name, matches: false, refusedBy, reason };
}

export function queueVerdict(queue: QueueDefinition, event: CloudEvent): QueueVerdict {
  const { name } = queue;
  if (queue.status === 'disabled') {
    return refused(
      name,
      'status',
      `the queue is disabled${queue.statusReason ? `: ${queue.statusReason}` : ''}`,
    );
  }
  if (queue.status === 'paused') {
    return refused(name, 'status', 'the queue is paused: it keeps events and delivers them once active');
  }
  const type = String(event.attributes.type);
  if (queue.types !== undefined && queue.types.length > 0 && !queue.types.includes(type)) {
    return refused(
      name,
      'types',
      `type "${type}" is not one of the queue's types (${queue.types.join(', ')})`,
    );
  }
  const source = String(event.attributes.source);
  if (queue.source !== undefined && queue.source !== source) {
    return refused(name, 'source', `source "${source}" is not the queue's source "${queue.source}"`);
  }
  const verdict = explainFilters(event, queue.filters);
  if (verdict.refusedBy === undefined) return { name, matches: true };
  const why = verdict.errors
    .filter((e) => e.filter.startsWith(`${verdict.refusedBy}.`) || e.filter === verdict.refusedBy)
    .map((e) => `${e.filter}: ${e.kind}: ${e.detail}`);
  const reason = `${verdict.refusedBy} refused it${why.length > 0 ? ` (${why.join('; ')})` : ''}`;
  return refused(name, verdict.refusedBy, reason);
}
