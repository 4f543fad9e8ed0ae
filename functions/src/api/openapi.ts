// /openapi.json, generated from the route table and the same JSON Schemas that
// validate requests: there is no hand-kept copy to drift.
import { routes } from './route-table';
import { schemas } from './schemas/api-schemas';
import { registrySchemas } from './schemas/registry-schemas';
import { subscriptionsApiErrors } from './subscriptions/subscription-errors';

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'Malformed request (e.g. the body is not JSON)',
  '401': 'Missing or wrong tenant token',
  '404': 'No such queue, log entry or route',
  '409': 'A conflict: a queue of that name exists, or a log entry that cannot be resent',
  '413': 'The body is too large',
  '415': 'The body is not JSON',
  '422': 'The request breaks a rule; detail names the field',
  '429':
    "Over this token's request rate (EVENTQ_API_RATE_PER_MINUTE); retry after the Retry-After header's seconds",
  '503': 'A dependency is unavailable; retry',
};

function errorResponses(path: string) {
  // The Subscriptions API answers with 400 what the rest of the api answers with 422.
  const table = path.startsWith('/subscriptions') ? subscriptionsApiErrors(ERROR_RESPONSES) : ERROR_RESPONSES;
  return Object.fromEntries(
    Object.entries(table).map(([status, description]) => [
      status,
      {
        description,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        ...(status === '429' && {
          headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
        }),
      },
    ]),
  );
}

const pathParams = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

export function buildOpenApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      summary: route.summary,
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      security: [{ tenantToken: [] }],
      ...(pathParams(route.path).length > 0 || route.query
        ? {
            parameters: [
              ...pathParams(route.path).map((name) => ({
                name,
                in: 'path',
                required: true,
                schema: { type: 'string' },
              })),
              ...(route.query ?? []).map((q) => ({
                name: q.name,
                in: 'query',
                required: false,
                description: q.description,
                schema: q.schema ?? { type: q.type },
              })),
            ],
          }
        : {}),
      ...(route.request
        ? {
            requestBody: {
              required: !route.bodyOptional,
              content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.request}` } } },
            },
          }
        : {}),
      responses: {
        ...Object.fromEntries(
          Object.entries(route.responses).map(([status, schema]) => [
            status,
            schema
              ? {
                  description: 'Success',
                  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
                }
              : { description: 'Success, no content' },
          ]),
        ),
        ...errorResponses(route.path),
      },
    };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation;
  }
  paths['/.well-known/jwks.json'] = {
    get: {
      summary: "Public keys of eventq's delivery-signing keys",
      operationId: 'getJwks',
      security: [],
      responses: {
        '200': {
          description: 'JWKS',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Jwks' } } },
        },
      },
    },
  };
  paths['/openapi.json'] = {
    get: {
      summary: 'This document',
      operationId: 'getOpenApi',
      security: [],
      responses: { '200': { description: 'OpenAPI 3 document', content: { 'application/json': {} } } },
    },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: 'eventq tenant API',
      version: '1',
      description:
        'Queues (CloudEvents subscriptions), secrets, tests and the event-type catalog of one tenant.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { ...schemas, ...registrySchemas },
      securitySchemes: { tenantToken: { type: 'http', scheme: 'bearer', description: 'A tenant API token' } },
    },
  };
}
