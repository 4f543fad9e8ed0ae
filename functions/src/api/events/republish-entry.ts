// How a log entry is delivered again: its kept event, republished to the
// tenant's topic in structured mode, addressed (and signed) for its queue
// alone, the way a redrive is (pubsub/redrive-selection.ts). dispatch then
// delivers it with the same webhook-id (tenant, queue, source and id are the
// same), and the log writer adds the attempt to the same entry. A pull queue
// gets it the same way: `eventq queues listen` honours the address.
import { fromStructuredJson } from '../../cloudevents/json-format';
import { validateCloudEvent } from '../../cloudevents/validate-cloudevent';
import { ConflictError } from '../../errors';
import { LOG_KEPT_DATA_BYTES, type StoredLogEntry } from '../../message-log/log-entry';
import { withPubsubDeadline } from '../../pubsub/pubsub-deadline';
import { redriveAttributes } from '../../pubsub/redrive-selection';
import type { QueueStream } from '../../queues/queue-definition';
import { streamTopicId } from '../../tenancy/resource-names';
import type { ApiServices } from '../api-context';

const STRUCTURED = { 'content-type': 'application/cloudevents+json' };

/** The message to publish, or ConflictError (409) when the log cannot deliver this entry again. */
export function resendMessage(
  tenant: string,
  entry: StoredLogEntry,
  services: Pick<ApiServices, 'redriveKeys'>,
): { data: Buffer; attributes: Record<string, string> } {
  if (entry.dataOmitted) {
    throw new ConflictError(
      `the event's data (${entry.dataSize} bytes) was larger than the log keeps (${LOG_KEPT_DATA_BYTES} bytes): deliver it again with POST /v1/queues/${entry.queue}:replay and a since before its publishTime`,
    );
  }
  let valid = false;
  try {
    const event = fromStructuredJson(JSON.parse(entry.event));
    validateCloudEvent(event);
    valid = event.attributes.id === entry.id && event.attributes.source === entry.source;
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new ConflictError(
      `the event is not a valid CloudEvent (${entry.reason ?? 'invalid'}): it can never be delivered`,
    );
  }
  const address = { tenant, queue: entry.queue, source: entry.source, id: entry.id };
  return {
    data: Buffer.from(entry.event),
    attributes: redriveAttributes(STRUCTURED, address, services.redriveKeys),
  };
}

export async function republishEntry(
  tenant: string,
  entry: StoredLogEntry,
  services: ApiServices,
  /** The stream of the entry's queue: an ops queue's events go back to the ops topic. */
  stream: QueueStream = 'events',
): Promise<void> {
  const message = resendMessage(tenant, entry, services);
  await withPubsubDeadline('publish the event again', () =>
    services.pubsub().topic(streamTopicId(tenant, stream)).publishMessage(message),
  );
}
