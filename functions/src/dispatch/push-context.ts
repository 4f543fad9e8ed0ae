// What one push has become after each step of the pipeline (handle-push.ts).
// Each step takes the previous shape and returns the next, or the PushAnswer
// that ends the push early.
import type { CloudEvent } from '../cloudevents/cloudevent';
import type { SinkResponse } from '../delivery/post-to-sink';
import type { QueueDefinition } from '../queues/queue-definition';
import type { PushEnvelope } from './push-envelope';

/** What arrived over HTTP. */
export interface PushRequest {
  readonly authorization: string | undefined;
  readonly body: unknown;
}

/** A well-formed envelope from a subscription of eventq's, and the queue it names. */
export interface AddressedPush {
  readonly envelope: PushEnvelope;
  readonly tenant: string;
  readonly queueName: string;
}

/** The push and its queue's active definition. */
export interface QueuedPush {
  readonly envelope: PushEnvelope;
  readonly queue: QueueDefinition;
}

/**
 * A valid CloudEvent for the queue, with the fields every log line of it
 * carries. The envelope no longer holds the message's base64 data: its bytes
 * are `messageData` (for a binary-mode message, the very buffer that is the
 * event's data), so that a large event is held once while it is delivered.
 */
export interface DecodedPush extends QueuedPush {
  readonly messageData: Buffer | undefined;
  readonly event: CloudEvent;
  readonly fields: DeliveryFields;
}

/** An event the queue takes, admitted to its sink now. */
export interface AdmittedPush extends DecodedPush {
  readonly webhookId: string;
}

/** One exchange with the sink: its answer, or why there was none. */
export interface SinkAttempt {
  readonly push: AdmittedPush;
  readonly response?: SinkResponse;
  /** Set when the request could not be built or the sink did not answer. */
  readonly error?: unknown;
  readonly latencyMs: number;
}

export interface DeliveryFields {
  readonly tenant: string;
  readonly queue: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly messageId: string;
}
