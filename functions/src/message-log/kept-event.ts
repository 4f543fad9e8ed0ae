// The event as the log keeps it: its structured-mode JSON text (every
// attribute, extensions included, so that a resend is the same event), with
// JSON data as JSON, text as text and other bytes as data_base64
// (cloudevents/json-format.ts decides, as it does for structured delivery).
// Data above LOG_KEPT_DATA_BYTES is left out: `dataOmitted` and its size.
import type { CloudEvent } from '../cloudevents/cloudevent';
import { structuredJsonText } from '../cloudevents/json-format';
import { LOG_KEPT_DATA_BYTES } from './log-entry';

export interface KeptEvent {
  /** The structured-mode CloudEvent as JSON text. */
  readonly event: string;
  readonly dataOmitted?: true;
  /** Bytes of the event's data (0 without data). */
  readonly dataSize: number;
}

export function keptEvent(event: CloudEvent, keptDataBytes = LOG_KEPT_DATA_BYTES): KeptEvent {
  const dataSize = event.data?.length ?? 0;
  if (dataSize > keptDataBytes) {
    return { event: JSON.stringify(event.attributes), dataOmitted: true, dataSize };
  }
  return { event: structuredJsonText(event), dataSize };
}
