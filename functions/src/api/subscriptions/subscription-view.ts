// A push queue as the Subscriptions API shows it: the document's fields where
// they exist, eventq's own settings and state in `config` (strings, as the
// document types it). Pull queues have no sink and no protocol of the
// document's: they are not subscriptions.
import type { PublicQueue } from '../../queues/queue-definition';

export interface SubscriptionView {
  readonly id: string;
  readonly protocol: 'HTTP';
  readonly sink: string;
  readonly source?: string;
  readonly types?: readonly string[];
  readonly filters: PublicQueue['filters'];
  readonly config: Record<string, string>;
}

/** What `config` shows of a queue; the keys subscription-request.ts reads back. */
export function configOf(queue: PublicQueue): Record<string, string> {
  const config: Record<string, string> = {
    contentMode: queue.contentMode,
    status: queue.status,
    signature: queue.signature ?? 'v1',
    replies: String(queue.replies === true),
    ordered: String(queue.ordered === true),
  };
  if (queue.maxDeliveryAttempts !== undefined) config.maxDeliveryAttempts = String(queue.maxDeliveryAttempts);
  if (queue.publicKey !== undefined) config.publicKey = queue.publicKey;
  if (queue.statusReason !== undefined) config.statusReason = queue.statusReason;
  if (queue.failingSince !== undefined) config.failingSince = queue.failingSince;
  if (queue.allowedRate !== undefined) config.allowedRate = String(queue.allowedRate);
  return config;
}

/** The subscription a push queue is; `secret` only in the answer that creates it. */
export function subscriptionOf(queue: PublicQueue, secret?: string): SubscriptionView {
  return {
    id: queue.name,
    protocol: 'HTTP',
    sink: queue.sink ?? '',
    ...(queue.source !== undefined ? { source: queue.source } : {}),
    ...(queue.types !== undefined && queue.types.length > 0 ? { types: queue.types } : {}),
    filters: queue.filters,
    config: { ...configOf(queue), ...(secret !== undefined ? { secret } : {}) },
  };
}
