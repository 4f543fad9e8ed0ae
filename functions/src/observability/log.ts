// Structured logs, one JSON object a line, as Cloud Logging reads them from
// stdout: `severity` and `message` are its own fields, `eventq` holds the
// fields that the log-based metrics in terraform/ filter on.
//
// Lines are written in batches, once per turn of the event loop (setImmediate),
// not one write each: under load dispatch logs a line per delivery, and each
// write to stdout is a system call plus a stream's bookkeeping (~4 µs, more in
// the Functions Framework's per-request domain). ERROR lines, and anything
// still pending when the process exits, are written at once.

export type Severity = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

/** Every value of `eventq.outcome`; terraform/'s log-based metrics filter on some of them. */
export const DELIVERY_OUTCOMES = [
  'delivered',
  'filtered',
  'failed',
  'dead-lettered',
  'queue-gone',
  'sink-gone',
  'unauthenticated',
  'malformed',
  /** The queue was disabled (410, or the sink failed for the whole window): not a failed attempt. */
  'disabled',
  /** Not attempted now: over the sink's granted rate, or within its Retry-After; Pub/Sub retries. */
  'held',
] as const;

export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

export interface LogFields {
  readonly outcome?: DeliveryOutcome;
  readonly tenant?: string;
  readonly queue?: string;
  readonly eventId?: string;
  readonly eventType?: string;
  readonly messageId?: string;
  readonly status?: number;
  readonly latencyMs?: number;
  readonly error?: string;
}

export type Logger = (severity: Severity, message: string, fields?: LogFields) => void;

let pending = '';
let flushScheduled = false;

/** Writes the lines logged so far. */
export function flushLogs(): void {
  flushScheduled = false;
  if (pending === '') return;
  const lines = pending;
  pending = '';
  process.stdout.write(lines);
}

process.on('exit', flushLogs);

export const jsonLogger: Logger = (severity, message, fields) => {
  pending += `${JSON.stringify({ severity, message, eventq: fields })}\n`;
  if (severity === 'ERROR') flushLogs();
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushLogs);
  }
};
