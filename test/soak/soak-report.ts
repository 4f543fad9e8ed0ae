// soak.json (CONTRACT.md "Soak") and the summary printed at the end: the
// contract's keys first, then what explains them (per queue, either-way
// deliveries, unexpected ones, the evidence about losses).
import { round } from '../bench/support/stats';
import type { DuplicateCause } from './duplicate-causes';
import type { LostEvent } from './loss-evidence';
import type { Reconciliation } from './reconcile';
import type { SoakMachine } from './soak-machine';

export interface FaultNote {
  /** Seconds from the start of publishing. */
  readonly at: number;
  readonly what: string;
}

export interface SoakRun {
  readonly quick: boolean;
  readonly durationSeconds: number;
  readonly publishSeconds: number;
  readonly drainSeconds: number;
  readonly ratePerSecond: number;
  readonly orderedRatePerSecond: number;
  readonly publishFailures: readonly string[];
  readonly faults: readonly FaultNote[];
  readonly dispatchPeakRssMiB: number | undefined;
  readonly dispatchRssMiBPerProcess: readonly number[];
  readonly machine: SoakMachine;
  readonly settings: Record<string, string | number>;
}

export type ExplainedLoss = LostEvent & { evidence: Record<string, string[]> };

const EXAMPLES = 20;

export function soakJson(run: SoakRun, r: Reconciliation, explained: readonly ExplainedLoss[]) {
  return {
    published: r.published,
    expectedDeliveries: r.expectedDeliveries,
    delivered: r.delivered,
    lost: r.lost.length,
    duplicates: {
      count: r.duplicates.count,
      rate: round(r.duplicates.rate, 4),
      byCause: r.duplicates.byCause,
      examples: r.duplicates.examples,
    },
    orderViolations: r.orderViolations.length,
    deadLettered: r.deadLettered,
    latencyMs: {
      p50: round(r.latencyMs.p50, 1),
      p95: round(r.latencyMs.p95, 1),
      p99: round(r.latencyMs.p99, 1),
      max: round(r.latencyMs.max, 1),
      samples: r.latencyMs.samples,
    },
    dispatchPeakRssMiB: run.dispatchPeakRssMiB === undefined ? null : round(run.dispatchPeakRssMiB, 1),
    dispatchRssMiBPerProcess: run.dispatchRssMiBPerProcess.map((m) => round(m, 1)),
    durationSeconds: run.durationSeconds,
    quick: run.quick,
    faults: run.faults,
    machine: run.machine,
    publishSeconds: run.publishSeconds,
    drainSeconds: run.drainSeconds,
    ratePerSecond: run.ratePerSecond,
    orderedRatePerSecond: run.orderedRatePerSecond,
    publishFailures: run.publishFailures.length,
    expectedEitherWay: r.eitherWay,
    unexpected: { count: r.unexpected.length, examples: r.unexpected.slice(0, EXAMPLES) },
    lostEvents: r.lost.slice(0, 200),
    lossEvidence: explained,
    orderViolationEvents: r.orderViolations.slice(0, EXAMPLES),
    perQueue: r.perQueue,
    settings: run.settings,
  };
}

function causes(byCause: Record<DuplicateCause, number>): string {
  return Object.entries(byCause)
    .filter(([, n]) => n > 0)
    .map(([cause, n]) => `${cause} ${n}`)
    .join(', ');
}

export function summaryLines(run: SoakRun, r: Reconciliation, explained: readonly ExplainedLoss[]): string[] {
  const lines = [
    `published ${r.published} events in ${run.publishSeconds} s (${run.publishFailures.length} publishes failed)`,
    `expected deliveries ${r.expectedDeliveries}, delivered ${r.delivered}, LOST ${r.lost.length}`,
    `either way (published while its queue changed) ${r.eitherWay.count}, of which delivered ${r.eitherWay.delivered}`,
    `unexpected deliveries ${r.unexpected.length}`,
    `duplicates ${r.duplicates.count} (${(r.duplicates.rate * 100).toFixed(2)} %): ${causes(r.duplicates.byCause) || 'none'}`,
    `order violations ${r.orderViolations.length}`,
    `dead-lettered ${r.deadLettered.length}`,
    `latency publish→sink p50 ${round(r.latencyMs.p50, 0)} ms, p95 ${round(r.latencyMs.p95, 0)} ms, p99 ${round(r.latencyMs.p99, 0)} ms, max ${round(r.latencyMs.max, 0)} ms`,
    `dispatch peak RSS ${run.dispatchPeakRssMiB === undefined ? 'n/a' : `${round(run.dispatchPeakRssMiB, 0)} MiB`}`,
    '',
    'queue                 expected delivered lost either unexpected duplicates',
    ...Object.entries(r.perQueue).map(
      ([queue, t]) =>
        `${queue.padEnd(21)} ${String(t.expected).padStart(8)} ${String(t.delivered).padStart(9)} ${String(t.lost).padStart(4)} ${String(t.eitherWay).padStart(6)} ${String(t.unexpected).padStart(10)} ${String(t.duplicates).padStart(10)}`,
    ),
  ];
  for (const d of r.deadLettered.slice(0, EXAMPLES)) {
    lines.push(`dead letter ${d.queue} ${d.eventId} (${d.expectation}): ${d.reason}`);
  }
  for (const v of r.orderViolations.slice(0, EXAMPLES)) {
    lines.push(`ORDER: ${v.eventId} (key ${v.key}, seq ${v.seq}) reached the sink after seq ${v.after}`);
  }
  for (const u of r.unexpected.slice(0, EXAMPLES)) lines.push(`unexpected: ${u.queue} received ${u.eventId}`);
  if (r.lost.length > 0) {
    lines.push('', `LOST (${r.lost.length}): ${r.lost.map((l) => `${l.queue}:${l.eventId}`).join(' ')}`);
    for (const loss of explained) {
      lines.push(`  ${loss.tenant}/${loss.queue} ${loss.eventId}:`);
      for (const [source, facts] of Object.entries(loss.evidence)) {
        lines.push(`    ${source}: ${facts.length === 0 ? 'nothing recorded' : ''}`);
        for (const fact of facts) lines.push(`      ${fact}`);
      }
    }
  }
  return lines;
}
