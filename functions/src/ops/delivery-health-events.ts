// What dispatch says on a tenant's ops stream about its deliveries:
// delivery.failing (with escalation), delivery.recovered, delivery.exhausted
// (added up per window) and queue.disabled, all with actor `eventq`. Called
// from the failure path and from state transitions only, never for an
// ordinary delivery, and never waits: the publisher sends in the background.
// Nothing here writes to Firestore.
import type { QueueDefinition } from '../queues/queue-definition';
import { queueKey } from '../tenancy/queue-key';
import { ExhaustedWindows } from './exhausted-windows';
import { FailingTracker } from './failing-tracker';
import { EVENTQ_ACTOR } from './ops-event-types';
import type { OpsPublisher } from './ops-publisher';

type QueueRef = Pick<QueueDefinition, 'tenant' | 'name'>;

export interface DeliveryHealthEvents {
  /** After a failed attempt, with the queue as dispatch loaded it. */
  failedAttempt(
    queue: Pick<QueueDefinition, 'tenant' | 'name' | 'failingSince'>,
    nowMs: number,
    error: string,
  ): void;
  /** A delivery to a queue whose definition shows no run of failures (the common case: a size check). */
  delivered(queue: QueueRef): void;
  /** dispatch ended a run of failures that began at `since` (it cleared failingSince). */
  recovered(queue: QueueRef, since: string, nowMs: number): void;
  deadLettered(queue: QueueRef, eventId: string, nowMs: number): void;
  /** eventq disabled the queue (it is written): a 410 (status), or the disable window. */
  disabled(queue: QueueRef, reason: string, status?: number): void;
  /** Publishes the exhausted windows that are over; from request handling. */
  poke(nowMs: number): void;
  /** Publishes every open window and waits for the publisher to send what it holds (shutdown, tests). */
  drain(): Promise<void>;
}

export interface DeliveryHealthOptions {
  readonly publisher: OpsPublisher;
  readonly failingAfterAttempts: number;
  readonly failingAfterMs: number;
  readonly disableAfterMs: number;
  readonly exhaustedWindowMs: number;
  readonly now: () => number;
  readonly schedule?: (run: () => void, ms: number) => void;
}

/** A sink's error as the event shows it: short, since a body excerpt may follow the status. */
const MAX_ERROR_CHARS = 300;

export function createDeliveryHealthEvents(options: DeliveryHealthOptions): DeliveryHealthEvents {
  const { publisher } = options;
  const failing = new FailingTracker({
    afterAttempts: options.failingAfterAttempts,
    afterMs: options.failingAfterMs,
    disableAfterMs: options.disableAfterMs,
  });
  const publish = (
    queue: QueueRef,
    type: Parameters<OpsPublisher['publish']>[0]['type'],
    data: Record<string, unknown>,
  ) => publisher.publish({ tenant: queue.tenant, type, subject: queue.name, actor: EVENTQ_ACTOR, data });
  const exhausted = new ExhaustedWindows({
    windowMs: options.exhaustedWindowMs,
    now: options.now,
    schedule: options.schedule,
    emit: ({ tenant, queue, ...counted }) =>
      publish({ tenant, name: queue }, 'io.eventq.delivery.exhausted', { queue, ...counted }),
  });

  return {
    failedAttempt(queue, nowMs, error) {
      const report = failing.failed(queueKey(queue.tenant, queue.name), queue.failingSince, nowMs);
      if (report === undefined) return;
      publish(queue, 'io.eventq.delivery.failing', {
        queue: queue.name,
        ...report,
        lastError: error.slice(0, MAX_ERROR_CHARS),
      });
    },
    delivered(queue) {
      failing.delivered(queue.tenant, queue.name);
    },
    recovered(queue, since, nowMs) {
      if (!failing.recovered(queueKey(queue.tenant, queue.name), since, nowMs)) return;
      publish(queue, 'io.eventq.delivery.recovered', {
        queue: queue.name,
        since,
        recoveredAt: new Date(nowMs).toISOString(),
      });
    },
    deadLettered(queue, eventId, nowMs) {
      exhausted.add(queue.tenant, queue.name, eventId, nowMs);
    },
    disabled(queue, reason, status) {
      publish(queue, 'io.eventq.queue.disabled', {
        queue: queue.name,
        reason,
        ...(status !== undefined ? { status } : {}),
      });
    },
    poke: (nowMs) => exhausted.closeDue(nowMs),
    async drain() {
      exhausted.closeAll();
      await publisher.drain();
    },
  };
}

/** For dispatch built without a publisher (unit tests of the pipeline): reports nothing. */
export const silentDeliveryHealth: DeliveryHealthEvents = {
  failedAttempt: () => undefined,
  delivered: () => undefined,
  recovered: () => undefined,
  deadLettered: () => undefined,
  disabled: () => undefined,
  poke: () => undefined,
  drain: async () => undefined,
};
