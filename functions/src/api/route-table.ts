// The tenant API's routes (CONTRACT.md). Each route carries the schemas of its
// body and answers: the api validates the body against its schema before the
// handler runs, and /openapi.json is generated from the same table.
import type { RouteHandler } from './api-context';
import { listAudit } from './audit-route';
import { listEventTypes } from './event-types-route';
import { bulkResendQueueEvents } from './events/bulk-resend';
import { getQueueEvent } from './events/get-event';
import { listQueueEvents, listTenantEvents } from './events/list-events';
import { resendQueueEvent } from './events/resend-event';
import { createPortalSession } from './portal-sessions-route';
import { createQueue } from './queues/create-queue';
import { patchQueue } from './queues/patch-queue';
import { listFailures, queueStats } from './queues/queue-failures';
import { deleteQueue, getQueue, listQueues } from './queues/read-delete-queue';
import { redriveQueue } from './queues/redrive-queue';
import { replayQueue } from './queues/replay-queue';
import { rotateSecret } from './queues/rotate-secret';
import { testQueue } from './queues/test-queue';
import { INLINE_QUERY, REGISTRY_PATHS, readRegistryRoute } from './registry-route';
import { routeEvent } from './routing/route-event';
import { testFilters } from './routing/test-filters';
import type { SchemaName } from './schemas/api-schemas';
import { AUDIT_QUERY } from './schemas/audit-schemas';
import { ALL_LOG_FILTERS, logSearchQuery } from './schemas/log-schemas';
import type { RegistrySchemaName } from './schemas/registry-schemas';
import type { RequestBodies, RequestSchemaName } from './schemas/request-bodies';
import { STATS_QUERY } from './schemas/stats-schemas';
import { subscriptionRoutes } from './subscriptions/subscription-routes';

interface RouteBase {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  /** OpenAPI path template; each `{param}` matches one path segment. */
  readonly path: string;
  readonly summary: string;
  /** Query parameters, for /openapi.json. */
  readonly query?: readonly {
    readonly name: string;
    readonly description: string;
    readonly type: 'string' | 'integer';
    /** Its full schema for /openapi.json, when more than the type (an enum, a range). */
    readonly schema?: object;
  }[];
  /** Success status → schema of the answer (null: no body). */
  readonly responses: Readonly<Record<number, SchemaName | RegistrySchemaName | null>>;
  /** 'tenant-token': a console session may not call it, whatever its access (403). */
  readonly callers?: 'tenant-token';
}

/** A route that takes no body: one sent anyway is ignored, and the handler gets undefined. */
interface BodilessRoute extends RouteBase {
  readonly request?: undefined;
  readonly bodyOptional?: undefined;
  readonly handler: RouteHandler;
}

/**
 * A route whose body the api checks against the schema `request` before the
 * handler runs (validate-request.ts); the handler gets it typed.
 */
type RouteWithBody<S extends RequestSchemaName> = RouteBase & {
  readonly request: S;
  /** An absent body is taken as `{}` (which the schema must admit) instead of being refused. */
  readonly bodyOptional?: true;
  readonly handler: RouteHandler<RequestBodies[S]>;
};

export type Route = BodilessRoute | { [S in RequestSchemaName]: RouteWithBody<S> }[RequestSchemaName];

