// Everything a push needs from outside, injected so that the pipeline is
// tested without I/O (test/unit/dispatch) and wired once by createDispatch.
import type { PushTokenVerifier } from '../auth/verify-push-token';
import type { PubsubBinaryMessage } from '../cloudevents/encode-pubsub-binary';
import type { DeliveryHolds } from '../delivery/delivery-holds';
import type { DeliveryTokenIssuer } from '../delivery/delivery-token';
import type { FailureRecord } from '../delivery/failure-record';
import type { SinkSender } from '../delivery/post-to-sink';
import type { Eventually } from '../eventually';
import type { MessageLog } from '../message-log/message-log';
import type { Logger } from '../observability/log';
import type { DeliveryHealthEvents } from '../ops/delivery-health-events';
import type { DeadLetter } from '../pubsub/dead-letters';
import type { RedriveKeys } from '../pubsub/redrive-signature';
import type { QueueDefinition } from '../queues/queue-definition';
import type { QueueLifecycle } from '../queues/queue-lifecycle';
import type { StatCounter } from '../stats/delivery-counters';
import type { PushAnswer } from './push-answer';

export interface DispatchDeps {
  /** Nothing when the token is known good (cached), else a promise that rejects if it is not. */
  readonly verifyToken: PushTokenVerifier;
  /** Loading (cached), retiring and the health of queues. */
  readonly queues: QueueLifecycle;
  /** The request to the sink, with a callback rather than a promise: one promise a delivery. */
  readonly post: SinkSender;
  readonly tokens: DeliveryTokenIssuer;
  /** eventq's origin, sent as WebHook-Request-Origin. */
  readonly origin: string;
  readonly keepDeadLetter: (letter: DeadLetter) => Promise<void>;
  /** Publishes a sink's reply event to the tenant's topic (queues with replies on). */
  readonly publishReply: (tenant: string, message: PubsubBinaryMessage) => Promise<void>;
  readonly log: Logger;
  readonly now: () => number;
  /** False when the queue's sink-granted rate (WebHook-Allowed-Rate) is used up. */
  readonly admit: (queue: QueueDefinition, nowMs: number) => boolean;
  /** Per-queue waits a sink asked for with Retry-After. */
  readonly holds: DeliveryHolds;
  /** Failed-attempt records (the failure path only). */
  readonly failures: {
    record(failure: FailureRecord): Promise<void>;
    countForMessage(tenant: string, queue: string, messageId: string, max: number): Promise<number>;
  };
  /** Verifies the address eventq puts on its redrives and resends (redrive-signature.ts). */
  readonly redriveKeys: RedriveKeys;
  /** The message log: one synchronous touch per outcome; written in batches, never waited for. */
  readonly messageLog: MessageLog;
  /** The ops stream's delivery-health events (failure path and transitions only; never waited for). */
  readonly health: DeliveryHealthEvents;
  /** Adds to the in-memory delivery counters; they are flushed in batches. */
  readonly count: (tenant: string, queue: string, counter: StatCounter) => void;
  readonly policy: {
    /** For queues created before they stored their own maxDeliveryAttempts. */
    readonly defaultMaxDeliveryAttempts: number;
    readonly failureRetentionMs: number;
    /** Hops a chain of replies may take before the next reply is dropped (EVENTQ_REPLY_MAX_HOPS). */
    readonly replyMaxHops: number;
  };
}

/** One step of a push: the next shape of it, or the answer that ends it. */
export type PushStep<In, Out> = (input: In, deps: DispatchDeps) => Eventually<Out | PushAnswer>;
