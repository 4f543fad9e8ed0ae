// The JSON Schemas of the tenant API (in the OpenAPI 3.0 subset of JSON Schema): request bodies are validated against
// them (validate-body.ts) and /openapi.json publishes them (openapi.ts), so
// the documentation cannot drift from what the API accepts.
import { QUEUE_NAME_PATTERN } from '../../tenancy/resource-names';

const attributeMatch = {
  type: 'object',
  description:
    'Context attribute names (lowercase letters and digits, checked with the filter) and the values to compare with.',
  minProperties: 1,
  additionalProperties: { type: 'string', minLength: 1 },
} as const;

const filterList = {
  type: 'array',
  description: 'CloudEvents Subscriptions API filters; all must match.',
  maxItems: 16,
  items: { $ref: '#/components/schemas/Filter' },
} as const;

const queueFields = {
  sink: { type: 'string', format: 'uri', maxLength: 2048, description: 'Webhook URL (push queues).' },
  types: {
    type: 'array',
    description: 'Deliver only these event types (catalog types).',
    maxItems: 50,
    uniqueItems: true,
    items: { type: 'string', minLength: 1 },
  },
  source: { type: 'string', minLength: 1, description: 'Deliver only events from this source.' },
  filters: filterList,
  contentMode: {
    enum: ['binary', 'structured'],
    description: 'CloudEvents HTTP content mode of deliveries.',
  },
} as const;

export const schemas = {
  Error: {
    type: 'object',
    required: ['code', 'detail'],
    properties: { code: { type: 'string', example: 'ERR_VALIDATION' }, detail: { type: 'string' } },
  },
  Filter: {
    type: 'object',
    description: 'One filter dialect: exact, prefix, suffix, all, any or not.',
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
    },
  },
  CreateQueue: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: QUEUE_NAME_PATTERN.source, description: 'Unique within the tenant.' },
      kind: { enum: ['push', 'pull'], default: 'push' },
      ...queueFields,
      principal: {
        type: 'string',
        pattern: '^(serviceAccount|user|group):[^\\s@:]+@[^\\s@]+\\.[^\\s@]+$',
        description:
          'Pull queues: the IAM principal (serviceAccount:, user: or group:) granted roles/pubsub.subscriber on the subscription.',
      },
    },
  },
  PatchQueue: {
    type: 'object',
    minProperties: 1,
    additionalProperties: false,
    properties: {
      ...queueFields,
      source: { type: 'string', nullable: true, minLength: 1, description: 'null removes the source filter.' },
      status: {
        enum: ['active', 'paused'],
        description: 'paused keeps events until the queue is active again.',
      },
    },
  },
  Queue: {
    type: 'object',
    required: ['name', 'kind', 'status', 'subscription', 'filters', 'contentMode'],
    properties: {
      tenant: { type: 'string' },
      name: { type: 'string' },
      kind: { enum: ['push', 'pull'] },
      ...queueFields,
      status: { enum: ['active', 'paused', 'disabled'] },
      statusReason: { type: 'string' },
      allowedRate: {
        type: 'integer',
        description: 'Deliveries per minute the sink granted in the handshake.',
      },
      subscription: { type: 'string', description: 'The Pub/Sub subscription path.' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  CreatedQueue: {
    allOf: [
      { $ref: '#/components/schemas/Queue' },
      {
        type: 'object',
        properties: {
          secret: {
            type: 'string',
            description: 'Push queues: the signing secret (whsec_…), shown only now.',
          },
          credentials: { type: 'object', description: 'Pull queues: the credentials document.' },
        },
      },
    ],
  },
  QueueList: {
    type: 'object',
    required: ['queues'],
    properties: { queues: { type: 'array', items: { $ref: '#/components/schemas/Queue' } } },
  },
  Secret: {
    type: 'object',
    required: ['secret'],
    properties: {
      secret: { type: 'string' },
      previousSecretExpiresAt: { type: 'string', format: 'date-time' },
    },
  },
  TestResult: {
    type: 'object',
    required: ['status', 'latencyMs'],
    properties: {
      status: { type: 'integer', description: "The sink's HTTP status (0 when it did not answer)." },
      latencyMs: { type: 'number' },
      webhookId: { type: 'string' },
      error: { type: 'string' },
    },
  },
  EventType: {
    type: 'object',
    required: ['type', 'description', 'schema'],
    properties: {
      type: { type: 'string' },
      description: { type: 'string' },
      schema: { type: 'object', description: 'JSON Schema of the event data.' },
    },
  },
  EventTypeList: {
    type: 'object',
    required: ['eventTypes'],
    properties: { eventTypes: { type: 'array', items: { $ref: '#/components/schemas/EventType' } } },
  },
  Jwks: {
    type: 'object',
    required: ['keys'],
    properties: { keys: { type: 'array', items: { type: 'object' } } },
  },
} as const;

export type SchemaName = keyof typeof schemas;

const roots = new Map<SchemaName, object>();

/** A schema as a standalone document for validation: its refs resolve into the same components. */
export function validationSchema(name: SchemaName): object {
  let root = roots.get(name);
  if (!root) {
    root = { ...schemas[name], components: { schemas } };
    roots.set(name, root);
  }
  return root;
}
