// POST /v1/filters:test: whether filters (checked as a queue's would be) take
// a sample event, which one refused it, and what the sql filters erred on.
import { explainFilters } from '../../filters/explain-filters';
import type { RouteHandler } from '../api-context';
import type { FilterTestBody } from '../schemas/request-bodies';
import { parseSampleEvent } from './sample-event';

export const testFilters: RouteHandler<FilterTestBody> = async ({ body }) => {
  const verdict = explainFilters(parseSampleEvent(body.event), body.filters);
  return {
    status: 200,
    body: {
      matches: verdict.matches,
      ...(verdict.refusedBy ? { refusedBy: verdict.refusedBy } : {}),
      ...(verdict.errors.length > 0 ? { errors: verdict.errors } : {}),
    },
  };
};
