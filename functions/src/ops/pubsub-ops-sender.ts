// The real PublishToTopic: the Pub/Sub client with message ordering on, as
// producers publish (publish/publish-cloudevent.ts).
import type { PubSub, Topic } from '@google-cloud/pubsub';
import { withPubsubDeadline } from '../pubsub/pubsub-deadline';
import type { PublishToTopic } from './ops-publisher';

export function pubsubOpsSender(pubsub: () => PubSub): PublishToTopic {
  const topics = new Map<string, Topic>();
  return async (topicId, message) => {
    let topic = topics.get(topicId);
    if (topic === undefined) {
      topic = pubsub().topic(topicId, { messageOrdering: true });
      topics.set(topicId, topic);
    }
    try {
      await withPubsubDeadline('publish an operational event', () => topic.publishMessage(message));
    } catch (error) {
      // The client pauses a key after a failed publish, to keep order; the retry needs it running.
      topic.resumePublishing(message.orderingKey);
      throw error;
    }
  };
}
