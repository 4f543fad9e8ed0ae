// delivery.exhausted adds dead letters up per queue and window, on a fake clock:
// a burst is a handful of events whose counts add up to the burst.
import { type ExhaustedWindow, ExhaustedWindows } from '../../../functions/src/ops/exhausted-windows';

const START = Date.UTC(2030, 0, 1, 12);
const WINDOW_MS = 10_000;

function world() {
  let nowMs = START;
  const emitted: ExhaustedWindow[] = [];
  const timers: { at: number; run: () => void }[] = [];
  const windows = new ExhaustedWindows({
    windowMs: WINDOW_MS,
    now: () => nowMs,
    emit: (w) => emitted.push(w),
    schedule: (run, ms) => timers.push({ at: nowMs + ms, run }),
  });
  /** Moves the clock, firing the timers that fall due. */
  const advance = (ms: number) => {
    nowMs += ms;
    const due = timers.filter((t) => t.at <= nowMs);
    timers.splice(0, timers.length, ...timers.filter((t) => t.at > nowMs));
    for (const timer of due) timer.run();
  };
  return { windows, emitted, advance, now: () => nowMs };
}

describe('ExhaustedWindows', () => {
  it('turns a burst of 1000 dead letters in one window into one event with the count', () => {
    const { windows, emitted, advance } = world();
    for (let i = 0; i < 1000; i++) windows.add('acme', 'orders', `e${i}`, START + i);
    expect(emitted).toEqual([]);
    advance(WINDOW_MS);
    expect(emitted).toEqual([
      {
        tenant: 'acme',
        queue: 'orders',
        count: 1000,
        firstEventId: 'e0',
        lastEventId: 'e999',
        windowStart: new Date(START).toISOString(),
        windowEnd: new Date(START + WINDOW_MS).toISOString(),
      },
    ]);
  });

  it('spreads a long burst over a few windows whose counts add up to it', () => {
    const { windows, emitted, advance, now } = world();
    for (let i = 0; i < 200; i++) {
      windows.add('acme', 'orders', `e${i}`, now());
      advance(150); // 30 s of dead letters: three or four windows of 10 s
    }
    windows.closeAll();
    expect(emitted.length).toBeGreaterThanOrEqual(3);
    expect(emitted.length).toBeLessThanOrEqual(4);
    expect(emitted.reduce((sum, w) => sum + w.count, 0)).toBe(200);
    expect(emitted[0]!.firstEventId).toBe('e0');
    expect(emitted.at(-1)!.lastEventId).toBe('e199');
  });

  it('keeps queues apart', () => {
    const { windows, emitted } = world();
    windows.add('acme', 'orders', 'a', START);
    windows.add('acme', 'billing', 'b', START);
    windows.add('globex', 'orders', 'c', START);
    windows.closeAll();
    expect(emitted.map((w) => [w.tenant, w.queue, w.count])).toEqual([
      ['acme', 'orders', 1],
      ['acme', 'billing', 1],
      ['globex', 'orders', 1],
    ]);
  });

  it('closes a window that is over on the next poke, without a timer', () => {
    const emitted: ExhaustedWindow[] = [];
    const windows = new ExhaustedWindows({
      windowMs: WINDOW_MS,
      now: () => START,
      emit: (w) => emitted.push(w),
      schedule: () => undefined,
    });
    windows.add('acme', 'orders', 'a', START);
    windows.closeDue(START + WINDOW_MS - 1);
    expect(emitted).toHaveLength(0);
    windows.closeDue(START + WINDOW_MS);
    expect(emitted).toHaveLength(1);
  });
});
