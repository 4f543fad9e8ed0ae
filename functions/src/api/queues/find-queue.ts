// Looks a queue up within the caller's tenant. Another tenant's queue and a
// queue that does not exist get the same 404, so names reveal nothing.
import { NotFoundError } from '../../errors';
import type { QueueDefinition } from '../../queues/queue-definition';
import { QUEUE_NAME_PATTERN } from '../../tenancy/resource-names';
import type { ApiServices } from '../api-context';

export async function findQueue(
  tenant: string,
  name: string | undefined,
  services: ApiServices,
): Promise<QueueDefinition> {
  const queue = name && QUEUE_NAME_PATTERN.test(name) ? await services.queues.get(tenant, name) : undefined;
  if (!queue) throw new NotFoundError(`no queue named "${name}"`);
  return queue;
}
