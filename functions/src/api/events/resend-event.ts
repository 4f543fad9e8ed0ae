// POST /v1/queues/{name}/events/{webhookId}:resend → 202 {"webhookId"}: the
// event goes to that queue again (republish-entry.ts), and the entry shows
// the new attempt once dispatch's log writer has flushed it.
import { queueStream } from '../../queues/queue-definition';
import type { RouteHandler } from '../api-context';
import { findLogEntry } from './find-log-entry';
import { republishEntry } from './republish-entry';

export const resendQueueEvent: RouteHandler = async ({ tenant, params }, services) => {
  const { webhookId, entry, queue } = await findLogEntry(tenant, params, services);
  await republishEntry(tenant, entry, services, queueStream(queue));
  return { status: 202, body: { webhookId } };
};
