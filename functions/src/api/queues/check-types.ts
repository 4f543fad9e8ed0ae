// A queue's `types` must name types of the event catalog.

import type { EventCatalog } from '../../catalog/event-catalog';
import { ValidationError } from '../../errors';

export function checkCatalogTypes(types: readonly string[] | undefined, catalog: EventCatalog): void {
  types?.forEach((type, i) => {
    if (!catalog.has(type)) {
      throw new ValidationError(
        `types[${i}]: "${type}" is not in the event-type catalog (GET /v1/event-types)`,
      );
    }
  });
}
