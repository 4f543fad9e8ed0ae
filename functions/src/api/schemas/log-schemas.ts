// The JSON Schemas of the message-log routes' answers (and the bulk resend's
// body), published in /openapi.json beside api-schemas.ts.
import { MAX_LOG_PAGE_SIZE } from '../../message-log/log-search';

const time = { type: 'string', format: 'date-time' } as const;
const status = {
  enum: ['delivered', 'failing', 'dead-lettered', 'filtered', 'invalid'],
  description:
    'delivered; failing (attempts so far, the next one pending); dead-lettered; filtered (the queue refused it: see reason); invalid (not a valid CloudEvent: see reason)',
} as const;

const attemptFields = {
  at: time,
  status: { type: 'integer', description: "The sink's HTTP status; absent when it did not answer." },
  error: { type: 'string' },
  latencyMs: { type: 'number' },
} as const;

/** Search filters, as query parameters of the GET routes and as the body of the bulk resend. */
export const logSearchFields = {
  status: { ...status, type: 'string' },
  type: { type: 'string', description: 'Exact event type.' },
  subject: {
    type: 'string',
    description:
      'Exact subject, or a prefix ending in "/*": subject=/devices/* finds every subject that starts with /devices/.',
  },
  source: { type: 'string', description: 'Exact event source.' },
  since: { ...time, description: 'Published at or after this time (RFC 3339).' },
  until: { ...time, description: 'Published before this time (RFC 3339); not before since.' },
  limit: {
    type: 'integer',
    minimum: 1,
    maximum: MAX_LOG_PAGE_SIZE,
    default: 50,
    description: `Page size, 1-${MAX_LOG_PAGE_SIZE} (default 50).`,
  },
  pageToken: { type: 'string', description: 'nextPageToken of the previous page.' },
} as const;

export const logSchemas = {
  LogEntry: {
    type: 'object',
    required: ['webhookId', 'queue', 'id', 'type', 'source', 'publishTime', 'status', 'attemptCount'],
    properties: {
      webhookId: {
        type: 'string',
        description: 'The webhook-id of every delivery of this event to this queue.',
      },
      queue: { type: 'string' },
      id: { type: 'string' },
      type: { type: 'string' },
      source: { type: 'string' },
      subject: { type: 'string' },
      time: { type: 'string', description: "The event's own time attribute." },
      publishTime: time,
      status,
      reason: { type: 'string', description: 'Why it was filtered, invalid or dead-lettered.' },
      attemptCount: { type: 'integer' },
      lastAttempt: { type: 'object', required: ['at', 'latencyMs'], properties: attemptFields },
      deliveredAt: time,
    },
  },
  LogEntryList: {
    type: 'object',
    required: ['events'],
    properties: {
      events: { type: 'array', items: { $ref: '#/components/schemas/LogEntry' } },
      nextPageToken: { type: 'string', description: 'Pass as ?pageToken= for the next, older page.' },
    },
  },
  LogEntryDetail: {
    allOf: [
      { $ref: '#/components/schemas/LogEntry' },
      {
        type: 'object',
        required: ['attempts'],
        properties: {
          attempts: {
            type: 'array',
            items: {
              type: 'object',
              required: ['at', 'attempt', 'latencyMs'],
              properties: {
                ...attemptFields,
                attempt: { type: 'integer' },
                responseExcerpt: { type: 'string', description: "The first 512 bytes of the sink's answer." },
              },
            },
          },
          event: {
            type: 'object',
            description:
              'The structured-mode CloudEvent, with data or data_base64 (without either when dataOmitted).',
          },
          dataOmitted: {
            type: 'boolean',
            description: 'The data was larger than the log keeps (64 KiB); dataSize says how large.',
          },
          dataSize: { type: 'integer' },
        },
      },
    ],
  },
  ResendResult: {
    type: 'object',
    required: ['webhookId'],
    properties: { webhookId: { type: 'string' } },
  },
  BulkResend: {
    type: 'object',
    additionalProperties: false,
    description: 'The search whose entries to deliver again (the filters of GET /v1/queues/{name}/events).',
    properties: { ...logSearchFields, limit: { ...logSearchFields.limit, default: 100, maximum: 100 } },
  },
  BulkResendResult: {
    type: 'object',
    required: ['queued', 'more'],
    properties: {
      queued: { type: 'integer', description: 'Events published again in this call.' },
      skipped: {
        type: 'integer',
        description: 'Entries the log cannot deliver again (data omitted: use :replay; invalid events).',
      },
      more: { type: 'boolean', description: 'More entries match: call again with nextPageToken.' },
      nextPageToken: { type: 'string' },
    },
  },
} as const;

/** The search filters of the message-log routes, from the schema that documents them. */
export const logSearchQuery = (names: readonly (keyof typeof logSearchFields)[]) =>
  names.map((name) => {
    const schema = logSearchFields[name];
    return {
      name,
      description: schema.description,
      type: schema.type === 'integer' ? ('integer' as const) : ('string' as const),
      schema,
    };
  });
export const ALL_LOG_FILTERS = [
  'status',
  'type',
  'subject',
  'source',
  'since',
  'until',
  'limit',
  'pageToken',
] as const;
