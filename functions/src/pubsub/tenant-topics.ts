// A tenant's Pub/Sub resources: its topic, its dead-letter topic and the pull
// subscription that keeps its dead letters. Terraform declares the same in
// production; the local stack and `eventq tenants create` use this.
import type { PubSub } from '@google-cloud/pubsub';
import { GrpcStatus, grpcCode } from '../grpc-status';
import { deadLetterSubscriptionId, deadLetterTopicId, topicId } from '../tenancy/resource-names';

/** Message retention on tenant topics, so that a queue can replay by time. */
export const TOPIC_RETENTION_SECONDS = 7 * 24 * 3600;
/** Dead letters are kept for the longest retention Pub/Sub allows on a subscription. */
export const DEAD_LETTER_RETENTION_SECONDS = 7 * 24 * 3600;

async function ignoreExisting(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (grpcCode(error) !== GrpcStatus.ALREADY_EXISTS) throw error;
  }
}

export async function ensureTenantTopics(pubsub: PubSub, tenant: string): Promise<void> {
  const retention = { messageRetentionDuration: { seconds: TOPIC_RETENTION_SECONDS } };
  await Promise.all([
    ignoreExisting(pubsub.createTopic({ name: topicId(tenant), ...retention })),
    ignoreExisting(pubsub.createTopic({ name: deadLetterTopicId(tenant), ...retention })),
  ]);
  await ignoreExisting(
    pubsub.topic(deadLetterTopicId(tenant)).createSubscription(deadLetterSubscriptionId(tenant), {
      ackDeadlineSeconds: 60,
      messageRetentionDuration: { seconds: DEAD_LETTER_RETENTION_SECONDS },
      expirationPolicy: {},
      labels: { 'eventq-tenant': tenant, 'eventq-role': 'dead-letters' },
    }),
  );
}
