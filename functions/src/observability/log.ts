// Structured logs, one JSON object a line, as Cloud Logging reads them from
// stdout: `severity` and `message` are its own fields, `eventq` holds the
// fields that the log-based metrics in terraform/ filter on.

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

export const jsonLogger: Logger = (severity, message, fields) => {
  process.stdout.write(`${JSON.stringify({ severity, message, eventq: fields })}\n`);
};

export const silentLogger: Logger = () => {};
