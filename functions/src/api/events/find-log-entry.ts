// One entry of one queue's log, within the caller's tenant. An entry of
// another queue, another tenant's entry and one that does not exist all get
// the same 404: the log lives under the caller's own tenant document, so
// another tenant's entries are never even read.
import { NotFoundError } from '../../errors';
import type { StoredLogEntry } from '../../message-log/log-entry';
import { isWebhookId } from '../../message-log/log-search';
import type { QueueDefinition } from '../../queues/queue-definition';
import type { ApiServices } from '../api-context';
import { findQueue } from '../queues/find-queue';

export interface FoundLogEntry {
  readonly queue: QueueDefinition;
  readonly webhookId: string;
  readonly entry: StoredLogEntry;
}

export async function findLogEntry(
  tenant: string,
  params: Readonly<Record<string, string>>,
  services: ApiServices,
): Promise<FoundLogEntry> {
  const queue = await findQueue(tenant, params.name, services);
  const webhookId = params.webhookId ?? '';
  const entry = isWebhookId(webhookId) ? await services.messageLog.get(tenant, webhookId) : undefined;
  if (!entry || entry.queue !== queue.name) {
    throw new NotFoundError(`no event with webhook-id "${webhookId}" in queue "${queue.name}"`);
  }
  return { queue, webhookId, entry };
}
