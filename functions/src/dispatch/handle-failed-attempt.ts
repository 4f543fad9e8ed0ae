// What dispatch does after an attempt the sink did not take: record it, count
// it, remember a Retry-After, track the sink's health (disable the queue after
// a long run of failures), and on the queue's last attempt dead-letter the
// event itself, so that eventq can count it (Pub/Sub's dead-letter policy stays
// as the backstop). Nothing here changes the answer except dead-lettering.
import type { CloudEvent } from '../cloudevents/cloudevent';
import { attemptNumber, type FailureRecord, failureError } from '../delivery/failure-record';
import { parseRetryAfter } from '../delivery/retry-after';
import { afterFailure } from '../queues/endpoint-health';
import type { QueueDefinition } from '../queues/queue-definition';
import type { DispatchDeps, PushAnswer } from './handle-push';
import type { PushEnvelope } from './push-envelope';

export interface FailedAttempt {
  /** The sink's status; null when it did not answer. */
  readonly status: number | null;
  readonly detail: string;
  readonly bodyExcerpt?: string;
  readonly retryAfter?: string | string[];
  readonly latencyMs: number | null;
}

const ACK: PushAnswer = { status: 204 };

export async function handleFailedAttempt(
  queue: QueueDefinition,
  envelope: PushEnvelope,
  event: CloudEvent,
  webhookId: string,
  failure: FailedAttempt,
  retry: PushAnswer,
  deps: DispatchDeps,
): Promise<PushAnswer> {
  const now = deps.now();
  const { policy } = deps;
  const key = `${queue.tenant}/${queue.name}`;
  const maxAttempts = queue.maxDeliveryAttempts ?? policy.defaultMaxDeliveryAttempts;
  const messageId = envelope.message.messageId;
  const fields = { tenant: queue.tenant, queue: queue.name, messageId };
  deps.count(queue.tenant, queue.name, 'failedAttempts');

  if (failure.status === 429 || failure.status === 503) {
    const waitMs = parseRetryAfter(failure.retryAfter, now);
    if (waitMs !== undefined) deps.holds.hold(key, now + waitMs);
  }

  let failedBefore: number | undefined;
  if (envelope.deliveryAttempt === undefined) {
    failedBefore = await deps.failures
      .countForMessage(queue.tenant, queue.name, messageId, maxAttempts)
      .catch((error: unknown) => {
        deps.log('ERROR', 'could not count earlier attempts', { ...fields, error: String(error) });
        return undefined;
      });
  }
  const attempt = attemptNumber(envelope.deliveryAttempt, failedBefore);
  const error = failureError(failure.status, failure.detail, failure.bodyExcerpt);
  const record: FailureRecord = {
    tenant: queue.tenant,
    queue: queue.name,
    eventId: String(event.attributes.id),
    type: String(event.attributes.type),
    source: String(event.attributes.source),
    webhookId,
    messageId,
    timeMs: now,
    status: failure.status,
    error,
    latencyMs: failure.latencyMs,
    attempt: attempt ?? null,
    expireAtMs: now + policy.failureRetentionMs,
  };
  await deps.failures.record(record).catch((e: unknown) => {
    deps.log('ERROR', 'could not record a failed attempt', { ...fields, error: String(e) });
  });

  await trackHealth(queue, now, deps);

  if (attempt === undefined || attempt < maxAttempts) return retry;
  try {
    await deps.keepDeadLetter({
      tenant: queue.tenant,
      queue: queue.name,
      subscription: envelope.subscription,
      messageId,
      publishTime: envelope.message.publishTime,
      data: Buffer.from(envelope.message.data ?? '', 'base64'),
      attributes: envelope.message.attributes ?? {},
      reason: `gave up after ${attempt} attempts: ${error}`,
    });
  } catch (keepError) {
    // Pub/Sub's own dead-letter policy takes it after this attempt.
    deps.log('ERROR', 'could not dead-letter after the last attempt', {
      ...fields,
      error: String(keepError),
    });
    return retry;
  }
  deps.count(queue.tenant, queue.name, 'deadLettered');
  deps.log('WARNING', `dead-lettered after ${attempt} attempts`, {
    ...fields,
    outcome: 'dead-lettered',
    error,
  });
  return ACK;
}

async function trackHealth(queue: QueueDefinition, now: number, deps: DispatchDeps): Promise<void> {
  const step = afterFailure(queue.failingSince, now, deps.policy.disableAfterMs);
  try {
    if (step.kind === 'start-failing') await deps.health.setFailingSince(queue, step.since);
    else if (step.kind === 'disable') {
      deps.log('WARNING', `queue disabled: ${step.reason}`, {
        tenant: queue.tenant,
        queue: queue.name,
        outcome: 'failed',
      });
      await deps.retireQueue(queue, step.reason);
    }
  } catch (error) {
    deps.log('ERROR', 'could not update the queue health', {
      tenant: queue.tenant,
      queue: queue.name,
      error: String(error),
    });
  }
}
