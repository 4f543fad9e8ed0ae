// The schemas of GET /v1/queues/{name}/stats: the delivery counters in total
// and per hour, and the query parameters that choose the hours.

/** The delivery counters (stats/delivery-counters.ts), in the totals and in each hour bucket. */
const statCounterFields = {
  delivered: { type: 'integer' },
  failedAttempts: { type: 'integer' },
  deadLettered: { type: 'integer' },
  filteredOut: { type: 'integer' },
  repliesPublished: { type: 'integer', description: 'Replies published to the tenant topic.' },
  repliesRefused: { type: 'integer', description: 'Replies that were not valid CloudEvents.' },
  repliesDropped: { type: 'integer', description: 'Replies beyond the hop limit.' },
} as const;

export const statsSchemas = {
  Stats: {
    type: 'object',
    description: 'Totals since the queue was created, and the same counts per hour over from-to.',
    required: [
      'delivered',
      'failedAttempts',
      'deadLettered',
      'filteredOut',
      'from',
      'to',
      'bucket',
      'buckets',
    ],
    properties: {
      ...statCounterFields,
      from: { type: 'string', format: 'date-time' },
      to: { type: 'string', format: 'date-time' },
      bucket: { enum: ['1h'] },
      buckets: {
        type: 'array',
        description:
          'One per hour from the hour of `from` to `to`, oldest first; an hour without deliveries is zeros.',
        items: { $ref: '#/components/schemas/StatsBucket' },
      },
    },
  },
  StatsBucket: {
    type: 'object',
    required: ['start', 'delivered', 'failedAttempts', 'deadLettered', 'filteredOut'],
    properties: {
      start: { type: 'string', format: 'date-time', description: 'The start of the hour.' },
      ...statCounterFields,
    },
  },
} as const;

/** The query parameters of GET /v1/queues/{name}/stats, for /openapi.json (stats/stats-span.ts reads them). */
export const STATS_QUERY = [
  {
    name: 'from',
    description: 'Start of the hour buckets, RFC 3339 (default: 24 h before `to`)',
    type: 'string',
    schema: { type: 'string', format: 'date-time' },
  },
  {
    name: 'to',
    description: 'End of the hour buckets, RFC 3339 (default: now); at most 7 days after `from`',
    type: 'string',
    schema: { type: 'string', format: 'date-time' },
  },
  { name: 'bucket', description: 'Bucket size: 1h', type: 'string', schema: { enum: ['1h'] } },
] as const;
