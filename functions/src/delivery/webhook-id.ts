// The webhook-id of a delivery: the same for every attempt, replay and redrive
// of one event to one queue, different across queues, so a receiver can
// deduplicate on it. CloudEvents identify an event by source + id.
import { hash } from 'node:crypto';

export function webhookId(tenant: string, queue: string, source: string, id: string): string {
  // One-shot hash (Node ≥ 20.12): no Hash object per delivery.
  const digest = hash('sha256', `${tenant}\n${queue}\n${source}\n${id}`, 'base64url');
  return `msg_${digest.slice(0, 27)}`;
}
