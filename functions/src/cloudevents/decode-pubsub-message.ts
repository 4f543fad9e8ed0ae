// The CloudEvents Pub/Sub protocol binding, receiving side: a Pub/Sub message
// (push envelope or Node client) to a CloudEvent. Decoding only maps the
// binding; validateCloudEvent judges the attributes afterwards.
//
// Attribute keys are matched exactly as eventq's contract names them
// (`content-type`, `ce-<name>`): Pub/Sub keys are case-sensitive, and the
// subscription filters built by toPubsubFilter see the keys as published.

import { InvalidCloudEventError } from '../errors';
import type { CloudEvent, CloudEventAttributeValue, PubsubMessageLike } from './cloudevent';
import { fromStructuredJson } from './json-format';
import { isStructuredJsonMediaType } from './media-type';

const CONTENT_TYPE = 'content-type';

function messageBytes(data: PubsubMessageLike['data']): Buffer | undefined {
  if (data === undefined || data === null || data.length === 0) return undefined;
  if (typeof data === 'string') return Buffer.from(data, 'base64');
  if (Buffer.isBuffer(data)) return data;
  // A Uint8Array view: wrap its memory rather than copy it.
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function decodeStructured(bytes: Buffer | undefined): CloudEvent {
  if (bytes === undefined) {
    throw new InvalidCloudEventError('a structured-mode message must carry the JSON event as its data');
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new InvalidCloudEventError(
      `a structured-mode message's data is not valid JSON: ${(error as Error).message}`,
    );
  }
  return fromStructuredJson(json);
}

function decodeBinary(
  attributes: Readonly<Record<string, string>> | null | undefined,
  contentType: string | undefined,
  data: Buffer | undefined,
): CloudEvent {
  const event: Record<string, CloudEventAttributeValue> = {};
  let ceContentType: string | undefined;
  for (const key in attributes) {
    // Anything without the prefix is transport metadata (googclient_*, eventq-*, ...).
    if (key.charCodeAt(0) !== 0x63 || key.charCodeAt(1) !== 0x65 || key.charCodeAt(2) !== 0x2d) continue;
    const name = key.slice(3);
    if (name === 'datacontenttype') {
      ceContentType = attributes[key];
    } else if (name === '__proto__') {
      // Assigning it would change the object's prototype instead of adding an attribute.
      throw new InvalidCloudEventError(
        'attribute name "__proto__" must consist of lowercase letters a-z and digits 0-9',
      );
    } else {
      event[name] = attributes[key]!;
    }
  }
  // The binding says the content-type attribute MUST be used when present, so it wins.
  const datacontenttype = contentType ?? ceContentType;
  if (datacontenttype !== undefined) event.datacontenttype = datacontenttype;
  return data === undefined ? { attributes: event } : { attributes: event, data };
}

/**
 * Decodes a Pub/Sub message in either content mode. Throws InvalidCloudEventError
 * when the message cannot be an event at all (malformed structured JSON); the
 * attribute rules are left to validateCloudEvent.
 */
export function decodePubsubMessage(message: PubsubMessageLike): CloudEvent {
  const attributes = message.attributes;
  const contentType = attributes?.[CONTENT_TYPE];
  const data = messageBytes(message.data);
  if (contentType !== undefined && isStructuredJsonMediaType(contentType)) return decodeStructured(data);
  return decodeBinary(attributes, contentType, data);
}
