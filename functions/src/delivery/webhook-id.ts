// The webhook-id of a delivery: the same for every attempt, replay and redrive
// of one event to one queue, different across queues, so a receiver can
// deduplicate on it. CloudEvents identify an event by source + id.
import { createHash } from 'node:crypto';

export function webhookId(tenant: string, queue: string, source: string, id: string): string {
  const digest = createHash('sha256').update(`${tenant}\n${queue}\n${source}\n${id}`).digest('base64url');
  return `msg_${digest.slice(0, 27)}`;
}
