// What a message-log search asks for (GET /v1/queues/{name}/events and
// GET /v1/events), read from the query string: each filter checked, with a
// {code, detail} for every mistake, before anything reaches Firestore; the
// parameters it shares with the audit search are read by store/search-params.ts.
import { ValidationError } from '../errors';
import { decodePageCursor, encodePageCursor, type PageCursor } from '../store/page-token';
import { onlyParameters, pageSize, queryText, type SearchQuery, timeRange } from '../store/search-params';
import { LOG_STATE, type LogStatus } from './log-entry';

export const DEFAULT_LOG_PAGE_SIZE = 50;
export const MAX_LOG_PAGE_SIZE = 200;
/** `subject=/devices/*`: every subject that starts with `/devices/`. */
export const SUBJECT_PREFIX_MARK = '/*';

/** `t`: publishTimeMs of the last entry of the page; `id`: its document id (the webhook-id). */
export type LogCursor = PageCursor;

export interface LogSearch {
  /** Absent for the tenant-wide search. */
  readonly queue?: string;
  readonly status?: LogStatus;
  readonly type?: string;
  readonly subject?: string;
  /** Ends in "/": the subject=<prefix>/* form. */
  readonly subjectPrefix?: string;
  readonly source?: string;
  /** Inclusive. */
  readonly sinceMs?: number;
  /** Exclusive. */
  readonly untilMs?: number;
  readonly limit: number;
  readonly after?: LogCursor;
}

export const LOG_STATUSES = Object.keys(LOG_STATE) as LogStatus[];

/** webhook-ids (delivery/webhook-id.ts); never a reserved Firestore id such as __x__. */
const WEBHOOK_ID = /^msg_[A-Za-z0-9_-]{1,60}$/;

export function isWebhookId(value: string): boolean {
  return WEBHOOK_ID.test(value);
}

export const encodeLogPageToken = (cursor: LogCursor): string => encodePageCursor(cursor);

/** The cursor in a page token, or 400: a forged token never reaches Firestore. */
export function decodeLogPageToken(token: string): LogCursor {
  return decodePageCursor(token, ({ t, id }) => t >= 0 && isWebhookId(id));
}

/** The query parameters each search takes; the api's schema publishes them (log-schemas.ts). */
export const LOG_SEARCH_PARAMETERS = [
  'status',
  'type',
  'subject',
  'source',
  'since',
  'until',
  'limit',
  'pageToken',
] as const;

/** Reads and checks a search from the query string; `queue` is the route's (already found). */
export function parseLogSearch(query: SearchQuery, queue?: string): LogSearch {
  onlyParameters(query, LOG_SEARCH_PARAMETERS);
  const status = queryText(query, 'status');
  if (status !== undefined && !(LOG_STATUSES as string[]).includes(status)) {
    throw new ValidationError(`status: must be one of ${LOG_STATUSES.join(', ')}`);
  }
  const type = queryText(query, 'type');
  const subject = queryText(query, 'subject');
  const source = queryText(query, 'source');
  const range = timeRange(query);
  const limit = pageSize(query, DEFAULT_LOG_PAGE_SIZE, MAX_LOG_PAGE_SIZE);
  const pageToken = queryText(query, 'pageToken');
  const prefix = subject?.endsWith(SUBJECT_PREFIX_MARK) ? subject.slice(0, -1) : undefined;
  return {
    ...(queue !== undefined ? { queue } : {}),
    ...(status !== undefined ? { status: status as LogStatus } : {}),
    ...(type !== undefined ? { type } : {}),
    ...(prefix !== undefined ? { subjectPrefix: prefix } : subject !== undefined ? { subject } : {}),
    ...(source !== undefined ? { source } : {}),
    ...range,
    limit,
    ...(pageToken !== undefined ? { after: decodeLogPageToken(pageToken) } : {}),
  };
}
