// The Firestore query a search becomes, as data: equality filters (and one
// array-contains for a subject prefix), the time range, newest first. Every
// such query is served by merging the composite indexes "field, then
// publishTimeMs descending" that terraform/ declares, one per filtered field
// (or by the automatic single-field index when nothing but time is asked);
// test/unit/message-log/log-indexes.test.ts checks each shape has its index.
import { LOG_STATE } from './log-entry';
import type { LogCursor, LogSearch } from './log-search';

/** Stored fields a search may filter on by equality. */
export type LogFilterField = 'queue' | 'state' | 'type' | 'subject' | 'subjectPrefixes' | 'source';

export interface LogFilter {
  readonly field: LogFilterField;
  readonly op: '==' | 'array-contains';
  readonly value: string | number;
}

export interface LogQueryPlan {
  readonly filters: readonly LogFilter[];
  readonly sinceMs?: number;
  readonly untilMs?: number;
  /** One more than the page, to know whether there is a next one. */
  readonly fetch: number;
  readonly after?: LogCursor;
}

/** The time field every search orders by, descending. */
export const LOG_ORDER_FIELD = 'publishTimeMs';

/** The stored fields a list answer reads (never `event`: a field mask keeps the kept event out). */
export const LOG_LIST_FIELDS = [
  'queue',
  'id',
  'type',
  'source',
  'subject',
  'time',
  'publishTimeMs',
  'state',
  'attempts',
  'deliveredAtMs',
  'reason',
] as const;

export function logQueryPlan(search: LogSearch): LogQueryPlan {
  const filters: LogFilter[] = [];
  if (search.queue !== undefined) filters.push({ field: 'queue', op: '==', value: search.queue });
  if (search.status !== undefined)
    filters.push({ field: 'state', op: '==', value: LOG_STATE[search.status] });
  if (search.type !== undefined) filters.push({ field: 'type', op: '==', value: search.type });
  if (search.subject !== undefined) filters.push({ field: 'subject', op: '==', value: search.subject });
  if (search.subjectPrefix !== undefined) {
    filters.push({ field: 'subjectPrefixes', op: 'array-contains', value: search.subjectPrefix });
  }
  if (search.source !== undefined) filters.push({ field: 'source', op: '==', value: search.source });
  return {
    filters,
    ...(search.sinceMs !== undefined ? { sinceMs: search.sinceMs } : {}),
    ...(search.untilMs !== undefined ? { untilMs: search.untilMs } : {}),
    fetch: search.limit + 1,
    ...(search.after ? { after: search.after } : {}),
  };
}
