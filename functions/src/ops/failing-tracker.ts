// When a failing sink is worth telling its tenant about, and when to tell
// again: per queue, the current run of failures (since the queue's
// failingSince), the attempts in a row this instance saw fail, and the last
// step reported. A run is reported once it passes the threshold (attempts in
// a row, or time), then again at 50, 90 and 100 % of the disable window: one
// event per step, however many failures there are. State is per instance and
// in memory: each instance that sees a run fail reports it once per step (so
// N instances report at most 4 × N failing events per run), and an instance
// that restarts reports its next step again.

import { queueKey } from '../tenancy/queue-key';

/** The escalation steps, as percentages of the disable window; 0 is the threshold itself. */
export const FAILING_STEPS = [0, 50, 90, 100] as const;

export interface FailingPolicy {
  readonly afterAttempts: number;
  readonly afterMs: number;
  readonly disableAfterMs: number;
}

export interface FailingReport {
  readonly since: string;
  readonly consecutiveFailures: number;
  readonly windowPercent: number;
}

interface Run {
  since: string;
  /** True while the since is this instance's guess: the definition did not carry one yet. */
  guessed: boolean;
  consecutive: number;
  /** The highest step reported for this run. */
  reported?: number;
}

const stepOf = (percent: number): number => FAILING_STEPS.filter((s) => s <= percent).at(-1) ?? 0;

export class FailingTracker {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly policy: FailingPolicy) {}

  /** After a failed attempt: the report to publish now, or undefined. */
  failed(key: string, failingSince: string | undefined, nowMs: number): FailingReport | undefined {
    let run = this.runs.get(key);
    if (failingSince !== undefined && run !== undefined && run.since !== failingSince) {
      // The definition now has the run's start: adopt it if ours was a guess, else a new run began.
      run = run.guessed ? { ...run, since: failingSince, guessed: false } : undefined;
    }
    if (run === undefined) {
      run = {
        since: failingSince ?? new Date(nowMs).toISOString(),
        guessed: failingSince === undefined,
        consecutive: 0,
      };
    }
    run.consecutive++;
    this.runs.set(key, run);
    const elapsedMs = Math.max(0, nowMs - Date.parse(run.since));
    if (run.consecutive < this.policy.afterAttempts && elapsedMs < this.policy.afterMs) return undefined;
    const windowPercent = Math.min(100, Math.floor((elapsedMs * 100) / this.policy.disableAfterMs));
    const step = stepOf(windowPercent);
    if (run.reported !== undefined && step <= run.reported) return undefined;
    run.reported = step;
    return { since: run.since, consecutiveFailures: run.consecutive, windowPercent };
  }

  /**
   * The sink took an event after the run that began at `since`: true when the
   * run is worth a recovered event (this instance reported it failing, or it
   * lasted past the time threshold, so another instance may have).
   */
  recovered(key: string, since: string, nowMs: number): boolean {
    const run = this.runs.get(key);
    this.runs.delete(key);
    return run?.reported !== undefined || nowMs - Date.parse(since) >= this.policy.afterMs;
  }

  /** A delivery while the definition shows no run: forget any attempts in a row. Cheap when nothing fails. */
  delivered(tenant: string, queue: string): void {
    if (this.runs.size > 0) this.runs.delete(queueKey(tenant, queue));
  }

  /** Queues with a run under way on this instance (bounded by the queues it serves). */
  get size(): number {
    return this.runs.size;
  }
}
