// The machine a soak ran on, for soak.json and docs/soak.md: the same fields
// as the benchmarks' `machine`, plus the load, since the machine is shared.
import os from 'node:os';

export interface SoakMachine {
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load averages when the soak started and ended. */
  readonly loadAtStart: number;
  loadAtEnd?: number;
}

export function describeMachine(): SoakMachine {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

export function loadNow(): number {
  return Math.round(os.loadavg()[0]! * 100) / 100;
}
