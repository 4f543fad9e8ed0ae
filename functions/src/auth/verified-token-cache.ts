// Remembers push tokens that passed verification until they expire, so a hot
// dispatch instance checks a signature once per token rather than per request
// (Pub/Sub reuses one token for many pushes). Bounded: the oldest entry goes first.

export class VerifiedTokenCache {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly maxEntries = 1000) {}

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

  add(token: string, expSeconds: number): void {
    // Concurrent pushes verify the same new token at once: adding it again must not evict another.
    this.expiries.delete(token);
    if (this.expiries.size >= this.maxEntries) {
      const oldest = this.expiries.keys().next().value;
      if (oldest !== undefined) this.expiries.delete(oldest);
    }
    this.expiries.set(token, expSeconds);
  }

  get size(): number {
    return this.expiries.size;
  }
}
