// The CloudEvent inside the push, checked against CloudEvents 1.0. One that
// breaks the rules can never be delivered: it is kept in the tenant's
// dead-letter topic and acked, neither retried forever nor dropped, and shown
// in the message log as `invalid` with the rule it broke.
import type { CloudEvent } from '../cloudevents/cloudevent';
import { decodePubsubMessage } from '../cloudevents/decode-pubsub-message';
import { validateCloudEvent } from '../cloudevents/validate-cloudevent';
import { DeliveryFailedError, InvalidCloudEventError } from '../errors';
import { deadLetterOf } from './dead-letter-of';
import type { DispatchDeps, PushStep } from './dispatch-deps';
import { logInvalid } from './log-outcome';
import { ACK, PushAnswer } from './push-answer';
import type { DecodedPush, QueuedPush } from './push-context';

export const decodeEvent: PushStep<QueuedPush, DecodedPush> = (push, deps) => {
  let event: CloudEvent;
  let decoded: CloudEvent | undefined;
  try {
    event = decodePubsubMessage(push.envelope.message);
    decoded = event;
    validateCloudEvent(event);
  } catch (error) {
    if (!(error instanceof InvalidCloudEventError)) throw error;
    return keepUndeliverable(push, decoded, error, deps);
  }
  return {
    envelope: push.envelope,
    queue: push.queue,
    event,
    fields: {
      tenant: push.queue.tenant,
      queue: push.queue.name,
      eventId: String(event.attributes.id),
      eventType: String(event.attributes.type),
      messageId: push.envelope.message.messageId,
    },
  };
};

async function keepUndeliverable(
  push: QueuedPush,
  decoded: CloudEvent | undefined,
  error: InvalidCloudEventError,
  deps: DispatchDeps,
): Promise<PushAnswer> {
  const { queue } = push;
  const fields = { tenant: queue.tenant, queue: queue.name, messageId: push.envelope.message.messageId };
  try {
    await deps.keepDeadLetter(deadLetterOf(push, error.detail));
  } catch (keepError) {
    deps.log('ERROR', 'could not keep an invalid event; Pub/Sub will retry', {
      ...fields,
      error: String(keepError),
    });
    return PushAnswer.of(new DeliveryFailedError('could not keep the invalid event'));
  }
  deps.count(queue.tenant, queue.name, 'deadLettered');
  logInvalid(push, decoded, error.detail, deps);
  deps.log('WARNING', `invalid CloudEvent dead-lettered: ${error.detail}`, {
    ...fields,
    outcome: 'dead-lettered',
    error: error.detail,
  });
  return ACK;
}
