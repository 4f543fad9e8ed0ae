// The JSON Schemas of GET /v1/audit, published in /openapi.json beside api-schemas.ts.
import { MAX_AUDIT_PAGE_SIZE } from '../../audit/audit-search';

const time = { type: 'string', format: 'date-time' } as const;

/** The query parameters of GET /v1/audit. */
export const auditSearchFields = {
  resource: { type: 'string', description: 'Exact resource: a queue name, a token id, `console`.' },
  type: { type: 'string', description: 'Exact entry type, e.g. queue.created.' },
  actor: { type: 'string', description: 'Exact actor id: a token id, a console session id, `operator`.' },
  since: { ...time, description: 'At or after this time (RFC 3339).' },
  until: { ...time, description: 'Before this time (RFC 3339); not before since.' },
  limit: {
    type: 'integer',
    minimum: 1,
    maximum: MAX_AUDIT_PAGE_SIZE,
    default: 50,
    description: `Page size, 1-${MAX_AUDIT_PAGE_SIZE} (default 50).`,
  },
  pageToken: { type: 'string', description: 'nextPageToken of the previous page.' },
} as const;

export const auditSchemas = {
  AuditEntry: {
    type: 'object',
    required: ['id', 'time', 'type', 'actor', 'actorLabel', 'actorVia', 'resource'],
    properties: {
      id: { type: 'string', description: 'Sorts by time.' },
      time,
      type: { type: 'string' },
      actor: { type: 'string', description: 'The token id (never the token), a session id, or operator.' },
      actorLabel: { type: 'string', description: "The token's label." },
      actorVia: { enum: ['tenant-token', 'portal-session', 'operator'], type: 'string' },
      onBehalfOf: { type: 'string', description: 'A console session: the token id whose link made it.' },
      resource: { type: 'string' },
      outcome: {
        enum: ['completed', 'failed'],
        type: 'string',
        description:
          'Absent on the entry of a request, written before the action ran; its outcome entry names it in parent.',
      },
      parent: { type: 'string', description: 'The request entry this outcome or caused action belongs to.' },
      detail: {
        type: 'object',
        description: 'Facts of the action (a failed one: code and status); never a secret.',
      },
    },
  },
  AuditList: {
    type: 'object',
    required: ['entries'],
    properties: {
      entries: { type: 'array', items: { $ref: '#/components/schemas/AuditEntry' } },
      nextPageToken: { type: 'string', description: 'Pass as ?pageToken= for the next, older page.' },
    },
  },
} as const;

/** The query parameters as route-table.ts lists them for /openapi.json. */
export const AUDIT_QUERY = Object.entries(auditSearchFields).map(([name, schema]) => ({
  name,
  description: schema.description,
  type: schema.type === 'integer' ? ('integer' as const) : ('string' as const),
  schema,
}));
