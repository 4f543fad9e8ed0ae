// The CloudEvents Pub/Sub protocol binding, sending side, binary mode: what
// the CLI and the API's test event publish. Pub/Sub attribute values may hold
// any UTF-8, so unlike HTTP headers they are not percent-encoded.

import type { CloudEvent } from './cloudevent';

export interface PubsubBinaryMessage {
  readonly data: Buffer;
  readonly attributes: Record<string, string>;
}

const EMPTY = Buffer.alloc(0);

export function encodePubsubBinary(event: CloudEvent): PubsubBinaryMessage {
  const attributes: Record<string, string> = {};
  const source = event.attributes;
  for (const name in source) {
    const value = source[name];
    if (value === undefined) continue;
    // The binding maps datacontenttype to the message's content-type attribute (§3.1.1).
    attributes[name === 'datacontenttype' ? 'content-type' : `ce-${name}`] = String(value);
  }
  return { data: event.data ?? EMPTY, attributes };
}
