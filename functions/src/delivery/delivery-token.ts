// The bearer JWT on each delivery, signed with eventq's own key, so that a
// receiver can verify a delivery against /.well-known/jwks.json without a
// shared secret, as tenants verify Google's push tokens. `sub` says which
// tenant's queue sent it (`<tenant>/<queue>`): two tenants may register the
// same URL, and a receiver must not take another tenant's events as its own.
// One token per queue and sink is reused until shortly before it expires, as
// Google does. Signed with
// node:crypto (see compact-jws.ts): nothing to load at cold start.

import { createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { signJwt } from '../auth/compact-jws';
import { BoundedMap } from '../caching/bounded-map';
import type { PrivateSigningJwk } from '../config/signing-keys-variable';
import { ConfigError } from '../errors';

const LIFETIME_SECONDS = 300;
const RENEW_BEFORE_SECONDS = 60;
const MAX_CACHED_QUEUES = 10_000;

export interface DeliveryTokenIssuer {
  /**
   * For the sink URL (`aud`) of the queue `subject` (`<tenant>/<queue>`, `sub`).
   * Synchronous: signing is, and a reused token needs no work at all.
   */
  tokenFor(audience: string, subject: string): string;
}

export function createDeliveryTokenIssuer(
  signingJwk: PrivateSigningJwk,
  issuer: string,
  now: () => number = Date.now,
): DeliveryTokenIssuer {
  const key = privateKeyOf(signingJwk);
  // By queue: a queue has one sink at a time, so the key needs no second string built per delivery.
  const cache = new BoundedMap<string, { audience: string; token: string; renewAt: number }>(
    MAX_CACHED_QUEUES,
  );

  const sign = (audience: string, subject: string, nowSeconds: number): string => {
    const claims = {
      iss: issuer,
      sub: subject,
      aud: audience,
      iat: nowSeconds,
      exp: nowSeconds + LIFETIME_SECONDS,
    };
    const token = signJwt(signingJwk.alg, signingJwk.kid, key, claims);
    cache.set(subject, { audience, token, renewAt: nowSeconds + LIFETIME_SECONDS - RENEW_BEFORE_SECONDS });
    return token;
  };

  return {
    tokenFor(audience, subject) {
      const nowSeconds = Math.floor(now() / 1000);
      const cached = cache.get(subject);
      if (cached && cached.renewAt > nowSeconds && cached.audience === audience) return cached.token;
      return sign(audience, subject, nowSeconds);
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
