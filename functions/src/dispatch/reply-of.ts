// What a queue that takes replies ("replies": true) makes of a sink's 2xx
// answer: nothing (the answer is no event), a reply to publish to the tenant's
// topic with its causation and correlation set and one more hop, a reply
// refused (not a valid CloudEvent, too large: recorded, never retried), or one
// dropped beyond the hop limit (a loop of handlers replying to each other).
import type { CloudEvent } from '../cloudevents/cloudevent';
import { decodeHttpMessage } from '../cloudevents/decode-http';
import { validateCloudEvent } from '../cloudevents/validate-cloudevent';
import type { SinkResponse } from '../delivery/post-to-sink';
import { InvalidCloudEventError } from '../errors';

/** Bytes of a sink's answer read for a reply; an answer beyond it is refused as a reply. */
export const REPLY_MAX_BYTES = 1024 * 1024;
/** The extension that counts how many replies led to an event. */
export const HOPS_EXTENSION = 'eventqhops';
/** Hops a chain of replies may take, unless EVENTQ_REPLY_MAX_HOPS says otherwise, before the next reply is dropped. */
export const DEFAULT_REPLY_MAX_HOPS = 8;

export type ReplyVerdict =
  | { readonly kind: 'none' }
  | { readonly kind: 'reply'; readonly event: CloudEvent }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'dropped'; readonly reason: string };

const NONE: ReplyVerdict = { kind: 'none' };

export function replyOf(answer: SinkResponse, delivered: CloudEvent, maxHops: number): ReplyVerdict {
  if (answer.bodyTruncated) {
    if (
      answer.headers['ce-specversion'] === undefined &&
      !/cloudevents/i.test(String(answer.headers['content-type']))
    )
      return NONE;
    return { kind: 'refused', reason: `the reply is larger than ${REPLY_MAX_BYTES} bytes` };
  }
  let event: CloudEvent | undefined;
  try {
    event = decodeHttpMessage(answer.headers, answer.body ?? Buffer.alloc(0));
    if (event === undefined) return NONE;
    validateCloudEvent(event);
  } catch (error) {
    if (!(error instanceof InvalidCloudEventError)) throw error;
    return { kind: 'refused', reason: `the reply is not a valid CloudEvent: ${error.detail}` };
  }
  const hops = hopsOf(delivered) + 1;
  if (hops > maxHops) {
    return { kind: 'dropped', reason: `the reply would be hop ${hops}, beyond the limit of ${maxHops}` };
  }
  const cause = delivered.attributes;
  return {
    kind: 'reply',
    event: {
      attributes: {
        ...event.attributes,
        causationid: String(cause.id),
        correlationid: String(cause.correlationid ?? cause.id),
        [HOPS_EXTENSION]: String(hops),
      },
      ...(event.data === undefined ? {} : { data: event.data }),
    },
  };
}

function hopsOf(event: CloudEvent): number {
  const n = Number(event.attributes[HOPS_EXTENSION] ?? 0);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}
