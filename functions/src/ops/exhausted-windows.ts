// Dead-lettered events, added up per queue and window: the first one opens a
// window of EVENTQ_EXHAUSTED_WINDOW_SECONDS; those that follow within it are
// counted; when it is over, one delivery.exhausted says how many, with the
// first and last event ids. A burst of 1000 is a handful of events whose
// counts add up to 1000. Windows are per instance and in memory: each event is
// counted by the one instance that dead-lettered it, so across instances the
// counts still add up; a crash loses the open windows (the dead letters
// themselves are kept, and counted in /stats).

export interface ExhaustedWindow {
  readonly tenant: string;
  readonly queue: string;
  readonly count: number;
  readonly firstEventId: string;
  readonly lastEventId: string;
  readonly windowStart: string;
  readonly windowEnd: string;
}

interface Open {
  readonly tenant: string;
  readonly queue: string;
  readonly startMs: number;
  count: number;
  readonly firstEventId: string;
  lastEventId: string;
}

export interface ExhaustedWindowsOptions {
  readonly windowMs: number;
  /** Receives each window once it is over. */
  readonly emit: (window: ExhaustedWindow) => void;
  readonly now: () => number;
  /** Closes the window when it is due, though no request comes; setTimeout (unref'd) by default. */
  readonly schedule?: (run: () => void, ms: number) => void;
}

export class ExhaustedWindows {
  private readonly open = new Map<string, Open>();
  private readonly schedule: (run: () => void, ms: number) => void;

  constructor(private readonly options: ExhaustedWindowsOptions) {
    this.schedule = options.schedule ?? ((run, ms) => setTimeout(run, ms).unref());
  }

  add(tenant: string, queue: string, eventId: string, nowMs: number): void {
    const key = `${tenant}/${queue}`;
    const current = this.open.get(key);
    if (current !== undefined && nowMs < current.startMs + this.options.windowMs) {
      current.count++;
      current.lastEventId = eventId;
      return;
    }
    if (current !== undefined) this.close(key, current, nowMs);
    this.open.set(key, {
      tenant,
      queue,
      startMs: nowMs,
      count: 1,
      firstEventId: eventId,
      lastEventId: eventId,
    });
    this.schedule(() => this.closeDue(this.options.now()), this.options.windowMs);
  }

  /** Emits every window that is over at `nowMs` (from request handling, where the CPU is allocated). */
  closeDue(nowMs: number): void {
    if (this.open.size === 0) return;
    for (const [key, window] of this.open) {
      if (nowMs >= window.startMs + this.options.windowMs) this.close(key, window, nowMs);
    }
  }

  /** Emits every open window now, over or not (shutdown). */
  closeAll(): void {
    const nowMs = this.options.now();
    for (const [key, window] of this.open) this.close(key, window, nowMs);
  }

  private close(key: string, window: Open, nowMs: number): void {
    this.open.delete(key);
    const endMs = Math.min(nowMs, window.startMs + this.options.windowMs);
    this.options.emit({
      tenant: window.tenant,
      queue: window.queue,
      count: window.count,
      firstEventId: window.firstEventId,
      lastEventId: window.lastEventId,
      windowStart: new Date(window.startMs).toISOString(),
      windowEnd: new Date(endMs).toISOString(),
    });
  }
}
