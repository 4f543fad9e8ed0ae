// dispatch's peak resident memory over the soak, across its restarts: the
// kernel's high-water mark (VmHWM) of each dispatch process, read every
// second while it runs (Linux /proc; elsewhere the figure is absent).
import { readFileSync } from 'node:fs';
import type { ProcessGroup } from '../../emulator/process-group';

function highWaterMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

export interface MemoryWatch {
  /** The highest of all dispatch processes so far, MiB; undefined when none could be read. */
  peakMiB(): number | undefined;
  /** One peak per dispatch process, in the order they ran. */
  perProcessMiB(): number[];
  stop(): void;
}

export function watchDispatchMemory(
  current: () => ProcessGroup | undefined,
  intervalMs = 1_000,
): MemoryWatch {
  const peaks = new Map<number, number>();
  const sample = () => {
    const group = current();
    if (!group) return;
    const mib = highWaterMiB(group.pid);
    if (mib !== undefined) peaks.set(group.pid, Math.max(peaks.get(group.pid) ?? 0, mib));
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  sample();
  return {
    peakMiB: () => (peaks.size === 0 ? undefined : Math.max(...peaks.values())),
    perProcessMiB: () => [...peaks.values()],
    stop: () => {
      sample();
      clearInterval(timer);
    },
  };
}
