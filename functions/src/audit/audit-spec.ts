// How a route is audited: what its entries are called, which resource they
// are about, what of the request goes in `detail`, and the operational event
// it publishes once it completed. Each route of api/route-table.ts that
// changes something declares one (api/route-audits.ts); a route that only
// reads despite its method says 'read-only'. A mutating route that declares
// nothing is still audited, under defaultAuditSpec, and a unit test fails
// (test/unit/audit/route-audits.test.ts) until it is given its own.
import type { OpsEventType } from '../ops/ops-event-types';

/** The request as the audit sees it before the route has checked anything: the body may be anything. */
export interface AuditedRequest {
  readonly method: string;
  /** The route's path template, e.g. /v1/queues/{name}. */
  readonly route: string;
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The route's answer, as far as the audit and the ops event need it. */
export interface AuditedAnswer {
  readonly status: number;
  readonly body?: unknown;
}

export interface OpsEventOfAction {
  readonly type: OpsEventType;
  /** The queue name, or the token id. */
  readonly subject: string;
  /** Never a secret, a token, a signature or a sink URL (it may carry credentials). */
  readonly data: Readonly<Record<string, unknown>>;
}

export interface AuditSpec {
  readonly type: string | ((request: AuditedRequest) => string);
  readonly resource: (request: AuditedRequest) => string;
  /** Facts of the request worth keeping; never a secret, a token, a signature or a sink URL. */
  readonly detail?: (request: AuditedRequest) => Readonly<Record<string, unknown>>;
  /** The operational event published after the action completed. */
  readonly ops?: (request: AuditedRequest, answer: AuditedAnswer) => OpsEventOfAction | undefined;
}

/** A route that changes nothing whatever its method (a test of filters, a dry run of routing). */
export const READ_ONLY = 'read-only';
export type RouteAudit = AuditSpec | typeof READ_ONLY;

/** Whether calls of this method need an audit declaration (GET, HEAD and OPTIONS only read). */
export const isMutatingMethod = (method: string): boolean =>
  method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

/** For a mutating route that declares nothing: audited all the same, by its method and path. */
export function defaultAuditSpec(method: string, route: string): AuditSpec {
  return {
    type: `api.${method.toLowerCase()} ${route}`,
    resource: ({ params }) => Object.values(params).join('/') || route,
  };
}

/** A string field of a body that may be anything, or undefined. */
export function stringField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** The names of a body's fields (what a PATCH changes), never their values. */
export function fieldNames(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  return Object.keys(body).slice(0, 20).sort();
}
