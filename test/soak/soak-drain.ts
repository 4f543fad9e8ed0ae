// After publishing stops: wait for what is still on its way (a sink that was
// down, the ordered queue's backlog, a paused queue's), and no longer than
// needed: until every expected delivery arrived and a few quiet seconds
// passed for late duplicates, or nothing arrived for a long while, or the cap.
import { setTimeout as sleep } from 'node:timers/promises';

/** After the last expected delivery, how long to wait for late duplicates. */
export const SETTLE_MS = 5_000;
/** With deliveries missing, how long without any take before the drain gives up. */
export const STALLED_MS = 30_000;

export interface DrainProbe {
  /** Expected deliveries that have not arrived yet. */
  missing(): number;
  /** Takes so far (any queue): progress. */
  takes(): number;
}

/** Resolves with the seconds it waited. */
export async function drainDeliveries(probe: DrainProbe, maxSeconds: number): Promise<number> {
  const started = Date.now();
  let complete: number | undefined;
  let progress = { at: started, takes: probe.takes() };
  while (Date.now() - started < maxSeconds * 1000) {
    const now = Date.now();
    const missing = probe.missing();
    if (probe.takes() > progress.takes) progress = { at: now, takes: probe.takes() };
    complete = missing === 0 ? (complete ?? now) : undefined;
    if (complete !== undefined && now - complete >= SETTLE_MS) break;
    // Missing and nothing arriving any more: waiting longer will not bring them.
    if (missing > 0 && now - progress.at >= STALLED_MS) break;
    await sleep(1_000);
  }
  return Math.round((Date.now() - started) / 100) / 10;
}
