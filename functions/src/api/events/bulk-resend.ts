// POST /v1/queues/{name}/events:resend {filters of the search} → 202
// {"queued", "more", "nextPageToken"?}: every entry of one page of the search
// (at most 100) delivered again, as a single resend would. Entries that the
// log cannot deliver again (data omitted, invalid) are skipped and counted.
import { ConflictError } from '../../errors';
import { parseLogSearch } from '../../message-log/log-search';
import { queueStream } from '../../queues/queue-definition';
import type { RouteHandler } from '../api-context';
import { findQueue } from '../queues/find-queue';
import type { RequestBodies } from '../schemas/request-bodies';
import { republishEntry } from './republish-entry';

export const BULK_RESEND_PAGE = 100;

export const bulkResendQueueEvents: RouteHandler<RequestBodies['BulkResend']> = async (
  { tenant, params, body, audit },
  services,
) => {
  const queue = await findQueue(tenant, params.name, services);
  const { limit, ...filters } = body;
  const search = parseLogSearch({ ...filters, limit: String(limit ?? BULK_RESEND_PAGE) }, queue.name);
  const page = await services.messageLog.searchWhole(tenant, search);
  let queued = 0;
  let skipped = 0;
  for (const { webhookId, entry } of page.entries) {
    try {
      await republishEntry(tenant, entry, services, queueStream(queue));
      queued++;
      audit?.caused('queue.event.resent', queue.name, { webhookId });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      skipped++;
    }
  }
  return {
    status: 202,
    body: {
      queued,
      ...(skipped > 0 ? { skipped } : {}),
      more: page.nextPageToken !== undefined,
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    },
  };
};
