// Until the ops topics are provisioned with the tenant (issue 16's stream
// half), a test creates the tenant's ops topic itself and reads it with a
// pull subscription of its own, ordered, filtered to one subject.
import type { Subscription } from '@google-cloud/pubsub';
import { GrpcStatus } from '../../../functions/src/grpc-status';
import { OPERATOR_OPS_TOPIC_ID, opsTopicId } from '../../../functions/src/tenancy/resource-names';
import { pubsub, uniqueName } from '../support/stack';

async function ensureTopic(id: string): Promise<void> {
  try {
    await pubsub().createTopic(id);
  } catch (error) {
    if ((error as { code?: number }).code !== GrpcStatus.ALREADY_EXISTS) throw error;
  }
}

/** An ordered pull subscription on the tenant's ops topic for `subject`'s events (pullOps keeps only those). */
export async function opsSubscription(tenant: string, subject: string): Promise<OpsSubscription> {
  await Promise.all([ensureTopic(opsTopicId(tenant)), ensureTopic(OPERATOR_OPS_TOPIC_ID)]);
  const [subscription] = await pubsub()
    .topic(opsTopicId(tenant))
    .createSubscription(uniqueName('ops-read'), {
      enableMessageOrdering: true,
      filter: `attributes.ce-subject = "${subject}"`,
    });
  return Object.assign(subscription, { subject });
}

/** The emulator does not apply every subscription filter: pullOps checks the subject itself too. */
export type OpsSubscription = Subscription & { readonly subject: string };

export interface OpsMessage {
  readonly attributes: Record<string, string>;
  readonly data: string;
}

/**
 * Pulls (and acks) until `count` distinct events came, in the order delivered,
 * or `timeoutMs` passed. Publishing is at least once (a publish retried after a
 * deadline may land twice): like any subscriber, this keeps the first of each ce-id.
 */
export async function pullOps(
  subscription: OpsSubscription,
  count: number,
  timeoutMs = 30_000,
): Promise<OpsMessage[]> {
  const { v1 } = require('@google-cloud/pubsub') as typeof import('@google-cloud/pubsub');
  const config = await pubsub().getClientConfig();
  const client = new v1.SubscriberClient({
    ...config,
    port: config.port === undefined ? undefined : Number(config.port),
  });
  const got: OpsMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  try {
    while (got.length < count && Date.now() < deadline) {
      const [answer] = await client.pull(
        { subscription: subscription.name, maxMessages: 10 },
        { timeout: 5_000 },
      );
      const received = answer.receivedMessages ?? [];
      for (const m of received) {
        const id = m.message?.attributes?.['ce-id'];
        if (m.message?.attributes?.['ce-subject'] !== subscription.subject) continue;
        if (got.some((g) => g.attributes['ce-id'] === id)) continue;
        got.push({
          attributes: { ...(m.message?.attributes ?? {}) } as Record<string, string>,
          data: Buffer.from(m.message?.data ?? '').toString('utf8'),
        });
      }
      if (received.length > 0) {
        await client.acknowledge({ subscription: subscription.name, ackIds: received.map((m) => m.ackId!) });
      } else await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await client.close();
  }
  return got;
}
