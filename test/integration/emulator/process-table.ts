// Reads the process table (Linux /proc) so tests can name the members of a
// process group, such as the Java grandchild behind a gcloud emulator wrapper.

import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessEntry {
  pid: number;
  /** Executable name as the kernel records it, e.g. `java`, `python3`. */
  comm: string;
  /** `R`, `S`, `Z` (dead, not yet reaped), ... */
  state: string;
  pgid: number;
  cmdline: string;
}

export function listProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm is in parentheses and may contain spaces: split after the last ')'.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const [state, , pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      entries.push({ pid: Number(name), comm, state: state!, pgid: Number(pgid), cmdline });
    } catch {
      // The process ended while the table was being read.
    }
  }
  return entries;
}

export function groupMembers(pgid: number): ProcessEntry[] {
  return listProcesses().filter((entry) => entry.pgid === pgid);
}

/** The errno code of `process.kill(pid, 0)`, or 'alive'. */
export function probeSignal(pid: number): string {
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}
