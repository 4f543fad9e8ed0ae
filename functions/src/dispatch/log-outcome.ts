// The message log's touch for each outcome of a push (delivered, a failed
// attempt, dead-lettered, invalid, filtered), built from what the pipeline
// already holds: synchronous, no encoding (the writer encodes at flush).
import type { CloudEvent } from '../cloudevents/cloudevent';
import { webhookId } from '../delivery/webhook-id';
import { LOG_RESPONSE_EXCERPT_BYTES, LOG_STATE, type StoredAttempt } from '../message-log/log-entry';
import { REDRIVE_FOR_ATTRIBUTE } from '../pubsub/redrive-selection';
import type { DispatchDeps } from './dispatch-deps';
import type { AdmittedPush, DecodedPush, QueuedPush } from './push-context';
import type { PushEnvelope } from './push-envelope';

function publishTimeMs(envelope: PushEnvelope, nowMs: number): number {
  const parsed =
    envelope.message.publishTime === undefined ? Number.NaN : Date.parse(envelope.message.publishTime);
  return Number.isNaN(parsed) ? nowMs : parsed;
}

/** What the log keeps of a failed attempt (handle-failed-attempt's FailedAttempt has these fields). */
export interface AttemptFailure {
  readonly status: number | null;
  readonly detail: string;
  readonly bodyExcerpt?: string;
  readonly latencyMs: number | null;
}

const isRedrive = (envelope: PushEnvelope): boolean =>
  envelope.message.attributes?.[REDRIVE_FOR_ATTRIBUTE] !== undefined;

/** The sink's answer as kept: its first LOG_RESPONSE_EXCERPT_BYTES bytes (post-to-sink reads that many). */
function excerpt(body: string | undefined): string | undefined {
  if (!body) return undefined;
  const bytes = Buffer.from(body, 'utf8');
  return bytes.length <= LOG_RESPONSE_EXCERPT_BYTES
    ? body
    : bytes.subarray(0, LOG_RESPONSE_EXCERPT_BYTES).toString('utf8');
}

export function logDelivered(
  push: AdmittedPush,
  answer: {
    readonly status: number;
    readonly latencyMs: number;
    readonly note?: string;
    /** The first bytes of the sink's answer (post-to-sink keeps LOG_RESPONSE_EXCERPT_BYTES of it); '' without a body. */
    readonly bodyExcerpt?: string;
  },
  deps: DispatchDeps,
): void {
  const nowMs = deps.now();
  const attempt = push.envelope.deliveryAttempt ?? 1;
  deps.messageLog.record(
    {
      tenant: push.queue.tenant,
      queue: push.queue.name,
      webhookId: push.webhookId,
      state: LOG_STATE.delivered,
      event: push.event,
      publishTimeMs: publishTimeMs(push.envelope, nowMs),
      // One literal of a fixed shape, no spreads (delivery-log.ts says why): an absent
      // field is undefined, which the writer leaves out of the stored attempt.
      attempt: {
        atMs: nowMs,
        attempt,
        status: answer.status,
        latencyMs: answer.latencyMs,
        // What became of the sink's reply, when it gave one that was not published.
        error: answer.note,
        // The sink's answer to a delivery too, as to a failed attempt: what a tenant checks first.
        responseExcerpt: answer.bodyExcerpt || undefined,
      },
      deliveredAtMs: nowMs,
    },
    attempt > 1 || isRedrive(push.envelope),
  );
}

export function logFailedAttempt(
  push: AdmittedPush,
  failed: {
    readonly failure: AttemptFailure;
    readonly attempt: number | undefined;
    readonly atMs: number;
    /** Set when the event has been dead-lettered after this attempt. */
    readonly deadLetterReason?: string;
  },
  deps: DispatchDeps,
): void {
  const { failure } = failed;
  const attempt: StoredAttempt =
    failure.status === null
      ? {
          atMs: failed.atMs,
          attempt: failed.attempt ?? 1,
          error: failure.detail,
          latencyMs: failure.latencyMs ?? 0,
        }
      : {
          atMs: failed.atMs,
          attempt: failed.attempt ?? 1,
          status: failure.status,
          latencyMs: failure.latencyMs ?? 0,
          responseExcerpt: excerpt(failure.bodyExcerpt),
        };
  deps.messageLog.record({
    tenant: push.queue.tenant,
    queue: push.queue.name,
    webhookId: push.webhookId,
    state: failed.deadLetterReason === undefined ? LOG_STATE.failing : LOG_STATE['dead-lettered'],
    event: push.event,
    publishTimeMs: publishTimeMs(push.envelope, failed.atMs),
    attempt,
    reason: failed.deadLetterReason,
  });
}

/**
 * An invalid event may lack `id` or `source`, so its entry is named after the
 * Pub/Sub message, which is stable across Pub/Sub's retries of it and unique.
 */
export function invalidEventWebhookId(tenant: string, queue: string, messageId: string): string {
  return webhookId(tenant, queue, 'eventq:invalid', `pubsub-message:${messageId}`);
}

export function logInvalid(
  push: QueuedPush,
  decoded: CloudEvent | undefined,
  reason: string,
  deps: DispatchDeps,
): void {
  const { envelope, queue } = push;
  const nowMs = deps.now();
  // An event that could not be decoded at all is kept as its message's bytes.
  const event: CloudEvent = decoded ?? {
    attributes: {},
    data: envelope.message.data ? Buffer.from(envelope.message.data, 'base64') : undefined,
  };
  deps.messageLog.record({
    tenant: queue.tenant,
    queue: queue.name,
    webhookId: invalidEventWebhookId(queue.tenant, queue.name, envelope.message.messageId),
    state: LOG_STATE.invalid,
    event,
    publishTimeMs: publishTimeMs(envelope, nowMs),
    reason,
  });
}

export function logFiltered(push: DecodedPush, reason: string, deps: DispatchDeps): void {
  const { queue, event } = push;
  const nowMs = deps.now();
  deps.messageLog.record({
    tenant: queue.tenant,
    queue: queue.name,
    webhookId: webhookId(queue.tenant, queue.name, String(event.attributes.source), push.fields.eventId),
    state: LOG_STATE.filtered,
    event,
    publishTimeMs: publishTimeMs(push.envelope, nowMs),
    reason,
  });
}
