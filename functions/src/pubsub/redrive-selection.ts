// Which dead letters belong to a queue, and how an event goes back to one
// queue alone: republished to the tenant's topic with
// `eventq-redrive-for=<queue>` and `eventq-redrive-signature` (an HMAC that
// only eventq can make, redrive-signature.ts), which every other queue of the
// tenant treats as filtered out. Redrives of dead letters and resends from the
// message log both go this way. A message whose address a producer wrote
// (no signature, or a wrong one) is a normal event for every queue.
import type { CloudEvent } from '../cloudevents/cloudevent';
import { parseQueueSubscription } from '../tenancy/resource-names';
import { DeadLetterAttributes } from './dead-letters';
import type { RedriveAddress, RedriveKeys } from './redrive-signature';

/** Names the one queue a redriven message is for. */
export const REDRIVE_FOR_ATTRIBUTE = 'eventq-redrive-for';
/** eventq's HMAC over the tenant, that queue and the event's source and id. */
export const REDRIVE_SIGNATURE_ATTRIBUTE = 'eventq-redrive-signature';
/** What Pub/Sub's own dead-letter policy adds (the source subscription id, its project, ...). */
const PUBSUB_DEAD_LETTER_PREFIX = 'CloudPubSubDeadLetter';
const PUBSUB_SOURCE_SUBSCRIPTION = 'CloudPubSubDeadLetterSourceSubscription';

/**
 * The queue (tenant and name) a dead letter came from. Pub/Sub's attribute
 * first: Pub/Sub sets it itself when it dead-letters, whereas eventq's
 * attribute on such a letter would be one a producer put on its event. On a
 * letter dispatch kept (an invalid event), dispatch wrote eventq's attribute
 * over whatever the producer had set.
 */
export function deadLetterSource(
  attributes: Readonly<Record<string, string>>,
): { tenant: string; queue: string } | undefined {
  const source = attributes[PUBSUB_SOURCE_SUBSCRIPTION] ?? attributes[DeadLetterAttributes.subscription];
  return source === undefined ? undefined : parseQueueSubscription(source);
}

export function isDeadLetterOf(
  attributes: Readonly<Record<string, string>>,
  tenant: string,
  queue: string,
): boolean {
  const source = deadLetterSource(attributes);
  return source !== undefined && source.tenant === tenant && source.queue === queue;
}

const DEAD_LETTER_ATTRIBUTES: ReadonlySet<string> = new Set(Object.values(DeadLetterAttributes));

/** The attributes of the republished message: the original ones, addressed to `address.queue` only. */
export function redriveAttributes(
  attributes: Readonly<Record<string, string>>,
  address: RedriveAddress,
  keys: RedriveKeys,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (DEAD_LETTER_ATTRIBUTES.has(name) || name.startsWith(PUBSUB_DEAD_LETTER_PREFIX)) continue;
    out[name] = value;
  }
  out[REDRIVE_FOR_ATTRIBUTE] = address.queue;
  out[REDRIVE_SIGNATURE_ATTRIBUTE] = keys.sign(address);
  return out;
}

/** The queue deciding whether a message is for it. */
export interface ReceivingQueue {
  readonly tenant: string;
  readonly name: string;
}

/**
 * False only for a message that eventq itself addressed to another queue
 * (signature verified); a forged or unsigned address counts for nothing.
 * The push path pays one attribute lookup for a message without an address.
 */
export function isForQueue(
  attributes: Readonly<Record<string, string>> | undefined,
  queue: ReceivingQueue,
  event: CloudEvent,
  keys: RedriveKeys,
): boolean {
  const target = attributes?.[REDRIVE_FOR_ATTRIBUTE];
  if (target === undefined || target === queue.name) return true;
  const signature = attributes?.[REDRIVE_SIGNATURE_ATTRIBUTE];
  if (signature === undefined) return true;
  const address = {
    tenant: queue.tenant,
    queue: target,
    source: String(event.attributes.source),
    id: String(event.attributes.id),
  };
  return !keys.verify(address, signature);
}

/**
 * The queue a message says it is for, unverified. For the CLI's pull listener
 * only, which runs on the tenant's machine without eventq's key
 * (README, "Pull queues"): it honours the address as it stands.
 */
export function claimedRedriveTarget(
  attributes: Readonly<Record<string, string>> | undefined,
): string | undefined {
  return attributes?.[REDRIVE_FOR_ATTRIBUTE];
}
