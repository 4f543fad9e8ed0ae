// The request-body step of every route (handle-api-request.ts runs it before
// the handler): the body is checked against the route's request schema, the
// same one /openapi.json publishes, so that no route validates by hand and no
// route's body goes undocumented. Filter lists go through validate-filters.ts
// first, for messages that name the dialect ("unknown dialect "regex"")
// rather than the schema's "unknown field".
import type { Filter } from '../filters/filter';
import { validateFilters } from '../filters/validate-filters';
import type { Route } from './route-table';
import { schemas, validationSchema } from './schemas/api-schemas';
import type { RequestBodies, RequestSchemaName } from './schemas/request-bodies';
import { refusedAs400Now, SUBSCRIPTION_REQUEST_SCHEMAS } from './subscriptions/subscription-errors';
import { validateBody } from './validate-body';

const FILTER_REF = '#/components/schemas/Filter';

type LooseSchema = { readonly properties?: Record<string, { readonly items?: { readonly $ref?: string } }> };

/** The members of a request schema that hold filter lists (today: `filters`). */
function filterMembers(name: RequestSchemaName): string[] {
  const { properties = {} } = schemas[name] as LooseSchema;
  return Object.keys(properties).filter((member) => properties[member]?.items?.$ref === FILTER_REF);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a body against a request schema (422 ERR_VALIDATION naming the field)
 * and returns it, its filters replaced by the checked copies.
 */
export function validateRequest<S extends RequestSchemaName>(name: S, body: unknown): RequestBodies[S] {
  const filters: Record<string, Filter[]> = {};
  if (isObject(body)) {
    for (const member of filterMembers(name)) {
      if (member in body) filters[member] = validateFilters(body[member]);
    }
  }
  validateBody(validationSchema(name), body);
  return { ...(body as object), ...filters } as unknown as RequestBodies[S];
}

/**
 * The body a route's handler receives: validated against its request schema;
 * `{}` first when the body is optional and absent; undefined for a route that
 * takes no body, whatever was sent (such routes have always ignored it).
 */
export function routeBody(route: Route, body: unknown): unknown {
  const { request } = route;
  if (request === undefined) return undefined;
  const check = () => validateRequest(request, body === undefined && route.bodyOptional ? {} : body);
  // The Subscriptions API's document answers a bad body with 400, not the api's usual 422.
  return SUBSCRIPTION_REQUEST_SCHEMAS.has(request) ? refusedAs400Now(check) : check();
}
