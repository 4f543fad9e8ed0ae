// Per-queue "not before" times set by a sink's Retry-After, kept in dispatch's
// memory: until the time passes, pushes for the queue are answered 503 without
// calling the sink, so Pub/Sub retries them with its own backoff. Per instance:
// another instance may still make one attempt and learn the same wait.

import { BoundedMap } from '../caching/bounded-map';

export class DeliveryHolds {
  private readonly until: BoundedMap<string, number>;

  constructor(maxEntries = 10_000) {
    this.until = new BoundedMap(maxEntries);
  }

  hold(key: string, untilMs: number): void {
    this.until.set(key, Math.max(untilMs, this.until.get(key) ?? 0));
  }

  /** The time the queue is held until, or undefined when it may deliver at `nowMs`. */
  heldUntil(key: string, nowMs: number): number | undefined {
    const until = this.until.get(key);
    if (until === undefined) return undefined;
    if (until <= nowMs) {
      this.until.delete(key);
      return undefined;
    }
    return until;
  }
}
