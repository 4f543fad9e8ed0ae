// Honours the WebHook-Allowed-Rate a sink granted in the validation handshake
// (requests per minute): a token bucket per queue, per dispatch instance. A
// push over the rate is answered 503 so Pub/Sub retries it after its backoff,
// without spending the sink's rate. Buckets are bounded in number.

import { BoundedMap } from '../caching/bounded-map';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets: BoundedMap<string, Bucket>;

  constructor(maxBuckets = 10_000) {
    this.buckets = new BoundedMap(maxBuckets);
  }

  /** Takes one delivery from the key's budget of `perMinute`; false when none is left. */
  take(key: string, perMinute: number, nowMs: number): boolean {
    const capacity = Math.max(1, Math.ceil(perMinute / 60));
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: capacity, updatedAt: nowMs };
      this.buckets.set(key, bucket);
    }
    const refill = ((nowMs - bucket.updatedAt) / 60_000) * perMinute;
    bucket.tokens = Math.min(capacity, bucket.tokens + refill);
    bucket.updatedAt = nowMs;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** After a refused take: milliseconds until the key has one whole token again (0 when it has). */
  waitMs(key: string, perMinute: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.tokens >= 1 || perMinute <= 0) return 0;
    return ((1 - bucket.tokens) / perMinute) * 60_000;
  }
}
