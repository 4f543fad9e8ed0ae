// GET /v1/queues, GET /v1/queues/{name}, DELETE /v1/queues/{name}. A queue of
// another tenant and a queue that does not exist get the same 404.
import { NotFoundError } from '../../errors';
import { deleteQueueSubscription } from '../../pubsub/queue-subscriptions';
import { publicQueue } from '../../queues/queue-definition';
import { QUEUE_NAME_PATTERN } from '../../tenancy/resource-names';
import type { ApiServices, RouteHandler } from '../api-context';

async function findQueue(tenant: string, name: string | undefined, services: ApiServices) {
  const queue = name && QUEUE_NAME_PATTERN.test(name) ? await services.queues.get(tenant, name) : undefined;
  if (!queue) throw new NotFoundError(`no queue named "${name}"`);
  return queue;
}

export const listQueues: RouteHandler = async ({ tenant }, services) => {
  const queues = await services.queues.list(tenant);
  return { status: 200, body: { queues: queues.map(publicQueue) } };
};

export const getQueue: RouteHandler = async ({ tenant, params }, services) => {
  return { status: 200, body: publicQueue(await findQueue(tenant, params.name, services)) };
};

export const deleteQueue: RouteHandler = async ({ tenant, params }, services) => {
  const queue = await findQueue(tenant, params.name, services);
  // Definition first: a push that arrives in between finds no queue and is dropped, not delivered.
  await services.queues.delete(tenant, queue.name);
  await deleteQueueSubscription(services.pubsub(), tenant, queue.name);
  return { status: 204 };
};
