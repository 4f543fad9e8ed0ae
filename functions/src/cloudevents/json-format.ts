// The CloudEvents JSON event format (formats/json-format.md): the body of
// structured mode in the Pub/Sub and HTTP bindings, and what the CLI prints.
// Only the envelope is handled here; attribute rules live in validate-cloudevent.

import { InvalidCloudEventError } from '../errors';
import type { CloudEvent, CloudEventAttributeValue } from './cloudevent';
import { hasUtf8Charset, isJsonMediaType, isTextMediaType } from './media-type';

// fatal: bytes that are not UTF-8 must travel as data_base64, not be mangled.
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** RFC 4648 base64 (standard alphabet); the trailing padding may be omitted. */
function isBase64(s: string): boolean {
  let end = s.length;
  if (end > 0 && s.charCodeAt(end - 1) === 0x3d) {
    if (end % 4 !== 0) return false;
    end -= s.charCodeAt(end - 2) === 0x3d ? 2 : 1;
  }
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const ok =
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x2b ||
      c === 0x2f;
    if (!ok) return false;
  }
  return end % 4 !== 1;
}

function nonEmpty(bytes: Buffer): Buffer | undefined {
  // Binary mode cannot tell "no data" from "zero bytes", so neither does eventq.
  return bytes.length > 0 ? bytes : undefined;
}

function dataFromMember(
  data: unknown,
  attributes: Record<string, CloudEventAttributeValue>,
): Buffer | undefined {
  let contentType = attributes.datacontenttype;
  if (contentType === undefined) {
    // §3.1.2: absent means application/json; made explicit so that binary mode keeps the meaning.
    contentType = 'application/json';
    attributes.datacontenttype = contentType;
  }
  // A non-string content type is reported by validation; read the data as JSON meanwhile.
  if (typeof contentType !== 'string' || isJsonMediaType(contentType)) {
    // `null` is an explicit JSON null payload, distinct from no data (§3.1.1).
    return Buffer.from(JSON.stringify(data), 'utf8');
  }
  if (typeof data === 'string') return nonEmpty(Buffer.from(data, 'utf8'));
  if (data === null) return undefined;
  throw new InvalidCloudEventError(
    `"data" must be a string when datacontenttype "${contentType}" is not JSON; send bytes as "data_base64"`,
  );
}

/** The inverse of toStructuredJson: a parsed `application/cloudevents+json` body to an event. */
export function fromStructuredJson(json: unknown): CloudEvent {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InvalidCloudEventError('a structured-mode event must be a JSON object');
  }
  const input = json as Record<string, unknown>;
  const attributes: Record<string, CloudEventAttributeValue> = {};
  let hasData = false;
  let data: unknown;
  let dataBase64: unknown;
  for (const name in input) {
    const value = input[name];
    if (name === 'data') {
      hasData = true;
      data = value;
    } else if (name === 'data_base64') {
      dataBase64 = value;
    } else if (value !== null) {
      // null means unset (§2.2). Objects and arrays have no place in the type system.
      const type = typeof value;
      if (type !== 'string' && type !== 'number' && type !== 'boolean') {
        throw new InvalidCloudEventError(
          `attribute ${JSON.stringify(name)} must be a string, boolean or integer, not ${Array.isArray(value) ? 'an array' : `a JSON ${type}`}`,
        );
      }
      if (name === '__proto__') {
        // Assigning it would change the object's prototype instead of adding an attribute.
        throw new InvalidCloudEventError(
          'attribute name "__proto__" must consist of lowercase letters a-z and digits 0-9',
        );
      }
      attributes[name] = value as CloudEventAttributeValue;
    }
  }
  if (dataBase64 !== undefined && dataBase64 !== null) {
    if (hasData) throw new InvalidCloudEventError('an event has "data" or "data_base64", not both');
    if (typeof dataBase64 !== 'string' || !isBase64(dataBase64)) {
      throw new InvalidCloudEventError('"data_base64" must be a base64 string (RFC 4648)');
    }
    const bytes = nonEmpty(Buffer.from(dataBase64, 'base64'));
    return bytes === undefined ? { attributes } : { attributes, data: bytes };
  }
  const bytes = hasData ? dataFromMember(data, attributes) : undefined;
  return bytes === undefined ? { attributes } : { attributes, data: bytes };
}

type DataMember =
  | { readonly kind: 'json'; readonly text: string; readonly value: unknown }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'base64' };

/** How §3.1.1 says the event's bytes are to be carried in JSON. */
function dataMember(data: Buffer, contentType: CloudEventAttributeValue | undefined): DataMember {
  // Without a content type nothing may be assumed about the bytes: base64.
  if (typeof contentType !== 'string') return { kind: 'base64' };
  const json = isJsonMediaType(contentType);
  if (!json && !(isTextMediaType(contentType) && hasUtf8Charset(contentType))) return { kind: 'base64' };
  let text: string;
  try {
    text = STRICT_UTF8.decode(data);
  } catch {
    return { kind: 'base64' };
  }
  if (!json) return { kind: 'text', text };
  try {
    return { kind: 'json', text, value: JSON.parse(text) };
  } catch {
    // Declared JSON but is not: keep the bytes exactly rather than fail the delivery.
    return { kind: 'base64' };
  }
}

/**
 * The JSON-format object of an event. JSON data becomes a JSON value (numbers
 * beyond double precision are rounded by JSON.parse; structuredJsonText keeps them).
 */
export function toStructuredJson(event: CloudEvent): Record<string, unknown> {
  const out: Record<string, unknown> = { ...event.attributes };
  const data = event.data;
  if (data === undefined || data.length === 0) return out;
  const member = dataMember(data, event.attributes.datacontenttype);
  if (member.kind === 'json') out.data = member.value;
  else if (member.kind === 'text') out.data = member.text;
  else out.data_base64 = data.toString('base64');
  return out;
}

/**
 * The JSON-format bytes of an event: as structuredJsonText, but JSON data is
 * copied byte for byte into the body, without first becoming a string as
 * large as itself (which then had to be encoded again).
 */
export function structuredJsonBytes(event: CloudEvent): Buffer {
  const data = event.data;
  if (data === undefined || data.length === 0) return Buffer.from(JSON.stringify(event.attributes), 'utf8');
  const member = dataMember(data, event.attributes.datacontenttype);
  // A byte order mark is dropped by the decoder, and may not stand inside the JSON text.
  const bom = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
  if (member.kind !== 'json' || bom) return Buffer.from(structuredJsonText(event), 'utf8');
  const head = JSON.stringify(event.attributes);
  const separator = head.length > 2 ? ',' : '';
  return Buffer.concat([Buffer.from(`${head.slice(0, -1)}${separator}"data":`, 'utf8'), data, CLOSE]);
}

const CLOSE = Buffer.from('}');

/** The JSON-format text of an event, with JSON data copied verbatim rather than re-serialized. */
export function structuredJsonText(event: CloudEvent): string {
  const head = JSON.stringify(event.attributes);
  const data = event.data;
  if (data === undefined || data.length === 0) return head;
  const member = dataMember(data, event.attributes.datacontenttype);
  const value =
    member.kind === 'json'
      ? member.text
      : JSON.stringify(member.kind === 'text' ? member.text : data.toString('base64'));
  const name = member.kind === 'base64' ? 'data_base64' : 'data';
  const separator = head.length > 2 ? ',' : '';
  return `${head.slice(0, -1)}${separator}"${name}":${value}}`;
}
