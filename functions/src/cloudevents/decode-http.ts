// The CloudEvents HTTP protocol binding, receiving side: an HTTP message (a
// sink's answer that may be a reply event) to a CloudEvent, in binary mode
// (`ce-` headers, §3.1) or structured mode (`application/cloudevents+json`,
// §3.2). Decoding only maps the binding; validateCloudEvent judges the result.
import type http from 'node:http';
import { InvalidCloudEventError } from '../errors';
import type { CloudEvent, CloudEventAttributeValue } from './cloudevent';
import { fromStructuredJson } from './json-format';
import { isStructuredJsonMediaType } from './media-type';
import { percentDecodeHeaderValue } from './percent-encode';

/**
 * The event an HTTP message carries; undefined when it carries none (no
 * `ce-specversion` header and not structured mode). Throws
 * InvalidCloudEventError when it claims to be an event and cannot be one.
 */
export function decodeHttpMessage(headers: http.IncomingHttpHeaders, body: Buffer): CloudEvent | undefined {
  const contentType = headerValue(headers['content-type']);
  if (contentType !== undefined && isStructuredJsonMediaType(contentType)) {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new InvalidCloudEventError(
        `a structured-mode body is not valid JSON: ${(error as Error).message}`,
      );
    }
    return fromStructuredJson(json);
  }
  if (headers['ce-specversion'] === undefined) return undefined;
  const attributes: Record<string, CloudEventAttributeValue> = {};
  for (const [key, raw] of Object.entries(headers)) {
    if (!key.startsWith('ce-')) continue;
    const name = key.slice(3);
    if (name === '__proto__' || name === 'datacontenttype') {
      throw new InvalidCloudEventError(`header "${key}" names no attribute a binary-mode message may carry`);
    }
    const value = percentDecodeHeaderValue(headerValue(raw) ?? '');
    if (value === undefined)
      throw new InvalidCloudEventError(`header "${key}" is not well-formed percent-encoded UTF-8`);
    attributes[name] = value;
  }
  if (contentType !== undefined) attributes.datacontenttype = contentType;
  return body.length > 0 ? { attributes, data: body } : { attributes };
}

/** Node joins repeated headers with ", " except set-cookie; an array is taken as its first value. */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
