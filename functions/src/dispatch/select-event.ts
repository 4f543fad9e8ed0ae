// Whether the queue takes the event (redrive addressing, then its filters), and
// whether it may go to the sink now (the rate the sink granted, a Retry-After
// it asked for). An event the queue does not take is acked; one that must wait
// is answered 503, so Pub/Sub pushes it again after its backoff.
//
// The message log shows an event refused by one of the queue's `filters` as
// `filtered`, naming that filter. An event refused by the `types` or `source`
// shorthand is not logged: those are what a Pub/Sub subscription filter
// expresses (filters/to-pubsub-filter.ts), so in production they need never
// reach dispatch, and logging them would cost a write per queue per event
// (docs/architecture.md, "Message log", has the figure).
import type { CloudEvent } from '../cloudevents/cloudevent';
import { webhookId } from '../delivery/webhook-id';
import { DeliveryFailedError } from '../errors';
import type { Filter } from '../filters/filter';
import { matchesFilters } from '../filters/matches-filters';
import { isForQueue } from '../pubsub/redrive-selection';
import { effectiveFilters, type QueueDefinition } from '../queues/queue-definition';
import { queueKey } from '../tenancy/queue-key';
import { withOutcome } from './delivery-log';
import type { PushStep } from './dispatch-deps';
import { logFiltered } from './log-outcome';
import { ACK, PushAnswer } from './push-answer';
import type { AdmittedPush, DecodedPush } from './push-context';

export const selectForQueue: PushStep<DecodedPush, DecodedPush> = (push, deps) => {
  const { queue } = push;
  // A redrive or resend that eventq addressed (and signed) goes to its own queue only.
  if (!isForQueue(push.envelope.message.attributes, queue, push.event, deps.redriveKeys)) {
    deps.log('DEBUG', 'redriven for another queue', withOutcome(push.fields, 'filtered'));
    return ACK;
  }
  if (!matchesFilters(push.event, effectiveFilters(queue))) {
    deps.log('DEBUG', 'filtered out', withOutcome(push.fields, 'filtered'));
    deps.count(queue.tenant, queue.name, 'filteredOut');
    const refusal = refusalByOwnFilters(push.event, queue);
    if (refusal !== undefined) logFiltered(push, refusal, deps);
    return ACK;
  }
  return push;
};

/**
 * Which of the queue's own filters refused an event, as the log shows it
 * (`filters[1] {"exact":{"subject":"/devices/x"}}`); undefined when only the
 * types/source shorthand did. Only run for an event already refused: the
 * matching path pays nothing for it.
 */
function refusalByOwnFilters(event: CloudEvent, queue: QueueDefinition): string | undefined {
  const own: readonly Filter[] = queue.filters;
  const shorthand = effectiveFilters({ types: queue.types, source: queue.source, filters: [] });
  if (!matchesFilters(event, shorthand)) return undefined;
  for (let i = 0; i < own.length; i++) {
    if (!matchesFilters(event, [own[i]!])) return `refused by filters[${i}] ${JSON.stringify(own[i])}`;
  }
  return undefined;
}

export const admitDelivery: PushStep<DecodedPush, AdmittedPush> = (push, deps) => {
  const { queue, fields } = push;
  const now = deps.now();
  if (!deps.admit(queue, now)) {
    deps.log('DEBUG', 'over the rate the sink allows; Pub/Sub will retry', withOutcome(fields, 'held'));
    return PushAnswer.of(new DeliveryFailedError(`the sink allows ${queue.allowedRate} deliveries a minute`));
  }
  const heldUntil = deps.holds.heldUntil(queueKey(queue.tenant, queue.name), now);
  if (heldUntil !== undefined) {
    deps.log(
      'DEBUG',
      'the sink asked to wait (Retry-After); Pub/Sub will retry',
      withOutcome(fields, 'held'),
    );
    return PushAnswer.of(
      new DeliveryFailedError(`the sink asked not to be called before ${new Date(heldUntil).toISOString()}`),
    );
  }
  return {
    envelope: push.envelope,
    queue,
    event: push.event,
    fields,
    webhookId: webhookId(queue.tenant, queue.name, String(push.event.attributes.source), fields.eventId),
  };
};
