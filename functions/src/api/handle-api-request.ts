// Every API request goes through here: public routes, then the tenant token,
// then the route, its body (size, type, JSON, then its request schema), then
// its handler; every error leaves as {code, detail} with its status, never a
// stack or a raw exception message.
import type { Request, Response } from '@google-cloud/functions-framework';
import type { ActorResolver } from '../audit/audit-actor';
import { isMutatingMethod, READ_ONLY } from '../audit/audit-spec';
import { type ActionAudit, type AuditServices, auditedCall } from '../audit/audited-call';
import { publicJwks } from '../delivery/delivery-token';
import { EventqError, ForbiddenError, InternalError, RateLimitedError } from '../errors';
import type { Logger } from '../observability/log';
import type { ApiServices, RouteHandler } from './api-context';
import { authenticate, type Principal } from './authenticate';
import { checkBody } from './check-body';
import { type ConsoleContext, serveConsole } from './console/serve-console';
import { auditOf } from './route-audits';
import { methodNotAllowed, routeNotFound } from './route-miss';

/** Where it was first defined; check-body.ts owns it now. */
export { MAX_BODY_BYTES } from './check-body';

import { matchRoute } from './route-match';
import type { Route } from './route-table';
import { routeBody } from './validate-request';

function send(res: Response, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  res.set('cache-control', 'no-store');
  for (const [name, value] of Object.entries(headers)) res.set(name, value);
  if (body === undefined) res.status(status).end();
  else res.status(status).json(body);
}

/** What a console session may not do: a read session changes nothing; no session mints sessions. */
function authorize(route: Route, method: string, principal: Principal): void {
  if (principal.via === 'tenant-token') return;
  if (route.callers === 'tenant-token')
    throw new ForbiddenError('a console session cannot do this; it needs a tenant token');
  if (principal.access === 'read' && method !== 'GET' && method !== 'OPTIONS')
    throw new ForbiddenError('this console session is read-only: it can look but not change anything');
}

/** What every request is handled with; createApi builds it once per instance. */
export interface ApiRequestContext {
  readonly services: ApiServices;
  readonly log: Logger;
  /** /openapi.json, built on first request. */
  readonly openApiDocument: () => Record<string, unknown>;
  /** Throws RateLimitedError when the token is over EVENTQ_API_RATE_PER_MINUTE. */
  readonly checkRate: (token: string) => void;
  /** The console's pages and its sign-in exchange (console/serve-console.ts). */
  readonly console: ConsoleContext;
  /** The audit trail every mutating call goes through (audit/audited-call.ts), and who its actor is. */
  readonly audit: AuditServices & { readonly actorOf: ActorResolver };
}

export async function handleApiRequest(
  req: Request,
  res: Response,
  context: ApiRequestContext,
): Promise<void> {
  const { services, log } = context;
  try {
    if (req.method === 'GET' && req.path === '/.well-known/jwks.json') {
      res.set('cache-control', 'public, max-age=300');
      res.status(200).json(publicJwks(services.config.signingKeys));
      return;
    }
    if (req.method === 'GET' && req.path === '/openapi.json') {
      res.set('cache-control', 'public, max-age=300');
      res.status(200).json(context.openApiDocument());
      return;
    }
    if (await serveConsole(req, res, context.console)) return;
    const route = matchRoute(req.method, req.path);
    const principal = await authenticate(req.get('authorization'), services);
    const { tenant } = principal;
    context.checkRate(principal.token);
    if (route.kind === 'not-found') throw routeNotFound(req.method, req.path);
    if (route.kind === 'method-not-allowed') {
      res.set('allow', route.allow.join(', '));
      throw methodNotAllowed(req.method, req.path, route.allow);
    }
    const rawBody = req.rawBody && req.rawBody.length > 0 ? req.body : undefined;
    const act = async (audit?: ActionAudit) => {
      authorize(route.route, req.method, principal);
      checkBody(req);
      const body = routeBody(route.route, rawBody);
      // routeBody has just checked the body against this route's own request schema.
      const handler = route.route.handler as RouteHandler<unknown>;
      return handler(
        {
          tenant,
          params: route.params,
          body,
          query: (req.query ?? {}) as Record<string, unknown>,
          caller: { id: principal.onBehalfOf ?? principal.id },
          ...(audit ? { audit } : {}),
        },
        services,
      );
    };
    const spec = isMutatingMethod(req.method) ? auditOf(req.method, route.route.path) : READ_ONLY;
    // A refused call (a read-only session's PATCH, a body the schema refuses) is audited as failed too.
    const answer =
      spec === READ_ONLY
        ? await act()
        : await auditedCall(
            spec,
            context.audit,
            tenant,
            await context.audit.actorOf(principal),
            { method: req.method, route: route.route.path, params: route.params, body: rawBody },
            act,
          );
    send(res, answer.status, answer.body, answer.headers);
  } catch (error) {
    if (!(error instanceof EventqError)) {
      log('ERROR', 'api request failed unexpectedly', {
        error: error instanceof Error ? error.stack : String(error),
      });
      send(res, 500, new InternalError('internal error', { cause: error }).toJSON());
      return;
    }
    if (error instanceof RateLimitedError) res.set('retry-after', String(error.retryAfterSeconds));
    if (error.status >= 500) log('ERROR', error.detail, { error: String(error.cause ?? error) });
    send(res, error.status, error.toJSON());
  }
}
