// The JSON Schemas of the Subscriptions API's bodies, part of the api's
// schemas (api-schemas.ts) and so of /openapi.json. Their shape is the
// CloudEvents document's (test/vendor/cloudevents-subscriptions/); what
// eventq cannot honour is refused with 400 by the handlers, which name it.
import { QUEUE_NAME_PATTERN } from '../../tenancy/resource-names';
import { filterList } from '../schemas/filter-schemas';
import { PROTOCOLS } from './subscription-body';

const subscriptionFields = {
  id: {
    type: 'string',
    pattern: QUEUE_NAME_PATTERN.source,
    description:
      'The subscription id, which is the queue name (/v1/queues/{id}). At creation: optional, generated (sub-…) when absent.',
  },
  protocol: {
    enum: PROTOCOLS,
    description: 'HTTP: a push queue. The others are refused with 400 (eventq delivers over HTTP only).',
  },
  protocolsettings: {
    type: 'object',
    description:
      'HTTP settings: `method` may only be POST and `headers` must be empty (eventq sends its own headers); anything else is refused.',
    properties: {
      method: { type: 'string' },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  sink: { type: 'string', description: 'The webhook URL; it must pass the validation handshake.' },
  sinkcredential: {
    type: 'object',
    description:
      'Refused unless empty: eventq signs every delivery (webhook-signature) and sends its own bearer JWT instead.',
  },
  source: { type: 'string', description: 'Deliver only events from this source.' },
  types: { type: 'array', items: { type: 'string' }, description: 'Deliver only these event types.' },
  filters: filterList,
  config: {
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      'eventq settings as strings. Settable: contentMode (binary|structured), replies (true|false), status (active|paused; PUT only); at creation also signature (v1|v1a), ordered (true|false), maxDeliveryAttempts (5-100). Shown besides: secret (v1, at creation only), publicKey, statusReason, failingSince, allowedRate.',
  },
} as const;

export const subscriptionSchemas = {
  SubscriptionRequest: {
    type: 'object',
    description: 'A CloudEvents Subscriptions API subscription request: creates a push queue.',
    required: ['sink', 'protocol'],
    additionalProperties: false,
    properties: subscriptionFields,
  },
  Subscription: {
    type: 'object',
    description:
      'A CloudEvents Subscriptions API subscription: a push queue seen as the document defines it.',
    required: ['id', 'sink', 'protocol'],
    additionalProperties: false,
    properties: subscriptionFields,
  },
  SubscriptionList: {
    type: 'array',
    description: "The tenant's push queues as subscriptions.",
    items: { $ref: '#/components/schemas/Subscription' },
  },
} as const;
