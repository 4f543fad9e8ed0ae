// /subscriptions and /subscriptions/{id}: the CloudEvents Subscriptions API
// as a second view of the tenant's push queues. Each handler translates and
// calls the queue route's own handler (queues/), so a subscription is created,
// changed and deleted exactly as a queue is: same limits, SSRF guard,
// validation handshake and Pub/Sub subscription.
import { NotFoundError, ValidationError } from '../../errors';
import type { PublicQueue, QueueDefinition } from '../../queues/queue-definition';
import type { ApiServices, RouteHandler } from '../api-context';
import { createQueue } from '../queues/create-queue';
import { findQueue } from '../queues/find-queue';
import { patchQueue } from '../queues/patch-queue';
import { deleteQueue, getQueue, listQueues } from '../queues/read-delete-queue';
import { validationSchema } from '../schemas/api-schemas';
import type { CreateQueueBody, PatchQueueBody } from '../schemas/request-bodies';
import { validateBody } from '../validate-body';
import type { SubscriptionBody, SubscriptionRequestBody } from './subscription-body';
import { refusedAs400 } from './subscription-errors';
import { createQueueBody, patchQueueBody } from './subscription-request';
import { subscriptionOf } from './subscription-view';

/** A queue of the tenant that is a subscription (a push queue); any other id is the document's 404. */
async function findSubscription(tenant: string, id: string | undefined, services: ApiServices) {
  let queue: QueueDefinition;
  try {
    queue = await findQueue(tenant, id, services);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(`no subscription "${id}"`);
    throw error;
  }
  if (queue.kind !== 'push') {
    throw new NotFoundError(`no subscription "${id}": it is a ${queue.kind} queue, see /v1/queues/${id}`);
  }
  return queue;
}

export const listSubscriptions: RouteHandler = async (request, services) => {
  const { queues } = (await listQueues(request, services)).body as { queues: PublicQueue[] };
  return { status: 200, body: queues.filter((q) => q.kind === 'push').map((q) => subscriptionOf(q)) };
};

export const createSubscription: RouteHandler<SubscriptionRequestBody> = (request, services) =>
  refusedAs400(async () => {
    // The queue route's own schema, then its handler: a subscription is held to every rule a queue is.
    const body = validateBody<CreateQueueBody>(
      validationSchema('CreateQueue'),
      createQueueBody(request.body),
    );
    const created = (await createQueue({ ...request, body }, services)).body as PublicQueue & {
      secret?: string;
    };
    const location = `${services.config.apiUrl.replace(/\/+$/, '')}/subscriptions/${created.name}`;
    return { status: 201, headers: { location }, body: subscriptionOf(created, created.secret) };
  });

export const getSubscription: RouteHandler = async ({ tenant, params }, services) => {
  const queue = await findSubscription(tenant, params.id, services);
  const shown = (
    await getQueue({ tenant, params: { name: queue.name }, body: undefined, query: {} }, services)
  ).body as PublicQueue;
  return { status: 200, body: subscriptionOf(shown) };
};

export const replaceSubscription: RouteHandler<SubscriptionBody> = (
  { tenant, params, body, query },
  services,
) =>
  refusedAs400(async () => {
    const queue = await findSubscription(tenant, params.id, services);
    if (body.id !== queue.name) {
      throw new ValidationError(
        `id: "${body.id}" is not this subscription's id "${queue.name}"; an id cannot change`,
      );
    }
    const patch = validateBody<PatchQueueBody>(validationSchema('PatchQueue'), patchQueueBody(body, queue));
    const answer = await patchQueue({ tenant, params: { name: queue.name }, body: patch, query }, services);
    return { status: 200, body: subscriptionOf(answer.body as PublicQueue) };
  });

export const deleteSubscription: RouteHandler = async ({ tenant, params, query, audit }, services) => {
  const queue = await findSubscription(tenant, params.id, services);
  // The audit passed on: the queue's records and counters are linked to this DELETE's entry.
  await deleteQueue(
    { tenant, params: { name: queue.name }, body: undefined, query, ...(audit ? { audit } : {}) },
    services,
  );
  // The document's answer: 200 "Successfully deleted", with no body defined.
  return { status: 200 };
};

/** OPTIONS: the document's feature discovery, its methods in the Allow header as it writes them. */
export const subscriptionsFeatures: RouteHandler = async () => ({
  status: 200,
  headers: { allow: 'GET,POST,OPTIONS' },
});

export const subscriptionFeatures: RouteHandler = async () => ({
  status: 200,
  headers: { allow: 'GET,PUT,DELETE,OPTIONS' },
});
