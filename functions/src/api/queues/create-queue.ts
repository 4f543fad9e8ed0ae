// POST /v1/queues: creates a queue's definition and its Pub/Sub subscription
// together or not at all. The definition is written first (so dispatch can
// resolve the first push) and removed again if the subscription cannot be made.

import { generateEd25519Keys } from '../../delivery/ed25519-keys';
import { generateWebhookSecret } from '../../delivery/webhook-signature';
import { ConflictError, LimitExceededError, UnavailableError } from '../../errors';
import { GrpcStatus, grpcCode } from '../../grpc-status';
import {
  createQueueSubscription,
  deleteQueueSubscription,
  isApiSubscription,
} from '../../pubsub/queue-subscriptions';
import { grantSubscriber } from '../../pubsub/subscription-access';
import { publicQueue, type QueueDefinition } from '../../queues/queue-definition';
import { queueSubscriptionId, queueSubscriptionPath } from '../../tenancy/resource-names';
import type { RouteHandler } from '../api-context';
import type { CreateQueueBody } from '../schemas/request-bodies';
import { checkSinkUrl } from '../sinks/check-sink-url';
import { validationHandshake } from '../sinks/validation-handshake';
import { checkCatalogTypes } from './check-types';
import { parseQueueRequest } from './parse-queue-request';
import { pullCredentials } from './pull-credentials';

export const createQueue: RouteHandler<CreateQueueBody> = async ({ tenant, body }, services) => {
  // The principal lives in the subscription's IAM policy, not in the definition.
  const { principal, ...request } = parseQueueRequest(body);
  const { config } = services;
  checkCatalogTypes(request.types, services.catalog);
  // A point read and a count, not a listing: creating stays cheap however many queues a tenant has.
  const [existing, held] = await Promise.all([
    services.queues.get(tenant, request.name),
    services.queues.count(tenant),
  ]);
  if (existing) {
    throw new ConflictError(`a queue named "${request.name}" already exists`);
  }
  if (held >= config.maxQueuesPerTenant) {
    throw new LimitExceededError(`a tenant may hold ${config.maxQueuesPerTenant} queues; delete one first`);
  }
  let allowedRate: number | undefined;
  if (request.sink !== undefined) {
    await checkSinkUrl(request.sink, services.sinkPolicy);
    allowedRate = (await validationHandshake(request.sink, services.origin, services.post)).allowedRate;
  }

  const now = new Date(services.now()).toISOString();
  // A v1a queue keeps an Ed25519 secret key and shows only its public key (publicQueue).
  const secret =
    request.kind !== 'push'
      ? undefined
      : request.signature === 'v1a'
        ? generateEd25519Keys().secretKey
        : generateWebhookSecret();
  const queue: QueueDefinition = {
    ...request,
    tenant,
    status: 'active',
    secrets: secret ? [{ value: secret }] : [],
    maxDeliveryAttempts: request.maxDeliveryAttempts ?? config.maxDeliveryAttempts,
    ...(allowedRate !== undefined ? { allowedRate } : {}),
    subscription: queueSubscriptionPath(config.projectId, tenant, request.name),
    createdAt: now,
    updatedAt: now,
  };
  await services.queues.create(queue, config.maxQueuesPerTenant);

  try {
    await createQueueSubscription(
      services.pubsub(),
      {
        tenant,
        queue: request.name,
        push: request.kind === 'push',
        maxDeliveryAttempts: queue.maxDeliveryAttempts,
        ordered: request.ordered,
        stream: request.stream,
      },
      config,
    );
  } catch (error) {
    await services.queues.delete(tenant, request.name).catch(() => undefined);
    if (grpcCode(error) === GrpcStatus.ALREADY_EXISTS) {
      // Only a subscription the api made is a leftover of a half-deleted queue, to remove so a
      // retry succeeds; any other (Terraform's static queues) is the operator's and stays.
      const ours = await isApiSubscription(services.pubsub(), tenant, request.name).catch(() => false);
      if (!ours) throw new ConflictError(`a queue named "${request.name}" is declared by the operator`);
      await deleteQueueSubscription(services.pubsub(), tenant, request.name).catch(() => undefined);
      throw new ConflictError(`queue "${request.name}" is still being deleted; try again`);
    }
    throw new UnavailableError('could not create the queue subscription; nothing was created', {
      cause: error,
    });
  }

  const shown = publicQueue(queue);
  if (request.kind === 'push') {
    return { status: 201, body: request.signature === 'v1a' ? shown : { ...shown, secret } };
  }
  let access: Awaited<ReturnType<typeof grantSubscriber>>;
  try {
    access = await grantSubscriber(services.pubsub(), queueSubscriptionId(tenant, request.name), principal);
  } catch (error) {
    // Nobody could pull it: undo, so that a retry with another principal starts clean.
    await deleteQueueSubscription(services.pubsub(), tenant, request.name).catch(() => undefined);
    await services.queues.delete(tenant, request.name).catch(() => undefined);
    throw error;
  }
  return { status: 201, body: { ...shown, credentials: pullCredentials(queue, config, access) } };
};
