// Resolves the tenant of a request from its bearer token. Every failure is the
// same 401, so a caller cannot tell a malformed token from an unknown one.
import { UnauthenticatedError } from '../errors';
import type { TokenStore } from '../store/token-store';

const DETAIL = 'a valid tenant token is required (Authorization: Bearer <token>)';

export async function authenticateTenant(
  authorization: string | undefined,
  tokens: TokenStore,
): Promise<string> {
  const token = bearerToken(authorization);
  if (!token) throw new UnauthenticatedError(DETAIL);
  const tenant = await tokens.tenantOf(token);
  if (!tenant) throw new UnauthenticatedError(DETAIL);
  return tenant;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined when it has none of the right shape. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization ? /^Bearer\s+([A-Za-z0-9_\-.]{16,200})$/.exec(authorization)?.[1] : undefined;
}
