// The dead letter dispatch publishes for a push: the message untouched, with
// the queue, the subscription and why it is kept there.
import type { DeadLetter } from '../pubsub/dead-letters';
import type { QueuedPush } from './push-context';

export function deadLetterOf(
  push: QueuedPush & { readonly messageData?: Buffer | undefined },
  reason: string,
): DeadLetter {
  const { envelope, queue } = push;
  return {
    tenant: queue.tenant,
    queue: queue.name,
    subscription: envelope.subscription,
    messageId: envelope.message.messageId,
    publishTime: envelope.message.publishTime,
    data: push.messageData ?? Buffer.from(envelope.message.data ?? '', 'base64'),
    attributes: envelope.message.attributes ?? {},
    reason,
  };
}
