// The JSON Schemas of filters and of the filter tools (POST /v1/filters:test,
// POST /v1/events:route), part of the api's schemas (api-schemas.ts).
import { MAX_SQL_LENGTH } from '../../filters/cesql/cesql-parser';

const attributeMatch = {
  type: 'object',
  description:
    'Context attribute names (lowercase letters and digits, checked with the filter) and the values to compare with.',
  minProperties: 1,
  additionalProperties: { type: 'string', minLength: 1 },
} as const;

export const filterList = {
  type: 'array',
  description: 'CloudEvents Subscriptions API filters; all must match.',
  maxItems: 16,
  items: { $ref: '#/components/schemas/Filter' },
} as const;

const sampleEvent = {
  type: 'object',
  description: 'A CloudEvent in structured JSON mode (as `application/cloudevents+json`).',
  required: ['specversion', 'id', 'source', 'type'],
  example: {
    specversion: '1.0',
    id: '1',
    source: '/devices',
    type: 'com.example.device.seen',
    subject: '/devices/42',
  },
} as const;

export const filterSchemas = {
  Filter: {
    type: 'object',
    description: 'One filter dialect: exact, prefix, suffix, all, any, not or sql (CloudEvents SQL v1).',
    minProperties: 1,
    maxProperties: 1,
    additionalProperties: false,
    properties: {
      exact: attributeMatch,
      prefix: attributeMatch,
      suffix: attributeMatch,
      all: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/Filter' } },
      any: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/Filter' } },
      not: { $ref: '#/components/schemas/Filter' },
      sql: {
        type: 'string',
        minLength: 1,
        maxLength: MAX_SQL_LENGTH,
        description:
          'A CloudEvents SQL v1 expression; the event passes when it yields true without error. Parsed at creation.',
        example: "type LIKE 'com.example.%' AND subject = '/devices/42'",
      },
    },
  },
  FilterTest: {
    type: 'object',
    required: ['filters', 'event'],
    additionalProperties: false,
    properties: {
      filters: filterList,
      event: sampleEvent,
    },
  },
  FilterTestResult: {
    type: 'object',
    required: ['matches'],
    properties: {
      matches: { type: 'boolean', description: 'Whether a queue with these filters would take the event.' },
      refusedBy: { type: 'string', description: 'The first filter that refused it, e.g. `filters[1]`.' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/SqlFilterError' } },
    },
  },
  SqlFilterError: {
    type: 'object',
    required: ['filter', 'kind', 'detail'],
    description: 'A CloudEvents SQL evaluation error: the sql filter it makes refuse the event.',
    properties: {
      filter: { type: 'string', example: 'filters[0].sql' },
      kind: {
        enum: [
          'parse',
          'math',
          'cast',
          'missingAttribute',
          'missingFunction',
          'functionEvaluation',
          'generic',
        ],
      },
      detail: { type: 'string' },
    },
  },
  RouteEvent: {
    type: 'object',
    required: ['event'],
    additionalProperties: false,
    properties: { event: sampleEvent },
  },
  RouteResult: {
    type: 'object',
    required: ['queues'],
    properties: {
      queues: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'matches'],
          properties: {
            name: { type: 'string' },
            matches: { type: 'boolean', description: 'Whether the queue would receive the event now.' },
            refusedBy: {
              type: 'string',
              description: 'What refused it: `status`, `types`, `source` or a filter, e.g. `filters[0]`.',
            },
            reason: { type: 'string', description: 'Why, in words.' },
          },
        },
      },
    },
  },
} as const;
