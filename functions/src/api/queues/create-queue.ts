// POST /v1/queues: creates a queue's definition and its Pub/Sub subscription
// together or not at all. The definition is written first (so dispatch can
// resolve the first push) and removed again if the subscription cannot be made.

import { generateWebhookSecret } from '../../delivery/webhook-signature';
import { ConflictError, UnavailableError } from '../../errors';
import { GrpcStatus, grpcCode } from '../../pubsub/pubsub-client';
import { createQueueSubscription, deleteQueueSubscription } from '../../pubsub/queue-subscriptions';
import { publicQueue, type QueueDefinition } from '../../queues/queue-definition';
import { queueSubscriptionPath } from '../../tenancy/resource-names';
import type { RouteHandler } from '../api-context';
import { checkSinkUrl } from '../sinks/check-sink-url';
import { validationHandshake } from '../sinks/validation-handshake';
import { parseQueueRequest } from './parse-queue-request';
import { pullCredentials } from './pull-credentials';

export const createQueue: RouteHandler = async ({ tenant, body }, services) => {
  const request = parseQueueRequest(body);
  const { config } = services;
  if (request.sink !== undefined) {
    await checkSinkUrl(request.sink, services.sinkPolicy);
    await validationHandshake(request.sink, services.origin, services.post);
  }

  const now = new Date(services.now()).toISOString();
  const secret = request.kind === 'push' ? generateWebhookSecret() : undefined;
  const queue: QueueDefinition = {
    ...request,
    tenant,
    status: 'active',
    secrets: secret ? [{ value: secret }] : [],
    subscription: queueSubscriptionPath(config.projectId, tenant, request.name),
    createdAt: now,
    updatedAt: now,
  };
  await services.queues.create(queue);

  try {
    await createQueueSubscription(
      services.pubsub(),
      { tenant, queue: request.name, push: request.kind === 'push' },
      config,
    );
  } catch (error) {
    await services.queues.delete(tenant, request.name).catch(() => undefined);
    if (grpcCode(error) === GrpcStatus.ALREADY_EXISTS) {
      // A subscription left by an earlier, half-deleted queue of this name: remove it so a retry succeeds.
      await deleteQueueSubscription(services.pubsub(), tenant, request.name).catch(() => undefined);
      throw new ConflictError(`queue "${request.name}" is still being deleted; try again`);
    }
    throw new UnavailableError('could not create the queue subscription; nothing was created', {
      cause: error,
    });
  }

  const shown = publicQueue(queue);
  if (request.kind === 'push') return { status: 201, body: { ...shown, secret } };
  return { status: 201, body: { ...shown, credentials: pullCredentials(queue, config.projectId) } };
};
