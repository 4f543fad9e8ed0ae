// What dispatch does with one push, independent of HTTP plumbing: every
// collaborator is injected, so this is tested without I/O. The answer is the
// ack: 204 only when the sink took the event, or when it can never be
// delivered and has been kept elsewhere; anything a retry may cure is 503.
import type { PushTokenVerifier } from '../auth/verify-push-token';
import type { CloudEvent } from '../cloudevents/cloudevent';
import { decodePubsubMessage } from '../cloudevents/decode-pubsub-message';
import { validateCloudEvent } from '../cloudevents/validate-cloudevent';
import { buildDeliveryRequest } from '../delivery/build-delivery-request';
import type { DeliveryHolds } from '../delivery/delivery-holds';
import type { DeliveryTokenIssuer } from '../delivery/delivery-token';
import type { FailureRecord } from '../delivery/failure-record';
import type { SinkPoster } from '../delivery/post-to-sink';
import { webhookId } from '../delivery/webhook-id';
import { EventqError, InvalidCloudEventError, UnauthenticatedError } from '../errors';
import { matchesFilters } from '../filters/matches-filters';
import type { Logger } from '../observability/log';
import type { DeadLetter } from '../pubsub/dead-letters';
import { isForQueue } from '../pubsub/redrive-selection';
import { effectiveFilters, type QueueDefinition } from '../queues/queue-definition';
import type { StatCounter } from '../stats/delivery-counters';
import { parseQueueSubscription } from '../tenancy/resource-names';
import { type FailedAttempt, handleFailedAttempt } from './handle-failed-attempt';
import { type PushEnvelope, parsePushEnvelope } from './push-envelope';

export interface DispatchDeps {
  readonly verifyToken: PushTokenVerifier;
  readonly loadQueue: (tenant: string, queue: string) => Promise<QueueDefinition | undefined>;
  readonly post: SinkPoster;
  readonly tokens: DeliveryTokenIssuer;
  readonly origin: string;
  readonly keepDeadLetter: (letter: DeadLetter) => Promise<void>;
  /** Records that the sink answered 410 Gone: the queue is retired. */
  readonly retireQueue: (queue: QueueDefinition, reason: string) => Promise<void>;
  readonly log: Logger;
  readonly now: () => number;
  /** False when the queue's sink-granted rate (WebHook-Allowed-Rate) is used up. */
  readonly admit: (queue: QueueDefinition, nowMs: number) => boolean;
  /** Failed-attempt records (the failure path only). */
  readonly failures: {
    record(failure: FailureRecord): Promise<void>;
    countForMessage(tenant: string, queue: string, messageId: string, max: number): Promise<number>;
  };
  /** Adds to the in-memory delivery counters; they are flushed in batches. */
  readonly count: (tenant: string, queue: string, counter: StatCounter) => void;
  /** `failingSince` on the queue definition, written on transitions only. */
  readonly health: {
    setFailingSince(queue: QueueDefinition, since: string): Promise<void>;
    clearFailingSince(queue: QueueDefinition): Promise<void>;
  };
  /** Per-queue waits a sink asked for with Retry-After. */
  readonly holds: DeliveryHolds;
  readonly policy: {
    /** For queues created before they stored their own maxDeliveryAttempts. */
    readonly defaultMaxDeliveryAttempts: number;
    readonly failureRetentionMs: number;
    readonly disableAfterMs: number;
  };
}

export interface PushAnswer {
  readonly status: number;
  readonly body?: { code: string; detail: string };
}

const ACK: PushAnswer = { status: 204 };

function retry(error: EventqError | string): PushAnswer {
  const detail = typeof error === 'string' ? error : error.detail;
  return {
    status: 503,
    body: { code: typeof error === 'string' ? 'ERR_DELIVERY_FAILED' : error.code, detail },
  };
}

export async function handlePush(
  authorization: string | undefined,
  body: unknown,
  deps: DispatchDeps,
): Promise<PushAnswer> {
  try {
    await deps.verifyToken(authorization);
  } catch (error) {
    const reason = (error as { reason?: string }).reason ?? String(error);
    deps.log('WARNING', `push token refused: ${reason}`, { outcome: 'unauthenticated' });
    const refusal =
      error instanceof UnauthenticatedError ? error : new UnauthenticatedError('unauthenticated');
    return { status: 401, body: refusal.toJSON() };
  }

  let envelope: PushEnvelope;
  try {
    envelope = parsePushEnvelope(body);
  } catch (error) {
    const e = error as EventqError;
    deps.log('WARNING', `malformed push: ${e.detail}`, { outcome: 'malformed' });
    return { status: 400, body: e.toJSON() };
  }

  const names = parseQueueSubscription(envelope.subscription);
  if (!names) {
    deps.log('ERROR', `push from a subscription eventq did not create: ${envelope.subscription}`);
    return { status: 404, body: { code: 'ERR_NOT_FOUND', detail: 'unknown subscription' } };
  }

  let queue: QueueDefinition | undefined;
  try {
    queue = await deps.loadQueue(names.tenant, names.queue);
  } catch (error) {
    deps.log('ERROR', 'queue definition unavailable', { ...names, error: String(error) });
    return retry(error instanceof EventqError ? error : 'queue store unavailable');
  }
  // No definition: the queue is being deleted (the definition goes first, then the
  // subscription, whose messages go with it), or the store lost it. Either way it is
  // not delivered, and not acked either: an event is never dropped on a missing record.
  if (!queue) {
    deps.log('WARNING', 'push for a queue with no definition; not delivered, Pub/Sub will retry', {
      ...names,
      outcome: 'queue-gone',
    });
    return retry('the queue has no definition (deleted, or not readable)');
  }
  if (queue.status !== 'active') return retry(`queue is ${queue.status}`);

  let event: CloudEvent;
  try {
    event = decodePubsubMessage(envelope.message);
    validateCloudEvent(event);
  } catch (error) {
    if (!(error instanceof InvalidCloudEventError)) throw error;
    return keepUndeliverable(envelope, queue, error, deps);
  }

  const fields = {
    tenant: queue.tenant,
    queue: queue.name,
    eventId: String(event.attributes.id),
    eventType: String(event.attributes.type),
    messageId: envelope.message.messageId,
  };
  // A redriven dead letter goes back to its own queue only.
  if (!isForQueue(envelope.message.attributes, queue.name)) {
    deps.log('DEBUG', 'redriven for another queue', { ...fields, outcome: 'filtered' });
    return ACK;
  }
  if (!matchesFilters(event, effectiveFilters(queue))) {
    deps.log('DEBUG', 'filtered out', { ...fields, outcome: 'filtered' });
    deps.count(queue.tenant, queue.name, 'filteredOut');
    return ACK;
  }
  return deliver(queue, envelope, event, fields, deps);
}

