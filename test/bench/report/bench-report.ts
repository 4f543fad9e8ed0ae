// The outcome of a run: the table printed to the terminal, and
// .eventq/bench.json with the keys of CONTRACT.md plus the other figures, each
// only for the measurements that ran.
import os from 'node:os';
import { round } from '../support/stats';
import type { BenchResults, Row } from './bench-results';

export type { BenchResults, Row } from './bench-results';
export { MEMORY_GROWTH_OVER_FORWARDER_TARGET, rows, THROUGHPUT_RATIO_TARGET } from './bench-rows';

export function machine(): { cores: number; node: string; cpu: string; memoryMiB: number; platform: string } {
  return {
    cores: os.cpus().length,
    node: process.version,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function formatTable(table: readonly Row[]): string {
  const header = ['measurement', 'baseline', 'eventq', 'result', 'target', 'met'];
  const cells = table.map((row) => [
    row.measurement,
    row.baseline,
    row.eventq,
    row.result,
    row.target,
    row.met === undefined ? '—' : row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

/** The CONTRACT.md keys of each measurement that ran, then `machine` and the run's own facts. */
export function benchJson(r: BenchResults, table: readonly Row[]): Record<string, unknown> {
  const t = r.throughput;
  return {
    ...(t && {
      dispatchThroughputRatio: round(t.ratio, 3),
      dispatchThroughputRatioRuns: t.ratioRuns.map((v) => round(v, 3)),
      ...(t.compared && {
        dispatchThroughputRatioCompared: round(t.compared.median, 3),
        dispatchThroughputRatioComparedRuns: t.compared.ratioRuns.map((v) => round(v, 3)),
        dispatchThroughputComparedCheckout: t.compared.checkout,
      }),
      dispatchCpuMicrosPerPush: t.cpu,
      dispatchAddedLatencyMsP50: round(t.addedP50Ms, 3),
      dispatchAddedLatencyMsP99: round(t.addedP99Ms, 3),
    }),
    ...(r.coldStart && { coldStartRatio: round(r.coldStart.ratio, 3) }),
    ...(r.endToEnd && { endToEndLatencyRatioP50: round(r.endToEnd.ratioP50, 3) }),
    ...(r.validation && { validationSpeedupVsCloudeventsSdk: round(r.validation.speedup, 2) }),
    ...(r.memory && { memoryGrowthOverForwarder: round(r.memory.growthOverForwarder, 3) }),
    ...(r.largeEvents && {
      dispatchPeakMiBPerLargeEvent: Object.fromEntries(
        r.largeEvents.dispatch.runs.map((run) => [run.contentMode, round(run.perEventMiB, 1)]),
      ),
    }),
    ...(r.sqlFilter && {
      dispatchThroughputRatioWithSqlFilter: round(r.sqlFilter.ratio, 3),
      dispatchThroughputRatioWithSqlFilterRuns: r.sqlFilter.ratioRuns.map((v) => round(v, 3)),
      sqlFilterThroughputRatioToNativeFilters: round(r.sqlFilter.ratioToNative, 3),
    }),
    ...(r.messageLog && {
      dispatchThroughputRatioWithLog: round(r.messageLog.ratio, 3),
      dispatchThroughputRatioWithLogRuns: r.messageLog.ratioRuns.map((v) => round(v, 3)),
      messageLogThroughputRatioToLogOff: round(r.messageLog.ratioToLogOff, 3),
      messageLogCpuMicrosPerPush: {
        logOn: round(r.messageLog.cpuMicrosPerPush.logOn, 1),
        logOff: round(r.messageLog.cpuMicrosPerPush.logOff, 1),
      },
      messageLogCommitsPer1000Deliveries: round(r.messageLog.commitsPer1000Deliveries, 3),
    }),
    ...(r.cesql && { cesqlEventsPerSecond: Math.round(r.cesql.eventsPerSecond) }),
    ...(r.logSearch && { messageLogSearchMsP95: round(r.logSearch.p95Ms, 1) }),
    machine: machine(),
    quick: r.quick,
    measuredAt: new Date().toISOString(),
    durationSeconds: round(r.durationSeconds, 1),
    targetsMet: Object.fromEntries(
      table.filter((row) => row.met !== undefined).map((row) => [row.measurement, row.met]),
    ),
    ...(t && { throughput: rounded(t) }),
    ...(r.coldStart && { coldStart: rounded(r.coldStart) }),
    ...(r.endToEnd && { endToEnd: rounded(r.endToEnd) }),
    ...(r.fanOut && {
      fanOut: {
        points: r.fanOut.points.map((p) => rounded(p)),
        growthExponent: round(r.fanOut.growthExponent, 3),
        setupSeconds: round(r.fanOut.setupSeconds, 1),
      },
    }),
    ...(r.tokens && { tokenVerification: rounded(r.tokens) }),
    ...(r.validation && { validation: rounded(r.validation) }),
    ...(r.memory && { memory: rounded(r.memory) }),
    ...(r.largeEvents && { largeEvents: rounded(r.largeEvents) }),
    ...(r.messageLog && { messageLog: rounded(r.messageLog) }),
    ...(r.cesql && { cesql: rounded(r.cesql) }),
    ...(r.logSearch && { logSearch: rounded(r.logSearch) }),
  };
}

/** Numbers to 3 decimals, through arrays and nested objects (memory's samples, the compared build). */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return round(value, 3);
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  }
  return value;
}
