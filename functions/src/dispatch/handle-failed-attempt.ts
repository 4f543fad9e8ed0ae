// What dispatch does after an attempt the sink did not take: count it, record
// it, remember a Retry-After, track the sink's health (the queue lifecycle
// disables it after a long run of failures), and on the queue's last attempt
// dead-letter the event itself, so that eventq can count it (Pub/Sub's
// dead-letter policy stays as the backstop). The answer is 503 (retry), or 204
// once the event is kept as a dead letter. Each attempt is shown in the message
// log (`failing`, or `dead-lettered` with the reason).
import { attemptNumber, type FailureRecord, failureError } from '../delivery/failure-record';
import { parseRetryAfter } from '../delivery/retry-after';
import { DeliveryFailedError } from '../errors';
import { queueKey } from '../tenancy/queue-key';
import { deadLetterOf } from './dead-letter-of';
import type { DispatchDeps } from './dispatch-deps';
import { logFailedAttempt } from './log-outcome';
import { ACK, PushAnswer } from './push-answer';
import type { AdmittedPush } from './push-context';

export interface FailedAttempt {
  /** The sink's status; null when it did not answer (or the request could not be made). */
  readonly status: number | null;
  readonly detail: string;
  readonly bodyExcerpt?: string;
  /** The sink's Retry-After, where its status allows one (429, 503). */
  readonly retryAfter?: string | string[];
  readonly latencyMs: number | null;
}

export async function handleFailedAttempt(
  attempt: { readonly push: AdmittedPush; readonly failure: FailedAttempt },
  deps: DispatchDeps,
): Promise<PushAnswer> {
  const { push, failure } = attempt;
  const { queue, envelope } = push;
  const now = deps.now();
  const maxAttempts = queue.maxDeliveryAttempts ?? deps.policy.defaultMaxDeliveryAttempts;
  const messageId = envelope.message.messageId;
  const fields = { tenant: queue.tenant, queue: queue.name, messageId };
  const retry = PushAnswer.of(
    new DeliveryFailedError(failure.status === null ? `delivery failed: ${failure.detail}` : failure.detail),
  );
  deps.count(queue.tenant, queue.name, 'failedAttempts');

  const waitMs = parseRetryAfter(failure.retryAfter, now);
  if (waitMs !== undefined) deps.holds.hold(queueKey(queue.tenant, queue.name), now + waitMs);

  // Production Pub/Sub numbers attempts when the subscription has a dead-letter
  // policy; without that number, the failures recorded so far count them.
  let failedBefore: number | undefined;
  if (envelope.deliveryAttempt === undefined) {
    failedBefore = await deps.failures
      .countForMessage(queue.tenant, queue.name, messageId, maxAttempts)
      .catch((error: unknown) => {
        deps.log('ERROR', 'could not count earlier attempts', { ...fields, error: String(error) });
        return undefined;
      });
  }
  const attemptNo = attemptNumber(envelope.deliveryAttempt, failedBefore);
  const error = failureError(failure.status, failure.detail, failure.bodyExcerpt);
  const record: FailureRecord = {
    tenant: queue.tenant,
    queue: queue.name,
    eventId: push.fields.eventId,
    type: push.fields.eventType,
    source: String(push.event.attributes.source),
    webhookId: push.webhookId,
    messageId,
    timeMs: now,
    status: failure.status,
    error,
    latencyMs: failure.latencyMs,
    attempt: attemptNo ?? null,
    expireAtMs: now + deps.policy.failureRetentionMs,
  };
  await deps.failures.record(record).catch((e: unknown) => {
    deps.log('ERROR', 'could not record a failed attempt', { ...fields, error: String(e) });
  });

  // Before the lifecycle, so that a run's delivery.failing at 100 % comes before its queue.disabled.
  deps.health.failedAttempt(queue, now, error);
  await deps.queues.afterFailedAttempt(queue, now);

  const logged = { failure, attempt: attemptNo, atMs: now };
  if (attemptNo === undefined || attemptNo < maxAttempts) {
    logFailedAttempt(push, logged, deps);
    return retry;
  }
  const reason = `gave up after ${attemptNo} attempts: ${error}`;
  try {
    await deps.keepDeadLetter(deadLetterOf(push, reason));
  } catch (keepError) {
    // Pub/Sub's own dead-letter policy takes it after this attempt.
    deps.log('ERROR', 'could not dead-letter after the last attempt', {
      ...fields,
      error: String(keepError),
    });
    logFailedAttempt(push, logged, deps);
    return retry;
  }
  logFailedAttempt(push, { ...logged, deadLetterReason: reason }, deps);
  deps.count(queue.tenant, queue.name, 'deadLettered');
  deps.health.deadLettered(queue, push.fields.eventId, now);
  deps.log('WARNING', `dead-lettered after ${attemptNo} attempts`, {
    ...fields,
    outcome: 'dead-lettered',
    error,
  });
  return ACK;
}
