// POST /v1/queues/{name}:redrive: moves this queue's dead letters (and no
// other queue's) back to it. Bounded per call; `more: true` asks for another.
import { PUBSUB_ADMIN_DEADLINE_MS, withPubsubDeadline } from '../../pubsub/pubsub-deadline';
import { redriveDeadLetters } from '../../pubsub/redrive-dead-letters';
import { queueStream } from '../../queues/queue-definition';
import type { RouteHandler } from '../api-context';
import { findQueue } from './find-queue';

export const REDRIVE_MAX_MESSAGES = 1_000;
export const REDRIVE_BUDGET_MS = 20_000;

export const redriveQueue: RouteHandler = async ({ tenant, params, audit }, services) => {
  const queue = await findQueue(tenant, params.name, services);
  const result = await withPubsubDeadline(
    'redrive the dead letters',
    () =>
      redriveDeadLetters(services.pubsub(), {
        projectId: services.config.projectId,
        tenant,
        queue: queue.name,
        stream: queueStream(queue),
        maxMessages: REDRIVE_MAX_MESSAGES,
        budgetMs: REDRIVE_BUDGET_MS,
        keys: services.redriveKeys,
      }),
    // The budget bounds the pulls; the deadline also covers a last call that hangs.
    { deadlineMs: REDRIVE_BUDGET_MS + PUBSUB_ADMIN_DEADLINE_MS },
  );
  if (result.redriven > 0) {
    audit?.caused('queue.dead-letters.redriven', queue.name, { redriven: result.redriven });
  }
  return { status: 200, body: result };
};
