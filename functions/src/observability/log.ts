// Structured logs, one JSON object a line, as Cloud Logging reads them from
// stdout: `severity` and `message` are its own fields, `eventq` holds the
// fields that the log-based metrics in terraform/ filter on.
//
// Lines are written in batches, at most LOG_FLUSH_INTERVAL_MS after the first
// of them or as soon as LOG_FLUSH_BYTES are pending, not one write each: under
// load dispatch logs a line per delivery, and each write to stdout is a system
// call plus a stream's bookkeeping. A flush per turn of the event loop still
// made 0.6 writes per delivery at 2,700 deliveries/s (strace), ~5 µs of CPU
// each; one per interval makes one write per ~60 deliveries. ERROR lines, and
// anything still pending when the process exits, are written at once; a
// process killed outright (SIGKILL) loses at most one interval of lines.

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

/** How long a line may wait for the ones after it: well under what an operator tailing the log would notice. */
export const LOG_FLUSH_INTERVAL_MS = 25;
/** Pending lines are written at once beyond this many characters: a burst is not held in memory. */
export const LOG_FLUSH_BYTES = 64 * 1024;

let pending = '';
let flushTimer: NodeJS.Timeout | undefined;

/** Writes the lines logged so far. */
export function flushLogs(): void {
  if (flushTimer !== undefined) {
    clearTimeout(flushTimer);
    flushTimer = undefined;
  }
  if (pending === '') return;
  const lines = pending;
  pending = '';
  process.stdout.write(lines);
}

process.on('exit', flushLogs);

export const jsonLogger: Logger = (severity, message, fields) => {
  pending += `${JSON.stringify({ severity, message, eventq: fields })}\n`;
  if (severity === 'ERROR' || pending.length >= LOG_FLUSH_BYTES) flushLogs();
  else if (flushTimer === undefined) {
    // Unreferenced: pending lines never keep a process alive; the exit handler writes them.
    flushTimer = setTimeout(flushLogs, LOG_FLUSH_INTERVAL_MS);
    flushTimer.unref();
  }
};
