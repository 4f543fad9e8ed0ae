// POST /v1/queues/{name}:test: delivers a test event to the sink now, signed
// like every delivery, and answers with what the sink answered and how fast,
// or with what failed (in eventq's words) when it did not answer.
import { randomUUID } from 'node:crypto';
import { buildDeliveryRequest } from '../../delivery/build-delivery-request';
import { webhookId } from '../../delivery/webhook-id';
import { ValidationError } from '../../errors';
import { queueKey } from '../../tenancy/queue-key';
import type { RouteHandler } from '../api-context';
import { describeSinkFailure } from '../sinks/describe-sink-failure';
import { findQueue } from './find-queue';

export const TEST_EVENT_TYPE = 'eventq.test';

export const testQueue: RouteHandler = async ({ tenant, params }, services) => {
  const queue = await findQueue(tenant, params.name, services);
  if (queue.kind !== 'push' || !queue.sink)
    throw new ValidationError('only a push queue can be sent a test event');
  const now = services.now();
  const id = randomUUID();
  const event = {
    attributes: {
      specversion: '1.0',
      id,
      source: '/eventq/test',
      type: TEST_EVENT_TYPE,
      time: new Date(now).toISOString(),
      datacontenttype: 'application/json',
    },
    data: Buffer.from(JSON.stringify({ message: `test event for queue ${queue.name}` })),
  };
  const hookId = webhookId(tenant, queue.name, '/eventq/test', id);
  const request = buildDeliveryRequest({
    queue,
    event,
    webhookId: hookId,
    bearerToken: services.deliveryTokens.tokenFor(queue.sink, queueKey(queue.tenant, queue.name)),
    origin: services.origin,
    nowMs: now,
  });
  const started = performance.now();
  try {
    const response = await services.post(request);
    return {
      status: 200,
      body: { status: response.status, latencyMs: Math.round(response.latencyMs), webhookId: hookId },
    };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    return {
      status: 200,
      body: { status: 0, latencyMs, webhookId: hookId, error: describeSinkFailure(error) },
    };
  }
};
