// GET /v1/event-types: the catalog of event types and the JSON Schema of their data.
import type { RouteHandler } from './api-context';

export const listEventTypes: RouteHandler = async (_request, services) => ({
  status: 200,
  body: { eventTypes: services.catalog.types },
});
