// When a failing sink is reported, on a fake clock: once past the threshold,
// then once per step at 50, 90 and 100 % of the disable window.
import { FailingTracker } from '../../../functions/src/ops/failing-tracker';

const START = Date.UTC(2030, 0, 1, 12);
const SINCE = new Date(START).toISOString();
const policy = { afterAttempts: 5, afterMs: 60_000, disableAfterMs: 1_000_000 };

describe('FailingTracker', () => {
  it('reports a run once at the attempts threshold, not per failure', () => {
    const tracker = new FailingTracker(policy);
    const reports = Array.from({ length: 20 }, (_, i) => tracker.failed('acme/orders', SINCE, START + i));
    expect(reports.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
    expect(reports[4]).toEqual({ since: SINCE, consecutiveFailures: 5, windowPercent: 0 });
    expect(reports.slice(5).filter(Boolean)).toEqual([]);
  });

  it('reports a run past the time threshold with fewer attempts', () => {
    const tracker = new FailingTracker(policy);
    expect(tracker.failed('acme/orders', SINCE, START)).toBeUndefined();
    expect(tracker.failed('acme/orders', SINCE, START + 60_000)).toEqual({
      since: SINCE,
      consecutiveFailures: 2,
      windowPercent: 6,
    });
  });

  it('escalates once per step: 50, 90 and 100 % of the disable window', () => {
    const tracker = new FailingTracker(policy);
    const percents: number[] = [];
    // One failure every 1 % of the window, from the start to past its end.
    for (let ms = 0; ms <= 1_100_000; ms += 10_000) {
      const report = tracker.failed('acme/orders', SINCE, START + ms);
      if (report) percents.push(report.windowPercent);
    }
    expect(percents).toEqual([4, 50, 90, 100]);
  });

  it('adopts the start the definition gets when its own was a guess', () => {
    const tracker = new FailingTracker({ ...policy, afterAttempts: 2 });
    expect(tracker.failed('acme/orders', undefined, START)).toBeUndefined();
    expect(tracker.failed('acme/orders', SINCE, START + 5)).toEqual({
      since: SINCE,
      consecutiveFailures: 2,
      windowPercent: 0,
    });
  });

  it('says a reported run recovered, once, and starts afresh after it', () => {
    const tracker = new FailingTracker({ ...policy, afterAttempts: 1 });
    expect(tracker.failed('acme/orders', SINCE, START)).toBeDefined();
    expect(tracker.recovered('acme/orders', SINCE, START + 1)).toBe(true);
    expect(tracker.size).toBe(0);
    const later = new Date(START + 10).toISOString();
    expect(tracker.failed('acme/orders', later, START + 10)).toEqual({
      since: later,
      consecutiveFailures: 1,
      windowPercent: 0,
    });
  });

  it('says nothing of a short run nobody reported, but does of a long one another instance may have', () => {
    const tracker = new FailingTracker(policy);
    tracker.failed('acme/orders', SINCE, START);
    expect(tracker.recovered('acme/orders', SINCE, START + 1_000)).toBe(false);
    expect(tracker.recovered('acme/billing', SINCE, START + 60_000)).toBe(true);
  });

  it('forgets the attempts in a row on a delivery', () => {
    const tracker = new FailingTracker(policy);
    for (let i = 0; i < 4; i++) tracker.failed('acme/orders', SINCE, START);
    tracker.delivered('acme', 'orders');
    const later = new Date(START + 5).toISOString();
    for (let i = 0; i < 4; i++) expect(tracker.failed('acme/orders', later, START + 5)).toBeUndefined();
  });
});