async function deliver(
  queue: QueueDefinition,
  envelope: PushEnvelope,
  event: CloudEvent,
  fields: { tenant: string; queue: string; eventId: string; eventType: string; messageId: string },
  deps: DispatchDeps,
): Promise<PushAnswer> {
  const id = webhookId(queue.tenant, queue.name, String(event.attributes.source), fields.eventId);
  if (!deps.admit(queue, deps.now())) {
    deps.log('DEBUG', 'over the rate the sink allows; Pub/Sub will retry', { ...fields, outcome: 'failed' });
    return retry(`the sink allows ${queue.allowedRate} deliveries a minute`);
  }
  const heldUntil = deps.holds.heldUntil(`${queue.tenant}/${queue.name}`, deps.now());
  if (heldUntil !== undefined) {
    deps.log('DEBUG', 'the sink asked to wait (Retry-After); Pub/Sub will retry', { ...fields });
    return retry(`the sink asked not to be called before ${new Date(heldUntil).toISOString()}`);
  }
  const failed = (failure: FailedAttempt, answer: PushAnswer) =>
    handleFailedAttempt(queue, envelope, event, id, failure, answer, deps);
  const started = performance.now();
  try {
    const request = buildDeliveryRequest({
      queue,
      event,
      webhookId: id,
      bearerToken: await deps.tokens.tokenFor(queue.sink!),
      origin: deps.origin,
      nowMs: deps.now(),
    });
    const response = await deps.post(request);
    const latencyMs = Math.round(response.latencyMs);
    if (response.status >= 200 && response.status < 300) {
      deps.log('INFO', 'delivered', { ...fields, outcome: 'delivered', status: response.status, latencyMs });
      deps.count(queue.tenant, queue.name, 'delivered');
      if (queue.failingSince !== undefined) {
        await deps.health.clearFailingSince(queue).catch((e: unknown) => {
          deps.log('ERROR', 'could not mark the queue healthy', { ...fields, error: String(e) });
        });
      }
      return ACK;
    }
    const failure: FailedAttempt = {
      status: response.status,
      detail: `sink answered ${response.status}`,
      bodyExcerpt: response.bodyExcerpt,
      retryAfter: response.headers['retry-after'],
      latencyMs,
    };
    if (response.status === 410) {
      const reason = `sink answered 410 Gone at ${new Date(deps.now()).toISOString()}`;
      deps.log('WARNING', 'sink is gone; queue retired', { ...fields, outcome: 'sink-gone', status: 410 });
      await deps.retireQueue(queue, reason);
      return failed(failure, retry(reason));
    }
    deps.log('WARNING', 'delivery failed', {
      ...fields,
      outcome: 'failed',
      status: response.status,
      latencyMs,
    });
    return failed(failure, retry(`sink answered ${response.status}`));
  } catch (error) {
    const message = error instanceof EventqError ? error.detail : (error as Error).message;
    deps.log('WARNING', 'delivery failed', { ...fields, outcome: 'failed', error: message });
    return failed(
      { status: null, detail: message, latencyMs: Math.round(performance.now() - started) },
      retry(`delivery failed: ${message}`),
    );
  }
}

async function keepUndeliverable(
  envelope: PushEnvelope,
  queue: QueueDefinition,
  error: InvalidCloudEventError,
  deps: DispatchDeps,
): Promise<PushAnswer> {
  const { message } = envelope;
  try {
    await deps.keepDeadLetter({
      tenant: queue.tenant,
      queue: queue.name,
      subscription: envelope.subscription,
      messageId: message.messageId,
      publishTime: message.publishTime,
      data: Buffer.from(message.data ?? '', 'base64'),
      attributes: message.attributes ?? {},
      reason: error.detail,
    });
  } catch (keepError) {
    deps.log('ERROR', 'could not keep an invalid event; Pub/Sub will retry', {
      tenant: queue.tenant,
      queue: queue.name,
      messageId: message.messageId,
      error: String(keepError),
    });
    return retry('could not keep the invalid event');
  }
  deps.count(queue.tenant, queue.name, 'deadLettered');
  deps.log('WARNING', `invalid CloudEvent dead-lettered: ${error.detail}`, {
    tenant: queue.tenant,
    queue: queue.name,
    messageId: message.messageId,
    outcome: 'dead-lettered',
    error: error.detail,
  });
  return ACK;
}
