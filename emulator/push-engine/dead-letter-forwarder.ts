// What Pub/Sub does after a message's last delivery attempt: it publishes the
// message, data and attributes unchanged, to the subscription's dead-letter
// topic, with the attributes it documents for dead letters added.
import type { PubSub } from '@google-cloud/pubsub';
import type { PushedMessage } from './delivery-ports';
import type { SubscriptionSettings } from './subscription-settings';

export const DEAD_LETTER_ATTRIBUTES = {
  deliveryCount: 'CloudPubSubDeadLetterSourceDeliveryCount',
  subscription: 'CloudPubSubDeadLetterSourceSubscription',
  subscriptionProject: 'CloudPubSubDeadLetterSourceSubscriptionProject',
  publishTime: 'CloudPubSubDeadLetterSourceTopicPublishTime',
} as const;

export function deadLetterAttributes(
  settings: SubscriptionSettings,
  message: PushedMessage,
  deliveryCount: number,
): Record<string, string> {
  const [, project = '', , id = ''] = settings.name.split('/');
  const original = (message.json.attributes ?? {}) as Record<string, string>;
  return {
    ...original,
    [DEAD_LETTER_ATTRIBUTES.deliveryCount]: String(deliveryCount),
    // The subscription's id and its project, as Pub/Sub sets them (not the full path).
    [DEAD_LETTER_ATTRIBUTES.subscription]: id,
    [DEAD_LETTER_ATTRIBUTES.subscriptionProject]: project,
    ...(message.publishTime ? { [DEAD_LETTER_ATTRIBUTES.publishTime]: message.publishTime } : {}),
  };
}

export async function forwardDeadLetter(
  pubsub: PubSub,
  settings: SubscriptionSettings,
  message: PushedMessage,
  deliveryCount: number,
): Promise<void> {
  const topic = settings.deadLetterPolicy?.deadLetterTopic;
  if (!topic) throw new Error(`${settings.name} has no dead-letter topic`);
  const data =
    typeof message.json.data === 'string' ? Buffer.from(message.json.data, 'base64') : Buffer.alloc(0);
  await pubsub.topic(topic).publishMessage({
    data,
    attributes: deadLetterAttributes(settings, message, deliveryCount),
  });
}
