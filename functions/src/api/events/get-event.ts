// GET /v1/queues/{name}/events/{webhookId}: one entry with every attempt and
// the event itself (its data kept up to LOG_KEPT_DATA_BYTES).
import { publicLogDetail } from '../../message-log/public-log-entry';
import type { RouteHandler } from '../api-context';
import { findLogEntry } from './find-log-entry';

export const getQueueEvent: RouteHandler = async ({ tenant, params }, services) => {
  const { webhookId, entry } = await findLogEntry(tenant, params, services);
  return { status: 200, body: publicLogDetail(webhookId, entry) };
};
