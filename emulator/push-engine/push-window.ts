// Flow control and push backoff of one subscription, as Pub/Sub documents
// push delivery: a push window (how many pushes may be outstanding) that
// starts small, grows with every success and shrinks with every failure; and
// after a failure a pause of the whole subscription (the push backoff) that
// doubles while failures go on, from 100 ms to a cap, and ends at the first
// success. It slows delivery to a failing endpoint and never stops it: the
// gate always opens again. Pure state; the caller supplies the time.

export interface PushWindowLimits {
  /** The flow-control bound: pushes outstanding at most. */
  readonly maxOutstanding: number;
  /** Where the window starts ("a small single-digit window"). */
  readonly initial: number;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
}

export const DEFAULT_PUSH_WINDOW: PushWindowLimits = {
  maxOutstanding: 32,
  initial: 4,
  minBackoffMs: 100,
  maxBackoffMs: 60_000,
};

export class PushWindow {
  private windowSize: number;
  private backoffMs = 0;
  private closedUntil = 0;

  constructor(private readonly limits: PushWindowLimits = DEFAULT_PUSH_WINDOW) {
    this.windowSize = Math.min(limits.initial, limits.maxOutstanding);
  }

  /** How many pushes may be outstanding now. */
  get size(): number {
    return this.windowSize;
  }

  /** The time before which nothing is pushed (0 when the gate is open). */
  get opensAt(): number {
    return this.closedUntil;
  }

  /** Whether one more push may start at `now` with `outstanding` already under way. */
  mayStart(outstanding: number, now: number): boolean {
    return now >= this.closedUntil && outstanding < this.windowSize;
  }

  succeeded(): void {
    this.windowSize = Math.min(this.limits.maxOutstanding, this.windowSize + 1);
    this.backoffMs = 0;
    this.closedUntil = 0;
  }

  failed(now: number): void {
    this.windowSize = Math.max(1, Math.floor(this.windowSize / 2));
    // The failures of pushes that were already under way when the gate closed
    // are one event, not many: only a failure while the gate is open backs off further.
    if (now < this.closedUntil) return;
    this.backoffMs = Math.min(
      this.limits.maxBackoffMs,
      Math.max(this.limits.minBackoffMs, this.backoffMs * 2),
    );
    this.closedUntil = now + this.backoffMs;
  }
}
