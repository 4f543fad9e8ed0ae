// eventq's own operational events (CONTRACT.md "Operational events and
// audit"), in the catalog under the category `operational`: what eventq says
// on a tenant's ops stream (eventq-<t>-ops) about its queues and tokens. The
// api publishes the API actions' events, dispatch the delivery-health ones,
// each with data that follows the schema here. No field ever holds a secret,
// a token or a signature.
import type { OpsEventType } from '../ops/ops-event-types';
import type { EventType } from './event-type';

export const OPERATIONAL_CATEGORY = 'operational';

const queue = {
  type: 'string',
  minLength: 1,
  description: 'The queue the event is about (also its subject).',
};
const time = (what: string) => ({ type: 'string', format: 'date-time', description: what });
const count = (what: string) => ({ type: 'integer', minimum: 0, description: what });

function dataSchema(title: string, properties: Record<string, unknown>, required: string[]) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title,
    type: 'object',
    properties,
    required,
  };
}

const queueOnly = (title: string) => dataSchema(title, { queue }, ['queue']);

const definitions: Record<OpsEventType, { description: string; schema: Record<string, unknown> }> = {
  'io.eventq.queue.created': {
    description: 'A queue was created.',
    schema: dataSchema(
      'Queue created',
      {
        queue,
        kind: { enum: ['push', 'pull'] },
        sink: { type: 'string', format: 'uri', description: 'Push queues: the webhook URL.' },
        stream: { enum: ['events', 'ops'], description: 'What the queue reads.' },
      },
      ['queue', 'kind', 'stream'],
    ),
  },
  'io.eventq.queue.updated': {
    description: "A queue's settings were changed (PATCH).",
    schema: dataSchema(
      'Queue updated',
      {
        queue,
        changed: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          description:
            'The names of the fields that changed (sink, types, filters, ...), never their secrets.',
        },
      },
      ['queue', 'changed'],
    ),
  },
  'io.eventq.queue.deleted': { description: 'A queue was deleted.', schema: queueOnly('Queue deleted') },
  'io.eventq.queue.paused': {
    description: 'A queue was paused: its events wait until it is active again.',
    schema: queueOnly('Queue paused'),
  },
  'io.eventq.queue.resumed': {
    description: 'A paused or disabled queue was made active again.',
    schema: queueOnly('Queue resumed'),
  },
  'io.eventq.queue.disabled': {
    description:
      'eventq disabled a push queue (actor eventq): its sink answered 410 Gone, or failed every attempt for the whole disable window. Its backlog is kept; PATCH status active resumes it.',
    schema: dataSchema(
      'Queue disabled',
      {
        queue,
        reason: { type: 'string', minLength: 1, description: "Why, in words (the queue's statusReason)." },
        status: {
          type: 'integer',
          description: "The sink's HTTP status that disabled it (410), when it was an answer.",
        },
      },
      ['queue', 'reason'],
    ),
  },
  'io.eventq.queue.secret.rotated': {
    description: "A push queue's signing secret was rotated (the secret itself is never in the event).",
    schema: dataSchema(
      'Queue secret rotated',
      { queue, graceSeconds: count('How long the previous secret keeps signing beside the new one.') },
      ['queue'],
    ),
  },
  'io.eventq.delivery.failing': {
    description:
      "A push queue's sink has been failing past the threshold (consecutive attempts or time), reported once then again at 50, 90 and 100 % of the disable window.",
    schema: dataSchema(
      'Delivery failing',
      {
        queue,
        since: time('When the current run of failures began.'),
        consecutiveFailures: count('Failed attempts in a row that this dispatch instance saw.'),
        windowPercent: {
          type: 'integer',
          minimum: 0,
          maximum: 100,
          description: 'How much of the disable window the run has lasted; at 100 eventq disables the queue.',
        },
        lastError: {
          type: 'string',
          description: "The last attempt's failure: an HTTP status or a network error.",
        },
      },
      ['queue', 'since', 'consecutiveFailures', 'windowPercent', 'lastError'],
    ),
  },
  'io.eventq.delivery.recovered': {
    description: 'A push queue whose sink was reported failing delivered an event again.',
    schema: dataSchema(
      'Delivery recovered',
      {
        queue,
        since: time('When the run of failures that ended began.'),
        recoveredAt: time('When the first delivery after it succeeded.'),
      },
      ['queue', 'since', 'recoveredAt'],
    ),
  },
  'io.eventq.delivery.exhausted': {
    description:
      "Events of a queue were dead-lettered after their last attempt: one event per queue and window, with the count, however large the burst. They wait in the tenant's dead letters (POST /v1/queues/{name}:redrive).",
    schema: dataSchema(
      'Delivery exhausted',
      {
        queue,
        count: { type: 'integer', minimum: 1, description: 'Events dead-lettered in the window.' },
        firstEventId: { type: 'string', description: 'The id of the first of them.' },
        lastEventId: { type: 'string', description: 'The id of the last of them.' },
        windowStart: time('The start of the window.'),
        windowEnd: time('The end of the window.'),
      },
      ['queue', 'count', 'firstEventId', 'lastEventId', 'windowStart', 'windowEnd'],
    ),
  },
  'io.eventq.replay.started': {
    description: 'A queue was replayed: what was published since `since` is delivered again.',
    schema: dataSchema('Replay started', { queue, since: time('Replayed from.') }, ['queue', 'since']),
  },
  'io.eventq.redrive.completed': {
    description: "A queue's dead letters were moved back to it.",
    schema: dataSchema('Redrive completed', { queue, moved: count('Dead letters moved back.') }, [
      'queue',
      'moved',
    ]),
  },
  'io.eventq.token.created': {
    description: 'An API token was issued (subject: its id; the token itself is never in the event).',
    schema: dataSchema(
      'Token created',
      { tokenId: { type: 'string', minLength: 1 }, label: { type: 'string' } },
      ['tokenId', 'label'],
    ),
  },
  'io.eventq.token.revoked': {
    description: 'An API token was revoked (subject: its id).',
    schema: dataSchema(
      'Token revoked',
      // The label when the operator's tool still knew it.
      { tokenId: { type: 'string', minLength: 1 }, label: { type: 'string' } },
      ['tokenId'],
    ),
  },
};

export const OPERATIONAL_EVENT_TYPES: readonly EventType[] = Object.entries(definitions).map(
  ([type, { description, schema }]) => ({ type, description, schema, category: OPERATIONAL_CATEGORY }),
);