export const routes: readonly Route[] = [
  {
    method: 'POST',
    path: '/v1/queues',
    summary: 'Create a push or pull queue',
    handler: createQueue,
    request: 'CreateQueue',
    responses: { 201: 'CreatedQueue' },
  },
  {
    method: 'GET',
    path: '/v1/queues',
    summary: "List the tenant's queues",
    handler: listQueues,
    responses: { 200: 'QueueList' },
  },
  {
    method: 'GET',
    path: '/v1/queues/{name}',
    summary: 'Show a queue',
    handler: getQueue,
    responses: { 200: 'Queue' },
  },
  {
    method: 'PATCH',
    path: '/v1/queues/{name}',
    summary: 'Change sink, filters, types, source, contentMode or status',
    handler: patchQueue,
    request: 'PatchQueue',
    responses: { 200: 'Queue' },
  },
  {
    method: 'DELETE',
    path: '/v1/queues/{name}',
    summary: 'Delete a queue and its subscription',
    handler: deleteQueue,
    responses: { 204: null },
  },
  {
    method: 'POST',
    path: '/v1/queues/{name}:rotate-secret',
    summary: 'Rotate the signing secret; the old one signs beside the new one for a grace period',
    handler: rotateSecret,
    request: 'RotateSecret',
    bodyOptional: true,
    responses: { 200: 'Secret' },
  },
  {
    method: 'POST',
    path: '/v1/queues/{name}:test',
    summary: 'Deliver a test event now and answer with what the sink answered',
    handler: testQueue,
    responses: { 200: 'TestResult' },
  },
  {
    method: 'POST',
    path: '/v1/queues/{name}:replay',
    summary: 'Deliver again everything published since a time (within the 7-day retention)',
    handler: replayQueue,
    request: 'Replay',
    responses: { 200: 'ReplayResult' },
  },
  {
    method: 'POST',
    path: '/v1/queues/{name}:redrive',
    summary: "Move the queue's dead letters back to it; call again while `more` is true",
    handler: redriveQueue,
    responses: { 200: 'RedriveResult' },
  },
  {
    method: 'GET',
    path: '/v1/queues/{name}/failures',
    summary: 'Recent failed delivery attempts, newest first',
    handler: listFailures,
    query: [
      { name: 'limit', description: 'Page size, 1-500 (default 50)', type: 'integer' },
      { name: 'pageToken', description: 'nextPageToken of the previous page', type: 'string' },
    ],
    responses: { 200: 'FailureList' },
  },
  {
    method: 'GET',
    path: '/v1/queues/{name}/stats',
    summary:
      'Delivered, failed attempts, dead-lettered and filtered-out counts, in total and per hour (lag up to one flush interval)',
    handler: queueStats,
    query: STATS_QUERY,
    responses: { 200: 'Stats' },
  },
  {
    method: 'GET',
    path: '/v1/queues/{name}/events',
    summary: "The queue's message log: every event that reached it, newest first",
    handler: listQueueEvents,
    query: logSearchQuery(ALL_LOG_FILTERS),
    responses: { 200: 'LogEntryList' },
  },
  {
    method: 'POST',
    path: '/v1/queues/{name}/events:resend',
    summary: 'Deliver again the entries a search finds (at most 100 a call; call again while `more`)',
    handler: bulkResendQueueEvents,
    request: 'BulkResend',
    bodyOptional: true,
    responses: { 202: 'BulkResendResult' },
  },
  {
    method: 'GET',
    path: '/v1/queues/{name}/events/{webhookId}',
    summary: 'One entry of the message log, with every attempt and the event itself',
    handler: getQueueEvent,
    responses: { 200: 'LogEntryDetail' },
  },
  {
    method: 'POST',
    path: '/v1/queues/{name}/events/{webhookId}:resend',
    summary: 'Deliver the event to this queue again, with the same webhook-id',
    handler: resendQueueEvent,
    responses: { 202: 'ResendResult' },
  },
  {
    method: 'GET',
    path: '/v1/events',
    summary:
      "The tenant's message log across all its queues (each entry names its queue): everything about one entity",
    handler: listTenantEvents,
    query: logSearchQuery(ALL_LOG_FILTERS),
    responses: { 200: 'LogEntryList' },
  },
  {
    method: 'GET',
    path: '/v1/event-types',
    summary: 'The event-type catalog',
    handler: listEventTypes,
    responses: { 200: 'EventTypeList' },
  },
  {
    method: 'POST',
    path: '/v1/filters:test',
    summary: 'Test filters against a sample event: whether they match, which refused it, and sql errors',
    handler: testFilters,
    request: 'FilterTest',
    responses: { 200: 'FilterTestResult' },
  },
  {
    method: 'POST',
    path: '/v1/events:route',
    summary: "Which of the tenant's queues would receive an event, and what refused it for the others",
    handler: routeEvent,
    request: 'RouteEvent',
    responses: { 200: 'RouteResult' },
  },
  {
    method: 'GET',
    path: '/v1/audit',
    summary:
      "The tenant's audit trail: every call that changed something, requested then completed or failed, newest first",
    handler: listAudit,
    query: AUDIT_QUERY,
    responses: { 200: 'AuditList' },
  },
  // Read-only: any other method is 405 with Allow: GET.
  ...REGISTRY_PATHS.map(
    ([path, summary]): Route => ({
      method: 'GET',
      path,
      summary,
      handler: readRegistryRoute,
      query: [INLINE_QUERY],
      responses: { 200: 'XRegistryAnswer' },
    }),
  ),
  {
    method: 'POST',
    path: '/v1/portal-sessions',
    summary: "A one-time link that opens the tenant console for the caller's tenant (tenant tokens only)",
    handler: createPortalSession,
    request: 'CreatePortalSession',
    bodyOptional: true,
    callers: 'tenant-token',
    responses: { 201: 'PortalSession' },
  },
  ...subscriptionRoutes,
];
