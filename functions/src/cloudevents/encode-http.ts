// The CloudEvents HTTP protocol binding, sending side: how eventq delivers an
// event to a push queue's sink, in binary (default) or structured content mode.

import type { CloudEvent } from './cloudevent';
import { structuredJsonBytes } from './json-format';
import { percentEncodeHeaderValue } from './percent-encode';

export interface HttpMessage {
  /** Lowercase header names. */
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

const EMPTY = Buffer.alloc(0);

/**
 * Binary mode (§3.1): every attribute as a `ce-<name>` header, its canonical
 * string percent-encoded, except datacontenttype, which is `content-type`
 * (and never also `ce-datacontenttype`); the data bytes are the body.
 * The headers are added to `headers` when given (see build-delivery-request.ts).
 */
export function encodeHttpBinary(event: CloudEvent, headers: Record<string, string> = {}): HttpMessage {
  const attributes = event.attributes;
  for (const name in attributes) {
    const value = attributes[name];
    if (value === undefined) continue;
    if (name === 'datacontenttype') headers['content-type'] = String(value);
    else headers[`ce-${name}`] = percentEncodeHeaderValue(String(value));
  }
  return { headers, body: event.data ?? EMPTY };
}

/** Structured mode (§3.2): the JSON event format as the body. */
export function encodeHttpStructured(event: CloudEvent, headers: Record<string, string> = {}): HttpMessage {
  headers['content-type'] = STRUCTURED_CONTENT_TYPE;
  return { headers, body: structuredJsonBytes(event) };
}

// Kept importable from here, where callers that encode events look for them.
export { encodePubsubBinary } from './encode-pubsub-binary';
export { toStructuredJson } from './json-format';
