// Events that can never be delivered (an invalid CloudEvent) are neither
// retried forever nor dropped: dispatch publishes them, untouched, to the
// tenant's dead-letter topic with the reason, beside what Pub/Sub dead-letters
// itself after the last attempt. They are kept by the eventq-<t>-dead subscription.
import type { PubSub } from '@google-cloud/pubsub';
import { deadLetterTopicId } from '../tenancy/resource-names';
import { MAX_ATTRIBUTE_VALUE_BYTES, truncateUtf8 } from './attribute-limits';

/** Attributes eventq adds to a dead letter it writes. */
export const DeadLetterAttributes = {
  reason: 'eventq-dead-reason',
  queue: 'eventq-queue',
  subscription: 'eventq-source-subscription',
  messageId: 'eventq-original-message-id',
  publishTime: 'eventq-original-publish-time',
} as const;

export interface DeadLetter {
  readonly tenant: string;
  readonly queue: string;
  readonly subscription: string;
  readonly messageId: string;
  readonly publishTime?: string;
  readonly data: Buffer;
  readonly attributes: Readonly<Record<string, string>>;
  readonly reason: string;
}

export async function publishDeadLetter(pubsub: PubSub, letter: DeadLetter): Promise<string> {
  return pubsub.topic(deadLetterTopicId(letter.tenant)).publishMessage({
    data: letter.data,
    attributes: {
      ...letter.attributes,
      [DeadLetterAttributes.reason]: truncateUtf8(letter.reason, MAX_ATTRIBUTE_VALUE_BYTES),
      [DeadLetterAttributes.queue]: letter.queue,
      [DeadLetterAttributes.subscription]: letter.subscription,
      [DeadLetterAttributes.messageId]: letter.messageId,
      ...(letter.publishTime ? { [DeadLetterAttributes.publishTime]: letter.publishTime } : {}),
    },
  });
}
