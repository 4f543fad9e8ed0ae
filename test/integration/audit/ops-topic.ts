// A tenant reads its ops stream as any tenant would: a pull queue with
// "stream": "ops", filtered to one subject (the queue under test), read with
// a Pub/Sub client from the queue's subscription. Each event's data is checked
// against its type's schema in the catalog, which is what a consumer relies on.
import type { Subscription } from '@google-cloud/pubsub';
import { EventCatalog } from '../../../functions/src/catalog/event-catalog';
import { callApi, pubsub, uniqueName } from '../support/stack';

/** A pull queue on the tenant's ops stream for `subject`'s events (pullOps keeps only those). */
export async function opsSubscription(tenant: string, subject: string): Promise<OpsSubscription> {
  const name = uniqueName('ops-feed');
  const created = await callApi('POST', '/v1/queues', {
    tenant,
    body: { name, kind: 'pull', stream: 'ops', filters: [{ exact: { subject } }] },
  });
  if (created.status !== 201) {
    throw new Error(`could not create the ops queue: ${created.status} ${JSON.stringify(created.body)}`);
  }
  return Object.assign(pubsub().subscription(`eventq-${tenant}.${name}`), { subject });
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
  const catalog = new EventCatalog([]);
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
        const message = {
          attributes: { ...(m.message?.attributes ?? {}) } as Record<string, string>,
          data: Buffer.from(m.message?.data ?? '').toString('utf8'),
        };
        // Throws (InvalidCloudEventError) when the data does not match the type's schema.
        catalog.validateData(message.attributes['ce-type']!, JSON.parse(message.data));
        got.push(message);
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
