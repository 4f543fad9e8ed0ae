// The query-string parameters every search of eventq takes the same way (the
// message log's, message-log/log-search.ts, and the audit trail's,
// audit/audit-search.ts): the known parameters only, each given once as text,
// times in RFC 3339 with `since` not after `until`, and a page size in range.
// Every mistake is a 400 {code, detail} before anything reaches Firestore.
import { isRfc3339Timestamp } from '../cloudevents/rfc3339';
import { ValidationError } from '../errors';

export type SearchQuery = Readonly<Record<string, unknown>>;

/** 400 for a parameter the search does not take, naming those it does. */
export function onlyParameters(query: SearchQuery, allowed: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) {
      throw new ValidationError(`${name}: unknown parameter; use ${allowed.join(', ')}`);
    }
  }
}

/** The parameter's text, undefined when absent or empty; `maxLength` bounds what reaches a query. */
export function queryText(query: SearchQuery, name: string, maxLength?: number): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new ValidationError(`${name}: must be given once, as text`);
  if (maxLength !== undefined && value.length > maxLength) {
    throw new ValidationError(`${name}: must be at most ${maxLength} characters`);
  }
  return value;
}

function queryTime(query: SearchQuery, name: string): number | undefined {
  const value = queryText(query, name);
  if (value === undefined) return undefined;
  const ms = isRfc3339Timestamp(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ValidationError(`${name}: must be an RFC 3339 time such as 2026-11-22T10:00:00Z`);
  }
  return ms;
}

/** `since` (inclusive) and `until` (exclusive) in ms, each only when given. */
export function timeRange(query: SearchQuery): { readonly sinceMs?: number; readonly untilMs?: number } {
  const sinceMs = queryTime(query, 'since');
  const untilMs = queryTime(query, 'until');
  if (sinceMs !== undefined && untilMs !== undefined && sinceMs > untilMs) {
    throw new ValidationError('since: must not be after until');
  }
  return { ...(sinceMs !== undefined ? { sinceMs } : {}), ...(untilMs !== undefined ? { untilMs } : {}) };
}

/** `limit`: `fallback` when absent, else an integer from 1 to `max`. */
export function pageSize(query: SearchQuery, fallback: number, max: number): number {
  const raw = queryText(query, 'limit');
  if (raw === undefined) return fallback;
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= max)) throw new ValidationError(`limit: must be an integer from 1 to ${max}`);
  return n;
}
