// GET /v1/queues/{name}/failures?limit=&pageToken=: recent failed attempts,
// newest first (kept EVENTQ_FAILURE_RETENTION_DAYS by Firestore's TTL policy).
// GET /v1/queues/{name}/stats?from=&to=&bucket=1h: the delivery counters,
// summed over dispatch instances, and the same per hour over the span (the
// last 24 h by default, at most 7 days); they lag by up to one flush interval
// (EVENTQ_STATS_FLUSH_MS).
import { ValidationError } from '../../errors';
import { parseStatsSpan } from '../../stats/stats-span';
import type { RouteHandler } from '../api-context';
import { findQueue } from './find-queue';

export const DEFAULT_FAILURES_LIMIT = 50;
export const MAX_FAILURES_LIMIT = 500;

export function failuresLimit(raw: unknown): number {
  if (raw === undefined) return DEFAULT_FAILURES_LIMIT;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= MAX_FAILURES_LIMIT)) {
    throw new ValidationError(`limit: must be an integer from 1 to ${MAX_FAILURES_LIMIT}`);
  }
  return n;
}

export const listFailures: RouteHandler = async ({ tenant, params, query }, services) => {
  const limit = failuresLimit(query.limit);
  const pageToken = typeof query.pageToken === 'string' && query.pageToken ? query.pageToken : undefined;
  const queue = await findQueue(tenant, params.name, services);
  return { status: 200, body: await services.failures.list(tenant, queue.name, limit, pageToken) };
};

export const queueStats: RouteHandler = async ({ tenant, params, query }, services) => {
  const span = parseStatsSpan(query, services.now());
  const queue = await findQueue(tenant, params.name, services);
  const [totals, buckets] = await Promise.all([
    services.stats.totals(tenant, queue.name),
    services.stats.hours(tenant, queue.name, span.fromMs, span.toMs),
  ]);
  return {
    status: 200,
    body: {
      ...totals,
      from: new Date(span.fromMs).toISOString(),
      to: new Date(span.toMs).toISOString(),
      bucket: span.bucket,
      buckets,
    },
  };
};
