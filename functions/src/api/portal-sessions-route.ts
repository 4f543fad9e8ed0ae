// POST /v1/portal-sessions: a one-time console link for the caller's tenant
// (CONTRACT.md). The code rides in the URL's fragment, which a browser never
// sends to a server nor in Referer; the console exchanges it once
// (POST /console/session) for a session token of its own and removes it from
// the address bar. Only a tenant token may ask (route-table.ts `callers`): a
// session cannot mint itself a longer or a manage session.
import type { RouteHandler } from './api-context';
import { DEFAULT_PORTAL_SESSION_SECONDS } from './schemas/portal-session-schemas';
import type { CreatePortalSessionBody } from './schemas/request-bodies';

/** Where the console is served, under the api's own origin. */
export const CONSOLE_PATH = '/console/';

export const createPortalSession: RouteHandler<CreatePortalSessionBody> = async (
  { tenant, body, caller },
  services,
) => {
  const access = body.access ?? 'manage';
  const ttlSeconds = body.ttlSeconds ?? DEFAULT_PORTAL_SESSION_SECONDS;
  const expiresAt = new Date(services.now() + ttlSeconds * 1000).toISOString();
  const code = await services.portalSessions.createLink({
    tenant,
    access,
    expiresAt,
    ...(caller !== undefined ? { madeBy: caller.id } : {}),
  });
  const url = `${services.config.apiUrl.replace(/\/+$/, '')}${CONSOLE_PATH}#code=${code}`;
  return { status: 201, body: { url, expiresAt, access } };
};
