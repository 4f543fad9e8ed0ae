// A tenant's Pub/Sub resources: its topic, its dead-letter topic, the pull
// subscription that keeps its dead letters, and its ops topic (eventq's
// operational events about its resources); and, once for all tenants, the
// operator's ops topic. Terraform declares the same in production; the local
// stack and `eventq tenants create` use this.
import type { PubSub } from '@google-cloud/pubsub';
import { GrpcStatus, grpcCode } from '../grpc-status';
import {
  deadLetterSubscriptionId,
  deadLetterTopicId,
  OPERATOR_OPS_TOPIC_ID,
  opsTopicId,
  topicId,
} from '../tenancy/resource-names';

/** Message retention on tenant topics, so that a queue can replay by time. */
export const TOPIC_RETENTION_SECONDS = 7 * 24 * 3600;
/** Ops topics keep what tenant topics keep, so that a queue on the ops stream can replay by time too. */
export const OPS_TOPIC_RETENTION_SECONDS = TOPIC_RETENTION_SECONDS;
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
    ignoreExisting(
      pubsub.createTopic({
        name: opsTopicId(tenant),
        messageRetentionDuration: { seconds: OPS_TOPIC_RETENTION_SECONDS },
      }),
    ),
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

/** The operator-wide ops topic: every tenant's operational events. Once per project. */
export async function ensureOperatorOpsTopic(pubsub: PubSub): Promise<void> {
  await ignoreExisting(
    pubsub.createTopic({
      name: OPERATOR_OPS_TOPIC_ID,
      messageRetentionDuration: { seconds: OPS_TOPIC_RETENTION_SECONDS },
    }),
  );
}
