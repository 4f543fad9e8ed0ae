// Flushes DeliveryCounters at most every `intervalMs`: a timer armed by the
// first count after a flush, and a check from request handling (Cloud
// Functions may throttle CPU between requests, so a timer alone may run late),
// and once more on SIGTERM. One flush at a time; a failed one puts its counts back.
import type { CountsBatch, DeliveryCounters } from './delivery-counters';

export interface StatsFlusherOptions {
  readonly counters: DeliveryCounters;
  readonly intervalMs: number;
  readonly write: (batches: readonly CountsBatch[]) => Promise<void>;
  readonly onError: (error: unknown) => void;
  readonly now?: () => number;
}

export class StatsFlusher {
  private lastFlush: number;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: StatsFlusherOptions) {
    this.now = options.now ?? Date.now;
    this.lastFlush = this.now();
  }

  /** Call after counting: arms the timer, or flushes now when the interval has passed. */
  poke(): void {
    if (this.options.counters.empty || this.inFlight) return;
    const due = this.lastFlush + this.options.intervalMs - this.now();
    if (due <= 0) {
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

  /** Writes what has been counted; resolves when written (or failed and put back). */
  flush(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batches = this.options.counters.take();
    this.lastFlush = this.now();
    if (batches.length === 0) return Promise.resolve();
    this.inFlight = this.options
      .write(batches)
      .catch((error: unknown) => {
        this.options.counters.restore(batches);
        this.options.onError(error);
      })
      .finally(() => {
        this.inFlight = undefined;
        this.poke();
      });
    return this.inFlight;
  }
}

/**
 * Runs `beforeExit` (bounded by `maxMs`) when `signal` arrives, before the
 * process exits. The Functions Framework exits at once from its own SIGTERM
 * listener; Cloud Run grants 10 s after it, which is time enough for one
 * flush. Node calls every listener of one emit, even one removed during it,
 * so the framework's listener runs right after this one whatever this one
 * does: its `process.exit` is therefore held until `beforeExit` is done (or
 * `maxMs` has passed), and made then.
 */
export function runBeforeSignal(
  signal: NodeJS.Signals,
  beforeExit: () => Promise<void>,
  maxMs: number,
): void {
  const listener = () => {
    process.removeListener(signal, listener);
    const othersListen = process.listenerCount(signal) > 0;
    const exit = process.exit;
    let held: { code: Parameters<typeof process.exit>[0] } | undefined;
    process.exit = ((code?: Parameters<typeof process.exit>[0]) => {
      held ??= { code };
    }) as typeof process.exit;
    const bound = new Promise<void>((resolve) => setTimeout(resolve, maxMs).unref());
    void Promise.race([beforeExit().catch(() => undefined), bound]).then(() => {
      process.exit = exit;
      if (held) exit(held.code);
      else if (!othersListen) exit(0);
    });
  };
  process.prependListener(signal, listener);
}
