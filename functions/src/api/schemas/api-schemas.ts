// The JSON Schemas of the tenant API (in the OpenAPI 3.0 subset of JSON Schema): request bodies are validated against
// them (validate-body.ts) and /openapi.json publishes them (openapi.ts), so
// the documentation cannot drift from what the API accepts.
import { QUEUE_NAME_PATTERN } from '../../tenancy/resource-names';
import { subscriptionSchemas } from '../subscriptions/subscription-schemas';
import { auditSchemas } from './audit-schemas';
import { filterList, filterSchemas } from './filter-schemas';
import { logSchemas } from './log-schemas';
import { portalSessionSchemas } from './portal-session-schemas';
import { statsSchemas } from './stats-schemas';
import { categoryField, streamField } from './stream-schemas';

/** Push queues: whether a sink's answer that carries a CloudEvent goes on as a new event. */
const repliesField = {
  type: 'boolean',
  description:
    "Push queues: a sink's 2xx answer that carries a CloudEvent (binary or structured mode) is published to the tenant's topic, with causationid, correlationid and eventqhops set (at most 8 hops).",
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
  ...filterSchemas,
  Error: {
    type: 'object',
    required: ['code', 'detail'],
    properties: { code: { type: 'string', example: 'ERR_VALIDATION' }, detail: { type: 'string' } },
  },
  CreateQueue: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: QUEUE_NAME_PATTERN.source, description: 'Unique within the tenant.' },
      kind: { enum: ['push', 'pull'], default: 'push' },
      ...queueFields,
      maxDeliveryAttempts: {
        type: 'integer',
        minimum: 5,
        maximum: 100,
        description:
          "Delivery attempts before an event is dead-lettered; the operator's default (EVENTQ_MAX_DELIVERY_ATTEMPTS) when absent.",
      },
      ordered: {
        type: 'boolean',
        default: false,
        description:
          'Deliver events with the same ordering key (partitionkey extension, else subject) in publish order, one at a time.',
      },
      replies: repliesField,
      signature: {
        enum: ['v1', 'v1a'],
        default: 'v1',
        description:
          "Push queues: Standard Webhooks scheme. v1 signs with an HMAC secret (whsec_, shown once); v1a with an Ed25519 key of the queue's own, whose public key (whpk_) the queue shows.",
      },
      stream: streamField,
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
      source: {
        type: 'string',
        nullable: true,
        minLength: 1,
        description: 'null removes the source filter.',
      },
      status: {
        enum: ['active', 'paused'],
        description: 'paused keeps events until the queue is active again.',
      },
      replies: repliesField,
    },
  },
  Queue: {
    type: 'object',
    required: ['name', 'kind', 'status', 'subscription', 'filters', 'contentMode'],
    properties: {
      tenant: { type: 'string' },
      name: { type: 'string' },
      kind: { enum: ['push', 'pull'] },
      stream: streamField,
      ...queueFields,
      status: { enum: ['active', 'paused', 'disabled'] },
      statusReason: { type: 'string' },
      maxDeliveryAttempts: { type: 'integer' },
      ordered: { type: 'boolean' },
      signature: { enum: ['v1', 'v1a'], description: 'Absent: v1.' },
      replies: repliesField,
      publicKey: {
        type: 'string',
        description: 'v1a queues: the Ed25519 public key (whpk_…) that verifies webhook-signature v1a,…',
      },
      failingSince: {
        type: 'string',
        format: 'date-time',
        description: 'Since when every attempt has failed; absent while the sink takes events.',
      },
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
            description: 'Push queues signed v1: the signing secret (whsec_…), shown only now.',
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
    properties: {
      secret: { type: 'string', description: 'v1 queues: the new whsec_ secret, shown only now.' },
      publicKey: {
        type: 'string',
        description: "v1a queues: the new key's whpk_ public key (its secret key never leaves eventq).",
      },
      previousSecretExpiresAt: {
        type: 'string',
        format: 'date-time',
        description: 'When the rotated-out secrets stop signing (absent when none is kept).',
      },
      droppedSecrets: {
        type: 'integer',
        minimum: 0,
        description:
          'Rotation only: rotated-out secrets that stopped signing at once, since at most three secrets (the new one and the two newest within their grace) sign a delivery.',
      },
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
  Replay: {
    type: 'object',
    required: ['since'],
    additionalProperties: false,
    properties: {
      since: {
        type: 'string',
        format: 'date-time',
        description:
          'Redeliver everything published since then; within the 7-day retention, not in the future.',
      },
    },
  },
  RotateSecret: {
    type: 'object',
    additionalProperties: false,
    properties: {
      graceSeconds: {
        type: 'integer',
        minimum: 0,
        maximum: 604_800,
        description:
          "How long the old secret keeps signing beside the new one, at most 7 days (604800 s); the operator's default (EVENTQ_SECRET_GRACE_SECONDS) when absent. At most three secrets sign: a rotation drops the oldest beyond the new one and the two newest within their grace.",
      },
    },
  },
  ReplayResult: {
    type: 'object',
    required: ['queue', 'since'],
    properties: { queue: { type: 'string' }, since: { type: 'string', format: 'date-time' } },
  },
  RedriveResult: {
    type: 'object',
    required: ['redriven', 'more'],
    properties: {
      redriven: { type: 'integer', description: 'Dead letters put back on the queue.' },
      skippedInvalid: {
        type: 'integer',
        description:
          'Dead letters of this queue left where they are: not valid CloudEvents, never deliverable.',
      },
      more: { type: 'boolean', description: 'The batch limit was reached: call again for the rest.' },
    },
  },
  Failure: {
    type: 'object',
    required: ['time', 'eventId', 'type', 'status', 'error'],
    properties: {
      time: { type: 'string', format: 'date-time' },
      eventId: { type: 'string' },
      type: { type: 'string' },
      source: { type: 'string' },
      webhookId: { type: 'string' },
      messageId: { type: 'string' },
      status: { type: 'integer', nullable: true, description: 'null when the sink did not answer.' },
      error: { type: 'string' },
      latencyMs: { type: 'number', nullable: true },
      attempt: { type: 'integer', nullable: true },
    },
  },
  FailureList: {
    type: 'object',
    required: ['failures'],
    properties: {
      failures: { type: 'array', items: { $ref: '#/components/schemas/Failure' } },
      nextPageToken: { type: 'string', description: 'Pass as ?pageToken= for the next, older page.' },
    },
  },
  ...statsSchemas,
  EventType: {
    type: 'object',
    required: ['type', 'description', 'schema'],
    properties: {
      type: { type: 'string' },
      description: { type: 'string' },
      schema: { type: 'object', description: 'JSON Schema of the event data.' },
      category: categoryField,
    },
  },
  EventTypeList: {
    type: 'object',
    required: ['eventTypes'],
    properties: { eventTypes: { type: 'array', items: { $ref: '#/components/schemas/EventType' } } },
  },
  ...portalSessionSchemas,
  Jwks: {
    type: 'object',
    required: ['keys'],
    properties: { keys: { type: 'array', items: { type: 'object' } } },
  },
  ...logSchemas,
  ...subscriptionSchemas,
  ...auditSchemas,
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
