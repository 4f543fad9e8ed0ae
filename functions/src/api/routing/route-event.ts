// POST /v1/events:route: which of the tenant's queues would receive an event,
// and for each that would not, what refused it ("why didn't my queue get it?").
import type { RouteHandler } from '../api-context';
import type { RouteEventBody } from '../schemas/request-bodies';
import { queueVerdict } from './queue-verdict';
import { parseSampleEvent } from './sample-event';

export const routeEvent: RouteHandler<RouteEventBody> = async ({ tenant, body }, services) => {
  const event = parseSampleEvent(body.event);
  const queues = await services.queues.list(tenant);
  return { status: 200, body: { queues: queues.map((queue) => queueVerdict(queue, event)) } };
};
