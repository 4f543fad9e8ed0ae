// Resolves who is calling from the bearer token: a tenant token (eqt_…), or a
// console session (eqs_…, see store/portal-session-store.ts). Every failure is
// the same 401, so a caller cannot tell a malformed token from an unknown or
// expired one.
import { UnauthenticatedError } from '../errors';
import { isSessionToken, type PortalAccess, type PortalSessionStore } from '../store/portal-session-store';
import { type TokenStore, tokenIdOf } from '../store/token-store';

const DETAIL = 'a valid tenant token is required (Authorization: Bearer <token>)';

export interface Principal {
  readonly tenant: string;
  /** A tenant token may do everything; a console session what its link granted. */
  readonly access: PortalAccess;
  readonly via: 'tenant-token' | 'portal-session';
  /** The bearer token itself, for the per-token rate limit; never logged. */
  readonly token: string;
  /** The token's id (TokenSummary id), or the session's: what the audit trail records. */
  readonly id: string;
  /** A console session: the id of the tenant token that asked for its link. */
  readonly onBehalfOf?: string;
}

export interface Credentials {
  readonly tokens: TokenStore;
  readonly portalSessions: PortalSessionStore;
  readonly now: () => number;
}

export async function authenticate(
  authorization: string | undefined,
  credentials: Credentials,
): Promise<Principal> {
  const token = bearerToken(authorization);
  if (!token) throw new UnauthenticatedError(DETAIL);
  if (isSessionToken(token)) {
    const session = await credentials.portalSessions.sessionOf(token, credentials.now());
    if (!session) throw new UnauthenticatedError(DETAIL);
    return {
      tenant: session.tenant,
      access: session.access,
      via: 'portal-session',
      token,
      id: tokenIdOf(token),
      ...(session.madeBy !== undefined ? { onBehalfOf: session.madeBy } : {}),
    };
  }
  const tenant = await credentials.tokens.tenantOf(token);
  if (!tenant) throw new UnauthenticatedError(DETAIL);
  return { tenant, access: 'manage', via: 'tenant-token', token, id: tokenIdOf(token) };
}

/** The token of an `Authorization: Bearer <token>` header, or undefined when it has none of the right shape. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization ? /^Bearer\s+([A-Za-z0-9_\-.]{16,200})$/.exec(authorization)?.[1] : undefined;
}
