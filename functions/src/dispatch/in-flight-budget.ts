// A bound on the push bodies one dispatch instance works on at once. Each
// in-flight event costs a few times its size in memory (the envelope, its
// base64 data decoded, the request to the sink), so one tenant's large events
// to a slow sink could otherwise exhaust an instance that every tenant shares.
// Beyond the bound a push is answered 503 at once and Pub/Sub pushes it again
// later; one push is always let through, whatever its size, so that nothing
// is refused forever.

export class InFlightBudget {
  private used = 0;

  constructor(readonly maxBytes: number) {}

  /** Takes `bytes` from the budget; false when they do not fit beside what is in flight. */
  take(bytes: number): boolean {
    if (this.used > 0 && this.used + bytes > this.maxBytes) return false;
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get bytesInFlight(): number {
    return this.used;
  }
}
