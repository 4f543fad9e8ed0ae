// Reads a delivery with the cloudevents SDK, as a tenant's receiver would. The
// SDK (v10) does not undo the percent-encoding that the HTTP binding 1.0.2
// (section 3.1.3.2) requires of ce- header values, so string attributes are
// decoded here, as the binding tells a receiver to.
import { HTTP } from 'cloudevents';
import type { ReceivedDelivery } from './webhook-receiver';

export function headerRecord(delivery: ReceivedDelivery): Record<string, string> {
  return Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k, String(v)]));
}

export function readCloudEvent(delivery: ReceivedDelivery): Record<string, unknown> {
  const parsed = HTTP.toEvent({ headers: headerRecord(delivery), body: delivery.body.toString('utf8') });
  const event = (Array.isArray(parsed) ? parsed[0] : parsed) as unknown as Record<string, unknown>;
  const binary = delivery.headers['ce-specversion'] !== undefined;
  const out: Record<string, unknown> = { ...event };
  if (binary) {
    for (const [name, value] of Object.entries(out)) {
      if (typeof value === 'string' && name !== 'data') out[name] = decodeURIComponent(value);
    }
  }
  return out;
}
