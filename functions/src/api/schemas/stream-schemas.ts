// The ops stream's fields in the API schemas: a queue's `stream`, and the
// catalog's `category` that marks eventq's operational types.

/** Which topic a queue reads; fixed at creation. */
export const streamField = {
  enum: ['events', 'ops'],
  default: 'events',
  description:
    "events: the tenant's own events (eventq-<tenant>). ops: eventq's operational events about the tenant's queues and tokens (eventq-<tenant>-ops; types io.eventq.*, category operational in the catalog), delivered in order per subject. Fixed at creation.",
} as const;

export const categoryField = {
  type: 'string',
  description:
    'operational: eventq\'s own events about the tenant\'s queues and tokens (io.eventq.*), read with a queue on "stream": "ops". Absent for the platform\'s event types.',
} as const;
