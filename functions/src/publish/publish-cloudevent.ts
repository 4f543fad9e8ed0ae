// The producer side: builds a CloudEvent, validates it, and publishes it to a
// tenant's topic in the Pub/Sub binding's binary mode (ce- attributes).
import { randomUUID } from 'node:crypto';
import type { PubSub } from '@google-cloud/pubsub';
import { EventCatalog } from '../catalog/event-catalog';
import type { CloudEvent, CloudEventAttributeValue } from '../cloudevents/cloudevent';
import { encodePubsubBinary } from '../cloudevents/encode-http';
import { orderingKeyOf } from '../cloudevents/ordering-key';
import { validateCloudEvent } from '../cloudevents/validate-cloudevent';
import { apiConfigSpec } from '../config/api-config';
import { parseConfig } from '../config/config-variable';
import { topicId } from '../tenancy/resource-names';

let defaultCatalog: EventCatalog | undefined;

/**
 * The operator's catalog (EVENTQ_EVENT_TYPES), else the device events: read
 * with the api's own declaration of that variable, so producer and api agree.
 */
export function producerCatalog(env: NodeJS.ProcessEnv = process.env): EventCatalog {
  defaultCatalog ??= new EventCatalog(parseConfig({ eventTypes: apiConfigSpec.eventTypes }, env).eventTypes);
  return defaultCatalog;
}

export interface CloudEventInput {
  readonly type: string;
  readonly source: string;
  /** Defaults to a random UUID. */
  readonly id?: string;
  readonly subject?: string;
  /** Defaults to now. */
  readonly time?: string;
  readonly dataschema?: string;
  /** Bytes are sent as they are (give datacontenttype); anything else as JSON. */
  readonly data?: unknown;
  readonly datacontenttype?: string;
  readonly extensions?: Readonly<Record<string, CloudEventAttributeValue>>;
}

/**
 * Builds and validates the event: CloudEvents 1.0 rules, and for a catalog type
 * its data against the type's JSON Schema (InvalidCloudEventError otherwise).
 */
export function buildCloudEvent(
  input: CloudEventInput,
  catalog: EventCatalog = producerCatalog(),
): CloudEvent {
  if (input.data !== undefined && !Buffer.isBuffer(input.data) && !(input.data instanceof Uint8Array)) {
    catalog.validateData(input.type, input.data);
  }
  const attributes: Record<string, CloudEventAttributeValue> = {
    ...input.extensions,
    specversion: '1.0',
    id: input.id ?? randomUUID(),
    source: input.source,
    type: input.type,
    time: input.time ?? new Date().toISOString(),
  };
  if (input.subject !== undefined) attributes.subject = input.subject;
  if (input.dataschema !== undefined) attributes.dataschema = input.dataschema;
  let data: Buffer | undefined;
  if (Buffer.isBuffer(input.data) || input.data instanceof Uint8Array) {
    data = Buffer.from(input.data);
    attributes.datacontenttype = input.datacontenttype ?? 'application/octet-stream';
  } else if (input.data !== undefined) {
    data = Buffer.from(JSON.stringify(input.data));
    attributes.datacontenttype = input.datacontenttype ?? 'application/json';
  }
  const event: CloudEvent = data === undefined ? { attributes } : { attributes, data };
  validateCloudEvent(event);
  return event;
}

/**
 * Publishes to the tenant's topic; resolves to the Pub/Sub message id. The
 * ordering key (partitionkey, else subject) lets ordered queues deliver one
 * key's events in publish order.
 */
export async function publishCloudEvent(
  pubsub: PubSub,
  tenant: string,
  input: CloudEventInput,
): Promise<string> {
  const event = buildCloudEvent(input);
  const { data, attributes } = encodePubsubBinary(event);
  const orderingKey = orderingKeyOf(event);
  const topic = pubsub.topic(topicId(tenant), { messageOrdering: true });
  try {
    return await topic.publishMessage({ data, attributes, ...(orderingKey ? { orderingKey } : {}) });
  } catch (error) {
    // The client pauses a key after a failed publish, to keep order; the caller decides to try again.
    if (orderingKey) topic.resumePublishing(orderingKey);
    throw error;
  }
}
