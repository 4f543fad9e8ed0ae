// Turns a CloudEvent for a queue into the HTTP request to its sink: the
// CloudEvents HTTP binding (binary unless the queue says structured), Standard
// Webhooks headers, the web-hook origin, and eventq's bearer JWT.
import type { CloudEvent } from '../cloudevents/cloudevent';
import { encodeHttpBinary, encodeHttpStructured } from '../cloudevents/encode-http';
import { REPLY_MAX_BYTES } from '../dispatch/reply-of';
import { type QueueDefinition, signingSecrets } from '../queues/queue-definition';
import type { SinkRequest } from './post-to-sink';
import { signWebhook } from './webhook-signature';

export const USER_AGENT = 'eventq/0.1 (+https://github.com/eventq)';

export interface DeliveryRequestInput {
  readonly queue: QueueDefinition;
  readonly event: CloudEvent;
  readonly webhookId: string;
  readonly bearerToken: string;
  /** The sender's origin for WebHook-Request-Origin: the host of eventq's API. */
  readonly origin: string;
  readonly nowMs: number;
}

export function buildDeliveryRequest(input: DeliveryRequestInput): SinkRequest {
  const { queue, event, webhookId } = input;
  const timestamp = Math.floor(input.nowMs / 1000);
  // The fixed headers first, in one literal, and the event's added to them: spreading
  // the event's headers into a literal instead made V8 build the object in dictionary
  // mode, which cost ~11 µs a delivery (docs/benchmarks.md).
  const headers: Record<string, string> = {
    'content-length': '',
    'webhook-id': webhookId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': '',
    'webhook-request-origin': input.origin,
    authorization: `Bearer ${input.bearerToken}`,
    'user-agent': USER_AGENT,
  };
  const { body } =
    queue.contentMode === 'structured'
      ? encodeHttpStructured(event, headers)
      : encodeHttpBinary(event, headers);
  headers['content-length'] = String(body.length);
  headers['webhook-signature'] = signWebhook(signingSecrets(queue, input.nowMs), webhookId, timestamp, body);
  // A queue that takes replies reads the whole answer (up to the reply limit), not only its excerpt.
  return queue.replies
    ? { url: queue.sink!, method: 'POST', body, headers, keepBody: REPLY_MAX_BYTES }
    : { url: queue.sink!, method: 'POST', body, headers };
}
