// The public keys that push tokens are checked against, by key id: Google's
// JWKS (https://www.googleapis.com/oauth2/v3/certs) in production, the token
// relay's locally. Fetched on first use, kept for the max-age Google sends,
// fetched again early when a token names a key not seen yet (Google rotates
// its keys), but not more than once per cooldown, so that tokens with made-up
// key ids cannot make dispatch hammer the certs URL.
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { PushTokenRejected, UnavailableError } from '../errors';
import { getJson } from '../net/http-request';

/** The key a token's `kid` names; rejects with a reason when there is none. */
export type PushKeyLookup = (kid: string) => Promise<KeyObject>;

/** RSA keys shorter than this are refused, as RFC 7518 §3.3 requires for RS256. */
const MIN_RSA_BITS = 2048;
const DEFAULT_MAX_AGE_MS = 3_600_000;
const MAX_MAX_AGE_MS = 86_400_000;

/** Named as jose names it (JWKSNoMatchingKey), so logs read the same as with jose. */
export class NoApplicableKey extends PushTokenRejected {
  constructor(detail: string) {
    super(`JWKSNoMatchingKey: ${detail}`);
  }
}

/** The RS256 signing keys of a JWKS document, by kid; anything else in it is ignored. */
export function rs256KeysOf(jwks: unknown): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  const members = (jwks as { keys?: unknown } | undefined)?.keys;
  if (!Array.isArray(members)) throw new UnavailableError('the JWKS has no "keys" array');
  for (const jwk of members as Record<string, unknown>[]) {
    if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'RSA' || typeof jwk.kid !== 'string') continue;
    if (jwk.alg !== undefined && jwk.alg !== 'RS256') continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    let key: KeyObject;
    try {
      key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e } as JsonWebKey, format: 'jwk' });
    } catch {
      continue;
    }
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) continue;
    keys.set(jwk.kid, key);
  }
  return keys;
}

function noKey(kid: string): NoApplicableKey {
  return new NoApplicableKey(`no applicable key in the push JWKS for kid "${kid}"`);
}

/** A fixed key set (tests, benchmarks). */
export function localPushKeys(jwks: unknown): PushKeyLookup {
  const keys = rs256KeysOf(jwks);
  return (kid) => {
    const key = keys.get(kid);
    return key ? Promise.resolve(key) : Promise.reject(noKey(kid));
  };
}

export interface RemotePushKeysOptions {
  readonly timeoutMs?: number;
  /** Least time between two fetches prompted by unknown key ids. */
  readonly cooldownMs?: number;
  readonly now?: () => number;
}

function maxAgeMs(cacheControl: string | undefined): number {
  const match = /(?:^|,)\s*max-age=(\d+)/i.exec(cacheControl ?? '');
  return match ? Math.min(Number(match[1]) * 1000, MAX_MAX_AGE_MS) : DEFAULT_MAX_AGE_MS;
}

export function remotePushKeys(certsUrl: string, options: RemotePushKeysOptions = {}): PushKeyLookup {
  const url = new URL(certsUrl);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const now = options.now ?? Date.now;
  let keys = new Map<string, KeyObject>();
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let expiresAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;

  const refresh = (): Promise<void> => {
    inFlight ??= (async () => {
      try {
        const response = await getJson(url, { timeoutMs });
        if (response.status !== 200) throw new UnavailableError(`${url.href} answered ${response.status}`);
        const fresh = rs256KeysOf(response.body);
        const fetched = now();
        keys = fresh;
        fetchedAt = fetched;
        expiresAt = fetched + maxAgeMs(response.headers['cache-control']);
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  return async (kid) => {
    const t = now();
    const fresh = t < expiresAt;
    if (fresh && keys.has(kid)) return keys.get(kid)!;
    if (fresh && t - fetchedAt < cooldownMs) throw noKey(kid);
    try {
      await refresh();
    } catch (error) {
      // Google's keys live for days: one that was known a moment ago still verifies.
      const stale = keys.get(kid);
      if (stale) return stale;
      throw new UnavailableError(`could not fetch the push keys: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const key = keys.get(kid);
    if (!key) throw noKey(kid);
    return key;
  };
}
