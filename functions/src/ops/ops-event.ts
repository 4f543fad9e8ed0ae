// One operational event as a CloudEvent: `subject` is the resource (a queue
// name, or a token id), the extension `actor` says who acted (a token id, or
// `eventq`), and `causationid` / `correlationid` link it to what caused it.
// Never put a secret, a token or a signature in `data`.
import { randomUUID } from 'node:crypto';
import type { CloudEvent, CloudEventAttributeValue } from '../cloudevents/cloudevent';
import type { OpsEventType } from './ops-event-types';

export interface OpsEventInput {
  readonly tenant: string;
  readonly type: OpsEventType;
  /** The queue name, or the token id. */
  readonly subject: string;
  /** The token id that acted, or EVENTQ_ACTOR. */
  readonly actor: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** Defaults to a random UUID; give one to link an audit entry and its event. */
  readonly id?: string;
  /** The id of the event or audit entry that caused this one. */
  readonly causationid?: string;
  /** The root of the chain; defaults to causationid, else the event's own id. */
  readonly correlationid?: string;
  /** Defaults to now. */
  readonly time?: string;
}

/** The source of a tenant's operational events: one per tenant, so a filter on source selects a tenant. */
export const opsSourceOf = (tenant: string): string => `/eventq/tenants/${tenant}`;

export function opsEvent(input: OpsEventInput): CloudEvent {
  const id = input.id ?? randomUUID();
  const attributes: Record<string, CloudEventAttributeValue> = {
    specversion: '1.0',
    id,
    source: opsSourceOf(input.tenant),
    type: input.type,
    subject: input.subject,
    time: input.time ?? new Date().toISOString(),
    datacontenttype: 'application/json',
    actor: input.actor,
    correlationid: input.correlationid ?? input.causationid ?? id,
  };
  if (input.causationid !== undefined) attributes.causationid = input.causationid;
  return { attributes, data: Buffer.from(JSON.stringify(input.data)) };
}
