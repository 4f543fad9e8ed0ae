// Measurement 8's rows: resident memory per large event in flight, per content
// mode, with the compared build's figure beside it when there is one.
import type { LargeEventsResult, LargeEventsSubject } from '../measurements/large-events';
import type { Row } from './bench-results';

const mib = (v: number) => `${v.toFixed(1)} MiB`;

function perEvent(subject: LargeEventsSubject, mode: 'binary' | 'structured'): number | undefined {
  return subject.runs.find((run) => run.contentMode === mode)?.perEventMiB;
}

export function largeEventsRows(r: LargeEventsResult): Row[] {
  const rows: Row[] = (['binary', 'structured'] as const).map((mode) => {
    const run = r.dispatch.runs.find((x) => x.contentMode === mode)!;
    const before = r.compared && perEvent(r.compared, mode);
    return {
      measurement: `9. ${r.events} × ${r.eventMiB} MiB events in flight (${mode}): peak RSS per event`,
      baseline: before === undefined ? '—' : `compared build ${mib(before)}`,
      eventq: `${mib(run.idleMiB)} idle → ${mib(run.peakMiB)} peak`,
      result: `${mib(run.perEventMiB)} per event`,
      target: '—',
      met: undefined,
    };
  });
  rows.push({
    measurement: `9. the same ${r.events} at the default in-flight budget`,
    baseline: '—',
    eventq: `${r.dispatch.refusedAtDefaultBudget} answered 503 (pushed again later)`,
    result: `${r.events - r.dispatch.refusedAtDefaultBudget} admitted`,
    target: '—',
    met: undefined,
  });
  return rows;
}
