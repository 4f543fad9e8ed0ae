// The audit declaration of every route that changes something (audit/audit-spec.ts),
// keyed by "METHOD path" as route-table.ts lists them. A new POST, PATCH or
// DELETE route gets its line here; test/unit/audit/route-audits.test.ts fails
// until it has one (until then it is audited by method and path). Nothing of
// a secret, token, signature or sink URL goes in a detail or an event's data.
import {
  type AuditedAnswer,
  type AuditedRequest,
  type AuditSpec,
  defaultAuditSpec,
  fieldNames,
  READ_ONLY,
  type RouteAudit,
  stringField,
} from '../audit/audit-spec';

const queueParam = ({ params }: AuditedRequest) => params.name ?? '';
const answerField = (answer: AuditedAnswer, name: string): unknown =>
  typeof answer.body === 'object' && answer.body !== null
    ? (answer.body as Record<string, unknown>)[name]
    : undefined;

/** A PATCH of `status` alone is a pause or a resume; any other PATCH an update. */
function patchType({ body }: AuditedRequest): 'queue.paused' | 'queue.resumed' | 'queue.updated' {
  const status = stringField(body, 'status');
  if (status === 'paused') return 'queue.paused';
  if (status === 'active') return 'queue.resumed';
  return 'queue.updated';
}

const patchQueue: AuditSpec = {
  type: patchType,
  resource: queueParam,
  detail: ({ body }) => ({ fields: fieldNames(body) }),
  ops: (request) => ({
    type: `io.eventq.${patchType(request)}`,
    subject: queueParam(request),
    data: { queue: queueParam(request), changed: fieldNames(request.body) },
  }),
};

export const ROUTE_AUDITS: Readonly<Record<string, RouteAudit>> = {
  'POST /v1/queues': {
    type: 'queue.created',
    resource: ({ body }) => stringField(body, 'name') ?? '/v1/queues',
    detail: ({ body }) => ({ fields: fieldNames(body) }),
    ops: (request, answer) => {
      const queue = stringField(request.body, 'name');
      if (queue === undefined) return undefined;
      return {
        type: 'io.eventq.queue.created',
        subject: queue,
        data: { queue, kind: answerField(answer, 'kind'), stream: answerField(answer, 'stream') ?? 'events' },
      };
    },
  },
  'PATCH /v1/queues/{name}': patchQueue,
  'DELETE /v1/queues/{name}': {
    type: 'queue.deleted',
    resource: queueParam,
    ops: (request) => ({
      type: 'io.eventq.queue.deleted',
      subject: queueParam(request),
      data: { queue: queueParam(request) },
    }),
  },
  'POST /v1/queues/{name}:rotate-secret': {
    type: 'queue.secret.rotated',
    resource: queueParam,
    ops: (request, answer) => ({
      type: 'io.eventq.queue.secret.rotated',
      subject: queueParam(request),
      data: {
        queue: queueParam(request),
        droppedSecrets: answerField(answer, 'droppedSecrets'),
        previousSecretExpiresAt: answerField(answer, 'previousSecretExpiresAt'),
      },
    }),
  },
  'POST /v1/queues/{name}:test': { type: 'queue.tested', resource: queueParam },
  'POST /v1/queues/{name}:replay': {
    type: 'queue.replayed',
    resource: queueParam,
    detail: ({ body }) => ({ since: stringField(body, 'since') }),
    ops: (request, answer) => ({
      type: 'io.eventq.replay.started',
      subject: queueParam(request),
      data: { queue: queueParam(request), since: answerField(answer, 'since') },
    }),
  },
  'POST /v1/queues/{name}:redrive': {
    type: 'queue.redriven',
    resource: queueParam,
    ops: (request, answer) => ({
      type: 'io.eventq.redrive.completed',
      subject: queueParam(request),
      data: {
        queue: queueParam(request),
        moved: answerField(answer, 'redriven'),
        skippedInvalid: answerField(answer, 'skippedInvalid'),
        more: answerField(answer, 'more'),
      },
    }),
  },
  'POST /v1/queues/{name}/events:resend': {
    type: 'queue.events.resent',
    resource: queueParam,
    detail: ({ body }) => ({ filters: fieldNames(body) }),
  },
  'POST /v1/queues/{name}/events/{webhookId}:resend': {
    type: 'queue.event.resent',
    resource: queueParam,
    detail: ({ params }) => ({ webhookId: params.webhookId }),
  },
  // The CloudEvents Subscriptions API: the same queues, so the same types and events.
  'POST /subscriptions': {
    type: 'queue.created',
    resource: ({ body }) => stringField(body, 'id') ?? '/subscriptions',
    detail: ({ body }) => ({ fields: fieldNames(body), via: 'subscriptions' }),
    ops: (_request, answer) => {
      const queue = answerField(answer, 'id');
      if (typeof queue !== 'string') return undefined;
      return {
        type: 'io.eventq.queue.created',
        subject: queue,
        data: { queue, kind: 'push', stream: 'events' },
      };
    },
  },
  'PUT /subscriptions/{id}': {
    type: 'queue.updated',
    resource: ({ params }) => params.id ?? '',
    detail: ({ body }) => ({ fields: fieldNames(body), via: 'subscriptions' }),
    ops: ({ params, body }) => ({
      type: 'io.eventq.queue.updated',
      subject: params.id ?? '',
      data: { queue: params.id, changed: fieldNames(body) },
    }),
  },
  'DELETE /subscriptions/{id}': {
    type: 'queue.deleted',
    resource: ({ params }) => params.id ?? '',
    detail: () => ({ via: 'subscriptions' }),
    ops: ({ params }) => ({
      type: 'io.eventq.queue.deleted',
      subject: params.id ?? '',
      data: { queue: params.id },
    }),
  },
  'POST /v1/filters:test': READ_ONLY,
  'POST /v1/events:route': READ_ONLY,
  'POST /v1/portal-sessions': {
    type: 'portal-session.created',
    resource: () => 'console',
    detail: ({ body }) => ({
      access: stringField(body, 'access') ?? 'manage',
    }),
  },
};

/** The route's declaration, or — for a mutating route that has none — the audit by method and path. */
export function auditOf(method: string, path: string): RouteAudit {
  return ROUTE_AUDITS[`${method} ${path}`] ?? defaultAuditSpec(method, path);
}
