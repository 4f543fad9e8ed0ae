// Where `eventq queues listen` hands each event: one JSON line on stdout, or a
// command run once per event with the event on its stdin (`--exec`).
import { type ChildProcess, spawn } from 'node:child_process';
import type { Writable } from 'node:stream';

export type DeliverEvent = (event: Record<string, unknown>) => Promise<boolean>;

/** Writes the event as one JSON line; taken once the line has been written. */
export function printEventLine(out: Writable): DeliverEvent {
  return (event) =>
    new Promise((resolve) => {
      // JSON.stringify escapes newlines inside strings, so one event is one line.
      out.write(`${JSON.stringify(event)}\n`, (error) => resolve(!error));
    });
}

export interface ExecDelivery {
  readonly deliver: DeliverEvent;
  /** Stops the commands still running (their events are nacked and come again). */
  abandon(): void;
}

/**
 * Runs `command` in a shell with the event JSON on stdin and its id, type and
 * source in EVENTQ_EVENT_ID, EVENTQ_EVENT_TYPE, EVENTQ_EVENT_SOURCE; taken
 * only when the command exits 0.
 */
export function execPerEvent(command: string, env: NodeJS.ProcessEnv = process.env): ExecDelivery {
  const running = new Set<ChildProcess>();
  const deliver: DeliverEvent = (event) =>
    new Promise((resolve) => {
      const child = spawn(command, {
        shell: true,
        // Its own process group: the terminal's Ctrl-C reaches only eventq, which
        // lets running commands finish; abandon() stops them on a second Ctrl-C.
        detached: true,
        stdio: ['pipe', 'inherit', 'inherit'],
        env: {
          ...env,
          EVENTQ_EVENT_ID: String(event.id),
          EVENTQ_EVENT_TYPE: String(event.type),
          EVENTQ_EVENT_SOURCE: String(event.source),
        },
      });
      // A command that does not read its stdin closes the pipe early; its exit code still decides.
      child.stdin.on('error', () => undefined);
      child.stdin.end(`${JSON.stringify(event)}\n`);
      running.add(child);
      child.on('error', () => resolve(false));
      child.on('close', (code) => {
        running.delete(child);
        resolve(code === 0);
      });
    });
  return {
    deliver,
    abandon() {
      for (const child of running) {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    },
  };
}
