// The bearer JWT on each delivery, signed with eventq's own key, so that a
// receiver can verify a delivery against /.well-known/jwks.json without a
// shared secret, as tenants verify Google's push tokens. One token per sink is
// reused until shortly before it expires, as Google does.
import { importJWK, type JWK, SignJWT } from 'jose';
import type { PrivateSigningJwk } from '../config/signing-keys-variable';

const LIFETIME_SECONDS = 300;
const RENEW_BEFORE_SECONDS = 60;
const MAX_CACHED_SINKS = 10_000;

export interface DeliveryTokenIssuer {
  tokenFor(audience: string): Promise<string>;
}

export function createDeliveryTokenIssuer(
  signingJwk: PrivateSigningJwk,
  issuer: string,
  now: () => number = Date.now,
): DeliveryTokenIssuer {
  const keyPromise = importJWK(signingJwk as JWK, signingJwk.alg);
  const cache = new Map<string, { token: Promise<string>; renewAt: number }>();

  const sign = async (audience: string, nowSeconds: number): Promise<string> => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: signingJwk.alg, kid: signingJwk.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(nowSeconds)
      .setExpirationTime(nowSeconds + LIFETIME_SECONDS)
      .sign(await keyPromise);
    if (cache.size >= MAX_CACHED_SINKS) cache.clear();
    cache.set(audience, {
      token: Promise.resolve(token),
      renewAt: nowSeconds + LIFETIME_SECONDS - RENEW_BEFORE_SECONDS,
    });
    return token;
  };

  return {
    // Not async: a reused token is handed out as the same settled promise.
    tokenFor(audience) {
      const nowSeconds = Math.floor(now() / 1000);
      const cached = cache.get(audience);
      if (cached && cached.renewAt > nowSeconds) return cached.token;
      return sign(audience, nowSeconds);
    },
  };
}

/** The public half of each signing key, for /.well-known/jwks.json. */
export function publicJwks(keys: readonly PrivateSigningJwk[]): { keys: JWK[] } {
  const privateMembers = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);
  return {
    keys: keys.map((key) => {
      const pub: Record<string, unknown> = {};
      for (const [member, value] of Object.entries(key)) if (!privateMembers.has(member)) pub[member] = value;
      pub.use = 'sig';
      return pub as JWK;
    }),
  };
}
