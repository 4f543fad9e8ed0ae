// A bounded, per-instance memory of tokens that are not ours, so that a caller
// repeating one made-up token costs a hash and a map lookup, not a Firestore
// read per request. Only misses are remembered, for UNKNOWN_TOKEN_TTL_MS: a
// token issued after it was tried works within that many seconds, and a
// revoked token stops at once (hits are never cached). The key is the token's
// SHA-256, as stored, so the map holds no token material; when full, the
// entry written longest ago goes first (BoundedMap), so a flood of distinct
// tokens costs at most UNKNOWN_TOKEN_ENTRIES × ~100 bytes.
import { BoundedMap } from '../caching/bounded-map';
import { hashToken, type TokenStore } from '../store/token-store';

export const UNKNOWN_TOKEN_TTL_MS = 5_000;
export const UNKNOWN_TOKEN_ENTRIES = 10_000;

export function cacheUnknownTokens(
  store: TokenStore,
  now: () => number,
  options: { ttlMs?: number; maxEntries?: number } = {},
): TokenStore {
  const ttlMs = options.ttlMs ?? UNKNOWN_TOKEN_TTL_MS;
  const unknownUntil = new BoundedMap<string, number>(options.maxEntries ?? UNKNOWN_TOKEN_ENTRIES);
  return {
    ...store,
    async tenantOf(token) {
      const hash = hashToken(token);
      const until = unknownUntil.get(hash);
      if (until !== undefined) {
        if (until > now()) return undefined;
        unknownUntil.delete(hash);
      }
      const tenant = await store.tenantOf(token);
      if (tenant === undefined) unknownUntil.set(hash, now() + ttlMs);
      return tenant;
    },
  };
}
