// PATCH /v1/queues/{name}: changes sink, filters, types, source, contentMode
// or status. dispatch sees the change within its queue cache TTL
// (EVENTQ_QUEUE_CACHE_TTL_MS). Pausing stops the subscription from pushing,
// so Pub/Sub keeps the backlog; making the queue active again delivers it.
import { ValidationError } from '../../errors';
import { setPushing } from '../../pubsub/queue-subscriptions';
import { publicQueue, type QueueDefinition } from '../../queues/queue-definition';
import type { RouteHandler } from '../api-context';
import type { PatchQueueBody } from '../schemas/request-bodies';
import { checkSinkUrl } from '../sinks/check-sink-url';
import { validationHandshake } from '../sinks/validation-handshake';
import { checkCatalogTypes } from './check-types';
import { findQueue } from './find-queue';

export const patchQueue: RouteHandler<PatchQueueBody> = async ({ tenant, params, body: patch }, services) => {
  const { filters } = patch;
  const queue = await findQueue(tenant, params.name, services);
  checkCatalogTypes(patch.types, services.catalog);
  const pushOnly = (['sink', 'contentMode', 'replies'] as const).find((f) => patch[f] !== undefined);
  if (queue.kind === 'pull' && pushOnly !== undefined) {
    throw new ValidationError(`${pushOnly}: applies to push queues only`);
  }

  let allowedRate = queue.allowedRate;
  if (patch.sink !== undefined && patch.sink !== queue.sink) {
    await checkSinkUrl(patch.sink, services.sinkPolicy);
    allowedRate = (await validationHandshake(patch.sink, services.origin, services.post)).allowedRate;
  }

  const {
    source: _oldSource,
    statusReason: _oldReason,
    allowedRate: _oldRate,
    failingSince: _oldFailingSince,
    ...rest
  } = queue;
  const source = patch.source === undefined ? queue.source : (patch.source ?? undefined);
  const status = patch.status ?? queue.status;
  const updated: QueueDefinition = {
    ...rest,
    ...(patch.sink !== undefined ? { sink: patch.sink } : {}),
    ...(patch.types !== undefined ? { types: patch.types } : {}),
    ...(filters !== undefined ? { filters } : {}),
    ...(patch.contentMode !== undefined ? { contentMode: patch.contentMode } : {}),
    ...(patch.replies !== undefined ? { replies: patch.replies } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(allowedRate !== undefined ? { allowedRate } : {}),
    ...(status === queue.status && queue.statusReason ? { statusReason: queue.statusReason } : {}),
    // Re-enabling starts the sink's health afresh; otherwise its run of failures goes on.
    ...(status === queue.status && queue.failingSince ? { failingSince: queue.failingSince } : {}),
    status,
    updatedAt: new Date(services.now()).toISOString(),
  };

  const wasPushing = queue.kind === 'push' && queue.status === 'active';
  const pushes = updated.kind === 'push' && updated.status === 'active';
  // Stop pushing before the definition says paused, start pushing after it says active,
  // so that dispatch never spends an attempt on a queue it would refuse.
  if (wasPushing && !pushes) await setPushing(services.pubsub(), tenant, queue.name, false, services.config);
  await services.queues.replace(updated);
  if (!wasPushing && pushes) await setPushing(services.pubsub(), tenant, queue.name, true, services.config);
  return { status: 200, body: publicQueue(updated) };
};
