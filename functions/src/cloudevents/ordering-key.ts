// The Pub/Sub ordering key of an event: the CloudEvents partitioning
// extension's `partitionkey`, else the `subject`; none without either.
import type { CloudEvent } from './cloudevent';

export function orderingKeyOf(event: CloudEvent): string | undefined {
  for (const name of ['partitionkey', 'subject'] as const) {
    const value = event.attributes[name];
    if (value !== undefined && String(value) !== '') return String(value);
  }
  return undefined;
}
