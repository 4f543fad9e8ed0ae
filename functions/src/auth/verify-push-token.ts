// Verifies the OIDC token that Pub/Sub push puts on every request, the same way
// everywhere: only the certs URL and the expected audience and email differ
// between production (Google's certs) and the local stack (the token relay).
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { UnauthenticatedError } from '../errors';
import { VerifiedTokenCache } from './verified-token-cache';

export const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
/** Google signs push tokens for one hour. */
const MAX_TOKEN_AGE_SECONDS = 3600;
const VERIFIED: Promise<void> = Promise.resolve();

export interface PushTokenExpectations {
  readonly audience: string;
  readonly serviceAccountEmail: string;
  readonly clockSkewSeconds: number;
}

export type PushTokenVerifier = (authorization: string | undefined) => Promise<void>;

/** The reason a token was refused; logged, never sent to the caller. */
export class PushTokenRejected extends UnauthenticatedError {
  constructor(readonly reason: string) {
    super('the push token is missing or invalid');
  }
}

function bearerToken(authorization: string | undefined): string {
  if (!authorization) throw new PushTokenRejected('no Authorization header');
  const match = /^Bearer ([A-Za-z0-9_\-.=]+)$/.exec(authorization);
  if (!match) throw new PushTokenRejected('Authorization is not a Bearer token');
  return match[1]!;
}

function checkGoogleClaims(payload: JWTPayload, expected: PushTokenExpectations, nowSeconds: number): void {
  // jose checks signature, alg, iss, aud and exp; Google's own verifyIdToken
  // checks neither email nor email_verified, so they are checked here.
  if (payload.email !== expected.serviceAccountEmail) {
    throw new PushTokenRejected(`email "${String(payload.email)}" is not the push service account`);
  }
  if (payload.email_verified !== true) throw new PushTokenRejected('email_verified is not true');
  if (typeof payload.iat !== 'number' || payload.iat > nowSeconds + expected.clockSkewSeconds) {
    throw new PushTokenRejected('iat is missing or in the future');
  }
  if (typeof payload.exp !== 'number') throw new PushTokenRejected('exp is missing');
}

export function createPushTokenVerifier(
  keys: JWTVerifyGetKey,
  expected: PushTokenExpectations,
  options: { cache?: VerifiedTokenCache; now?: () => number } = {},
): PushTokenVerifier {
  const cache = options.cache ?? new VerifiedTokenCache();
  const nowSeconds = () => Math.floor((options.now?.() ?? Date.now()) / 1000);

  const verify = async (token: string, now: number): Promise<void> => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        issuer: GOOGLE_ISSUERS,
        audience: expected.audience,
        clockTolerance: expected.clockSkewSeconds,
        // jose already widens maxTokenAge by clockTolerance.
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
        requiredClaims: ['exp', 'iat'],
        currentDate: new Date(now * 1000),
      }));
    } catch (error) {
      throw new PushTokenRejected(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
    checkGoogleClaims(payload, expected, now);
    cache.add(token, payload.exp!);
  };

  // Not an async function: a cached token (nearly every push) is answered with
  // one shared settled promise, allocating nothing.
  return (authorization) => {
    let token: string;
    try {
      token = bearerToken(authorization);
    } catch (error) {
      return Promise.reject(error);
    }
    const now = nowSeconds();
    if (cache.has(token, now - expected.clockSkewSeconds)) return VERIFIED;
    return verify(token, now);
  };
}

/** Keys from a JWKS URL (Google's certs in production), fetched lazily and cached by jose. */
export function remotePushKeys(certsUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(certsUrl), { cooldownDuration: 30_000, cacheMaxAge: 3_600_000 });
}
