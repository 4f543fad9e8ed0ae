// Flushes DeliveryCounters on the flush schedule (flush-schedule.ts: at most
// every `intervalMs`, and once more on SIGTERM); a failed flush puts its
// counts back.
import { FlushSchedule } from '../flush-schedule';
import type { CountsBatch, DeliveryCounters } from './delivery-counters';

export interface StatsFlusherOptions {
  readonly counters: DeliveryCounters;
  readonly intervalMs: number;
  readonly write: (batches: readonly CountsBatch[]) => Promise<void>;
  readonly onError: (error: unknown) => void;
  readonly now?: () => number;
}

export class StatsFlusher {
  private readonly schedule: FlushSchedule;

  constructor(options: StatsFlusherOptions) {
    const { counters } = options;
    this.schedule = new FlushSchedule({
      intervalMs: options.intervalMs,
      ...(options.now ? { now: options.now } : {}),
      hasWork: () => !counters.empty,
      run: () => {
        const batches = counters.take();
        if (batches.length === 0) return undefined;
        return options.write(batches).catch((error: unknown) => {
          counters.restore(batches);
          options.onError(error);
        });
      },
    });
  }

  /** Call after counting: arms the timer, or flushes now when the interval has passed. */
  poke(): void {
    this.schedule.poke();
  }

  /** Writes what has been counted; resolves when written (or failed and put back). */
  flush(): Promise<void> {
    return this.schedule.flush();
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
