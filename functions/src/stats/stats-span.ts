// The time span of GET /v1/queues/{name}/stats?from=&to=&bucket=: RFC 3339
// times, the last 24 hours by default, at most STATS_HOURS_KEPT_DAYS long.
import { ValidationError } from '../errors';
import { HOUR_MS, STATS_HOURS_KEPT_DAYS } from './hour-buckets';

export const DEFAULT_SPAN_MS = 24 * HOUR_MS;
const MAX_SPAN_MS = STATS_HOURS_KEPT_DAYS * 86_400_000;
/** Buckets this API knows; one for now. */
export const STATS_BUCKETS = ['1h'] as const;

// RFC 3339 section 5.6 date-time: a full date, a time, and an offset (Z or ±hh:mm).
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Date.parse rolls 2030-02-30 over into March; RFC 3339 does not allow it. */
function isCalendarDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function time(name: string, raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const ms = typeof raw === 'string' && RFC3339.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms) || !isCalendarDate(String(raw).slice(0, 10))) {
    throw new ValidationError(`${name}: must be an RFC 3339 time such as 2030-01-01T00:00:00Z`);
  }
  return ms;
}

export interface StatsSpan {
  readonly fromMs: number;
  readonly toMs: number;
  readonly bucket: (typeof STATS_BUCKETS)[number];
}

/** Reads `from`, `to` and `bucket` from a query string; a bad value is a 422 naming it. */
export function parseStatsSpan(query: Readonly<Record<string, unknown>>, nowMs: number): StatsSpan {
  const bucket = query.bucket ?? '1h';
  if (!STATS_BUCKETS.includes(bucket as never)) {
    throw new ValidationError(`bucket: must be one of ${STATS_BUCKETS.join(', ')}`);
  }
  const to = time('to', query.to);
  const from = time('from', query.from);
  const toMs = to ?? nowMs;
  const fromMs = from ?? toMs - DEFAULT_SPAN_MS;
  if (fromMs >= toMs) throw new ValidationError('from: must be before to');
  if (toMs - fromMs > MAX_SPAN_MS) {
    throw new ValidationError(`from, to: at most ${STATS_HOURS_KEPT_DAYS} days apart`);
  }
  return { fromMs, toMs, bucket: bucket as StatsSpan['bucket'] };
}
