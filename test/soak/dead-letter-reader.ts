// The soak's tenants' dead letters at the end of the run, read as an operator
// would: pulled from eventq-<t>-dead. dispatch's own carry the reason
// (eventq-dead-reason); those Pub/Sub's dead-letter policy forwarded carry its
// delivery count instead.
import { DeadLetterAttributes } from '../../functions/src/pubsub/dead-letters';
import {
  deadLetterSubscriptionPath,
  parseQueueSubscription,
} from '../../functions/src/tenancy/resource-names';
import type { DeadLetterSeen } from './reconcile';

interface PulledMessage {
  readonly ackId: string;
  readonly message: { readonly attributes?: Record<string, string> };
}

function reasonOf(attributes: Record<string, string>): string {
  const ours = attributes[DeadLetterAttributes.reason];
  if (ours) return ours;
  const count = attributes.CloudPubSubDeadLetterSourceDeliveryCount;
  return `Pub/Sub dead-letter policy${count ? ` after ${count} delivery attempts` : ''}`;
}

function queueOf(tenant: string, attributes: Record<string, string>): string {
  const named = attributes[DeadLetterAttributes.queue];
  if (named) return `${tenant}/${named}`;
  const subscription =
    attributes.CloudPubSubDeadLetterSourceSubscription ?? attributes[DeadLetterAttributes.subscription];
  const parsed = subscription ? parseQueueSubscription(subscription) : undefined;
  return parsed ? `${parsed.tenant}/${parsed.queue}` : `${tenant}/?`;
}

export async function readDeadLetters(
  emulatorHost: string,
  projectId: string,
  tenants: readonly string[],
): Promise<DeadLetterSeen[]> {
  const seen: DeadLetterSeen[] = [];
  for (const tenant of tenants) {
    const url = `http://${emulatorHost}/v1/${deadLetterSubscriptionPath(projectId, tenant)}`;
    for (let empty = 0; empty < 2; ) {
      const res = await fetch(`${url}:pull`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ maxMessages: 1000, returnImmediately: true }),
      });
      if (res.status !== 200) throw new Error(`pull ${url}: ${res.status} ${await res.text()}`);
      const { receivedMessages = [] } = (await res.json()) as { receivedMessages?: PulledMessage[] };
      if (receivedMessages.length === 0) {
        empty++;
        continue;
      }
      for (const { message } of receivedMessages) {
        const attributes = message.attributes ?? {};
        seen.push({
          queue: queueOf(tenant, attributes),
          eventId: attributes['ce-id'] ?? '?',
          reason: reasonOf(attributes),
        });
      }
      // Acked, so that the next pull returns the rest.
      await fetch(`${url}:acknowledge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ackIds: receivedMessages.map((m) => m.ackId) }),
      });
    }
  }
  return seen;
}
