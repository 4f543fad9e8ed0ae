// Verifies the OIDC token that Pub/Sub push puts on every request, the same way
// everywhere: only the certs URL and the expected audience and email differ
// between production (Google's certs) and the local stack (the token relay).
// Checked with node:crypto, not a JOSE library: jose and the `fetch` it uses
// cost ~45 ms of every cold start to load, and a push token is one fixed shape
// (RS256, Google's claims), so the rules fit on a page and are all tested.
import { verify as verifySignature } from 'node:crypto';
import { PushTokenRejected } from '../errors';
import { type CompactJws, parseCompactJws } from './compact-jws';
import type { PushKeyLookup } from './push-keys';
import { VerifiedTokenCache } from './verified-token-cache';

export const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
/** Google signs push tokens for one hour. */
const MAX_TOKEN_AGE_SECONDS = 3600;

export interface PushTokenExpectations {
  readonly audience: string;
  readonly serviceAccountEmail: string;
  readonly clockSkewSeconds: number;
}

/**
 * Nothing when the token was verified before (nearly every push: Pub/Sub reuses
 * a token for an hour), else a promise that settles once it is checked.
 */
export type PushTokenVerifier = (authorization: string | undefined) => Promise<void> | undefined;

export { PushTokenRejected };

function bearerToken(authorization: string | undefined): string {
  if (!authorization) throw new PushTokenRejected('no Authorization header');
  const match = /^Bearer ([A-Za-z0-9_\-.=]+)$/.exec(authorization);
  if (!match) throw new PushTokenRejected('Authorization is not a Bearer token');
  return match[1]!;
}

type Claims = CompactJws['payload'];

function checkIssuerAndAudience(payload: Claims, expected: PushTokenExpectations): void {
  if (typeof payload.iss !== 'string' || !GOOGLE_ISSUERS.includes(payload.iss)) {
    throw new PushTokenRejected(`unexpected "iss" claim value: ${JSON.stringify(payload.iss)}`);
  }
  const { aud } = payload;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(expected.audience)) {
    throw new PushTokenRejected(`unexpected "aud" claim value: ${JSON.stringify(aud)}`);
  }
}

/** The time claims, with the clock skew allowed either way (RFC 7519 §4.1.4–6). */
function checkTimes(payload: Claims, skew: number, nowSeconds: number): void {
  const { exp, iat, nbf } = payload;
  if (typeof exp !== 'number') throw new PushTokenRejected('"exp" claim is missing or not a number');
  if (exp <= nowSeconds - skew) throw new PushTokenRejected('"exp" claim timestamp check failed (expired)');
  if (typeof iat !== 'number') throw new PushTokenRejected('"iat" claim is missing or not a number');
  if (iat > nowSeconds + skew)
    throw new PushTokenRejected('"iat" claim timestamp check failed (in the future)');
  if (nowSeconds - iat - skew > MAX_TOKEN_AGE_SECONDS) {
    throw new PushTokenRejected('"iat" claim timestamp check failed (older than Google signs for)');
  }
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds + skew)) {
    throw new PushTokenRejected('"nbf" claim timestamp check failed');
  }
}

function checkGoogleClaims(payload: Claims, expected: PushTokenExpectations, nowSeconds: number): void {
  checkIssuerAndAudience(payload, expected);
  checkTimes(payload, expected.clockSkewSeconds, nowSeconds);
  // Google's own verifyIdToken checks neither email nor email_verified; both matter here.
  if (payload.email !== expected.serviceAccountEmail) {
    throw new PushTokenRejected(`email "${String(payload.email)}" is not the push service account`);
  }
  if (payload.email_verified !== true) throw new PushTokenRejected('email_verified is not true');
}

/** Parses, then checks alg and signature before any claim is believed. */
async function verifiedPayload(token: string, keys: PushKeyLookup): Promise<Claims> {
  const jws: CompactJws = parseCompactJws(token);
  const { alg, kid, crit } = jws.header;
  // Only RS256: "none", HMAC keyed with the public key and every other alg are refused here.
  if (alg !== 'RS256') throw new PushTokenRejected(`JWSInvalid: "alg" (${String(alg)}) is not allowed`);
  // RFC 7515 §4.1.11: extensions a verifier does not understand make the token invalid.
  if (crit !== undefined)
    throw new PushTokenRejected('JWSInvalid: "crit" header parameters are not supported');
  if (typeof kid !== 'string')
    throw new PushTokenRejected('JWSInvalid: no applicable key, the token has no "kid"');
  let key: Awaited<ReturnType<PushKeyLookup>>;
  try {
    key = await keys(kid);
  } catch (error) {
    if (error instanceof PushTokenRejected) throw error;
    throw new PushTokenRejected(`${(error as Error).name}: ${(error as Error).message}`);
  }
  if (!verifySignature('RSA-SHA256', Buffer.from(jws.signingInput), key, jws.signature)) {
    throw new PushTokenRejected('JWSSignatureVerificationFailed: signature verification failed');
  }
  return jws.payload;
}

export function createPushTokenVerifier(
  keys: PushKeyLookup,
  expected: PushTokenExpectations,
  options: { cache?: VerifiedTokenCache; now?: () => number } = {},
): PushTokenVerifier {
  const cache = options.cache ?? new VerifiedTokenCache();
  const nowSeconds = () => Math.floor((options.now?.() ?? Date.now()) / 1000);

  const verify = async (token: string, now: number): Promise<void> => {
    const payload = await verifiedPayload(token, keys);
    checkGoogleClaims(payload, expected, now);
    cache.add(token, payload.exp as number);
  };

  // Not an async function: a cached token is answered synchronously, without a promise.
  return (authorization) => {
    const now = nowSeconds();
    const notExpiredAt = now - expected.clockSkewSeconds;
    if (cache.knowsHeader(authorization, notExpiredAt)) return undefined;
    let token: string;
    try {
      token = bearerToken(authorization);
    } catch (error) {
      return Promise.reject(error);
    }
    if (cache.has(token, notExpiredAt)) {
      cache.rememberHeader(authorization!, token);
      return undefined;
    }
    return verify(token, now).then(() => cache.rememberHeader(authorization!, token));
  };
}
