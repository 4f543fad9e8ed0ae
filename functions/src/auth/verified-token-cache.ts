// Remembers push tokens that passed verification until they expire, so a hot
// dispatch instance checks a signature once per token rather than per request
// (Pub/Sub reuses one token for many pushes). Bounded: the oldest entry goes first.

import { BoundedMap } from '../caching/bounded-map';

export class VerifiedTokenCache {
  private readonly expiries: BoundedMap<string, number>;
  /**
   * The last Authorization header whose token verified. Pub/Sub sends one token
   * for an hour, so comparing the header as a whole first spares parsing it and
   * hashing a ~900-character token as a map key on nearly every push.
   */
  private last: { readonly authorization: string; readonly exp: number } | undefined;

  constructor(maxEntries = 1000) {
    this.expiries = new BoundedMap(maxEntries);
  }

  /** True when the token was verified before and its expiry (seconds) is still ahead of `nowSeconds`. */
  has(token: string, nowSeconds: number): boolean {
    const exp = this.expiries.get(token);
    if (exp === undefined) return false;
    if (exp <= nowSeconds) {
      this.expiries.delete(token);
      return false;
    }
    return true;
  }

  /** True when `authorization` is the header last remembered and its token's expiry is still ahead. */
  knowsHeader(authorization: string | undefined, nowSeconds: number): boolean {
    const last = this.last;
    return last !== undefined && authorization === last.authorization && last.exp > nowSeconds;
  }

  /** Remembers the header that carried `token`, which must be in the cache. */
  rememberHeader(authorization: string, token: string): void {
    const exp = this.expiries.get(token);
    if (exp !== undefined) this.last = { authorization, exp };
  }

  add(token: string, expSeconds: number): void {
    // Concurrent pushes verify the same new token at once: adding it again does not evict another.
    this.expiries.set(token, expSeconds);
  }

  get size(): number {
    return this.expiries.size;
  }
}
