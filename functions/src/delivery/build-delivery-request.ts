// Turns a CloudEvent for a queue into the HTTP request to its sink: the
// CloudEvents HTTP binding (binary unless the queue says structured), Standard
// Webhooks headers, the web-hook origin, and eventq's bearer JWT.
import type { CloudEvent } from '../cloudevents/cloudevent';
import { encodeHttpBinary, encodeHttpStructured } from '../cloudevents/encode-http';
import { type QueueDefinition, signingSecrets } from '../queues/queue-definition';
import type { SinkRequest } from './post-to-sink';
import { secretKey, signWebhook } from './webhook-signature';

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
  const { queue, event } = input;
  const encoded = queue.contentMode === 'structured' ? encodeHttpStructured(event) : encodeHttpBinary(event);
  const timestamp = Math.floor(input.nowMs / 1000);
  const keys = signingSecrets(queue, input.nowMs).map(secretKey);
  return {
    url: queue.sink!,
    method: 'POST',
    body: encoded.body,
    headers: {
      ...encoded.headers,
      'webhook-id': input.webhookId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(keys, input.webhookId, timestamp, encoded.body),
      'webhook-request-origin': input.origin,
      authorization: `Bearer ${input.bearerToken}`,
      'user-agent': USER_AGENT,
    },
  };
}
