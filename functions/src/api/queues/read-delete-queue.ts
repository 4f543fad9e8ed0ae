// GET /v1/queues, GET /v1/queues/{name}, DELETE /v1/queues/{name}. A queue of
// another tenant and a queue that does not exist get the same 404.
import { jsonLogger } from '../../observability/log';
import { deleteQueueSubscription } from '../../pubsub/queue-subscriptions';
import { publicQueue } from '../../queues/queue-definition';
import type { RouteHandler } from '../api-context';
import { findQueue } from './find-queue';

export const listQueues: RouteHandler = async ({ tenant }, services) => {
  const queues = await services.queues.list(tenant);
  return { status: 200, body: { queues: queues.map(publicQueue) } };
};

export const getQueue: RouteHandler = async ({ tenant, params }, services) => {
  return { status: 200, body: publicQueue(await findQueue(tenant, params.name, services)) };
};

export const deleteQueue: RouteHandler = async ({ tenant, params, audit }, services) => {
  const queue = await findQueue(tenant, params.name, services);
  // Definition first: a push that arrives in between finds no queue and is not delivered
  // (dispatch answers 503, and the subscription's messages go with it next).
  await services.queues.delete(tenant, queue.name);
  await deleteQueueSubscription(services.pubsub(), tenant, queue.name);
  // A dispatch instance may still hold the definition in its cache for up to the TTL:
  // answering after it has passed means no delivery starts once DELETE has answered.
  await services.sleep(services.config.queueCacheTtlMs);
  // Last, so that counters flushed while the cache ran out go too. The queue is gone
  // whether or not this succeeds: failure records would still expire by their TTL.
  try {
    await services.queues.deleteRecords(tenant, queue.name);
    // Linked to the DELETE's entry in the audit trail (audit/audited-call.ts).
    audit?.caused('queue.failures.deleted', queue.name);
    audit?.caused('queue.stats.deleted', queue.name);
  } catch (error) {
    jsonLogger('ERROR', 'queue deleted, but not its failure records and counters', {
      tenant,
      queue: queue.name,
      error: String(error),
    });
  }
  return { status: 204 };
};
