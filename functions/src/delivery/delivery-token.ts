// The bearer JWT on each delivery, signed with eventq's own key, so that a
// receiver can verify a delivery against /.well-known/jwks.json without a
// shared secret, as tenants verify Google's push tokens. One token per sink is
// reused until shortly before it expires, as Google does. Signed with
// node:crypto (see compact-jws.ts): nothing to load at cold start.

import { createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { signJwt } from '../auth/compact-jws';
import { BoundedMap } from '../caching/bounded-map';
import type { PrivateSigningJwk } from '../config/signing-keys-variable';
import { ConfigError } from '../errors';

const LIFETIME_SECONDS = 300;
const RENEW_BEFORE_SECONDS = 60;
const MAX_CACHED_SINKS = 10_000;

export interface DeliveryTokenIssuer {
  /** Synchronous: signing is, and a reused token needs no work at all. */
  tokenFor(audience: string): string;
}

export function createDeliveryTokenIssuer(
  signingJwk: PrivateSigningJwk,
  issuer: string,
  now: () => number = Date.now,
): DeliveryTokenIssuer {
  const key = privateKeyOf(signingJwk);
  const cache = new BoundedMap<string, { token: string; renewAt: number }>(MAX_CACHED_SINKS);

  const sign = (audience: string, nowSeconds: number): string => {
    const claims = { iss: issuer, aud: audience, iat: nowSeconds, exp: nowSeconds + LIFETIME_SECONDS };
    const token = signJwt(signingJwk.alg, signingJwk.kid, key, claims);
    cache.set(audience, { token, renewAt: nowSeconds + LIFETIME_SECONDS - RENEW_BEFORE_SECONDS });
    return token;
  };

  return {
    tokenFor(audience) {
      const nowSeconds = Math.floor(now() / 1000);
      const cached = cache.get(audience);
      if (cached && cached.renewAt > nowSeconds) return cached.token;
      return sign(audience, nowSeconds);
    },
  };
}

/** At cold start, so that a key node:crypto cannot use stops the function with its kid, not the first delivery. */
function privateKeyOf(jwk: PrivateSigningJwk): KeyObject {
  try {
    return createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch (error) {
    throw new ConfigError(
      `signing key "${jwk.kid}" is not a usable ${jwk.alg} key: ${(error as Error).message}`,
    );
  }
}

/** The public half of each signing key, for /.well-known/jwks.json. */
export function publicJwks(keys: readonly PrivateSigningJwk[]): { keys: Record<string, unknown>[] } {
  const privateMembers = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);
  return {
    keys: keys.map((key) => {
      const pub: Record<string, unknown> = {};
      for (const [member, value] of Object.entries(key)) if (!privateMembers.has(member)) pub[member] = value;
      pub.use = 'sig';
      return pub;
    }),
  };
}
