// When a batching writer in dispatch (the delivery counters, the message log)
// writes what it holds: at most once per `intervalMs`, by a timer armed on the
// first piece of work after a flush and by a check from request handling
// (Cloud Functions may throttle CPU between requests, so a timer alone may
// run late); at once when the writer says its batch is full; on demand (on
// SIGTERM). One flush at a time: work that comes during one waits for the
// next, which is scheduled when it ends.

export interface FlushScheduleOptions {
  readonly intervalMs: number;
  /** Whether anything waits to be written. */
  readonly hasWork: () => boolean;
  /** Whether to write now rather than at the interval (a batch is full). */
  readonly isFull?: () => boolean;
  /**
   * Takes what waits and writes it; resolves when written or put back.
   * undefined when there was nothing to take. Must not reject.
   */
  readonly run: () => Promise<void> | undefined;
  readonly now?: () => number;
}

export class FlushSchedule {
  private lastFlush: number;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: FlushScheduleOptions) {
    this.now = options.now ?? Date.now;
    this.lastFlush = this.now();
  }

  /** Call after adding work: arms the timer, or flushes now when full or due. */
  poke(): void {
    if (this.inFlight || !this.options.hasWork()) return;
    const due = this.lastFlush + this.options.intervalMs - this.now();
    if (due <= 0 || this.options.isFull?.() === true) {
      void this.flush();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, due);
      this.timer.unref();
    }
  }

  /** Writes what waits now; resolves when the flush (or the one in flight) is done. */
  flush(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.lastFlush = this.now();
    const running = this.options.run();
    if (running === undefined) return Promise.resolve();
    this.inFlight = running.finally(() => {
      this.inFlight = undefined;
      this.poke();
    });
    return this.inFlight;
  }
}
