// GET /v1/queues/{name}/events and GET /v1/events: the message log searched,
// newest first (message-log/log-search.ts for the parameters).
import { parseLogSearch } from '../../message-log/log-search';
import type { RouteHandler } from '../api-context';
import { findQueue } from '../queues/find-queue';

export const listQueueEvents: RouteHandler = async ({ tenant, params, query }, services) => {
  const queue = await findQueue(tenant, params.name, services);
  const search = parseLogSearch(query, queue.name);
  return { status: 200, body: await services.messageLog.search(tenant, search) };
};

/** Every queue of the tenant: "everything about device X" with ?subject=/devices/x. */
export const listTenantEvents: RouteHandler = async ({ tenant, query }, services) => {
  const search = parseLogSearch(query);
  return { status: 200, body: await services.messageLog.search(tenant, search) };
};
