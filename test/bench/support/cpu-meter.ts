// CPU time per push of every process a throughput round keeps busy: the
// subject (forwarder or dispatch), the sink it delivers to, and the load
// generator (this process). Throughput at saturation on two shared cores
// swings by ±10 % from round to round; CPU per push barely moves, and it says
// which process a difference comes from (a sink parses dispatch's larger
// requests: that is not dispatch's own cost).
import { cpuMs } from './function-process';

export interface CpuPerPush {
  /** µs of CPU per push, each process's total over the pushes it served. */
  readonly subjectMicros: number;
  readonly sinkMicros: number;
  readonly loadMicros: number;
  readonly pushes: number;
}

interface Totals {
  subjectMs: number;
  sinkMs: number;
  loadMs: number;
  pushes: number;
}

const ownCpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export class CpuMeter<S extends string> {
  private readonly totals = new Map<S, Totals>();

  constructor(private readonly sinkPid: number) {}

  /** Runs `load` against the subject whose process is `pid`, adding the CPU each process spent to `subject`'s totals. */
  async measure<T>(
    subject: S,
    pid: number,
    load: () => Promise<T>,
    pushesOf: (result: T) => number,
  ): Promise<T> {
    const before = { subject: await cpuMs(pid), sink: await cpuMs(this.sinkPid), load: ownCpuMs() };
    const result = await load();
    const after = { subject: await cpuMs(pid), sink: await cpuMs(this.sinkPid), load: ownCpuMs() };
    const t = this.totals.get(subject) ?? { subjectMs: 0, sinkMs: 0, loadMs: 0, pushes: 0 };
    t.subjectMs += after.subject - before.subject;
    t.sinkMs += after.sink - before.sink;
    t.loadMs += after.load - before.load;
    t.pushes += pushesOf(result);
    this.totals.set(subject, t);
    return result;
  }

  perPush(subject: S): CpuPerPush | undefined {
    const t = this.totals.get(subject);
    if (!t || t.pushes === 0) return undefined;
    const us = (ms: number) => Math.round((ms * 1000) / t.pushes);
    return {
      subjectMicros: us(t.subjectMs),
      sinkMicros: us(t.sinkMs),
      loadMicros: us(t.loadMs),
      pushes: t.pushes,
    };
  }
}
