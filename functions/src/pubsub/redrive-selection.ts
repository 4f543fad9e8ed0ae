// Which dead letters belong to a queue, and how one goes back to its queue:
// republished to the tenant's topic with `eventq-redrive-for=<queue>`, which
// every other queue of the tenant (dispatch and the pull listener) treats as
// filtered out, and without the attributes that dead-lettering added.
import { parseQueueSubscription } from '../tenancy/resource-names';
import { DeadLetterAttributes } from './dead-letters';

/** Names the one queue a redriven message is for. */
export const REDRIVE_FOR_ATTRIBUTE = 'eventq-redrive-for';
/** What Pub/Sub's own dead-letter policy adds (the source subscription id, its project, ...). */
const PUBSUB_DEAD_LETTER_PREFIX = 'CloudPubSubDeadLetter';
const PUBSUB_SOURCE_SUBSCRIPTION = 'CloudPubSubDeadLetterSourceSubscription';

/** The queue (tenant and name) a dead letter came from, by eventq's attribute or Pub/Sub's. */
export function deadLetterSource(
  attributes: Readonly<Record<string, string>>,
): { tenant: string; queue: string } | undefined {
  const source = attributes[DeadLetterAttributes.subscription] ?? attributes[PUBSUB_SOURCE_SUBSCRIPTION];
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

/** The attributes of the republished message: the original ones, for `queue` only. */
export function redriveAttributes(
  attributes: Readonly<Record<string, string>>,
  queue: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (DEAD_LETTER_ATTRIBUTES.has(name) || name.startsWith(PUBSUB_DEAD_LETTER_PREFIX)) continue;
    out[name] = value;
  }
  out[REDRIVE_FOR_ATTRIBUTE] = queue;
  return out;
}

/** False for a redriven message meant for another queue: that queue alone delivers it. */
export function isForQueue(attributes: Readonly<Record<string, string>> | undefined, queue: string): boolean {
  const target = attributes?.[REDRIVE_FOR_ATTRIBUTE];
  return target === undefined || target === queue;
}
