// What a message-log search asks for (GET /v1/queues/{name}/events and
// GET /v1/events), read from the query string: each filter checked, with a
// {code, detail} for every mistake, before anything reaches Firestore.
import { isRfc3339Timestamp } from '../cloudevents/rfc3339';
import { ValidationError } from '../errors';
import { decodePageCursor, encodePageCursor, type PageCursor } from '../store/page-token';
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

function text(query: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new ValidationError(`${name}: must be given once, as text`);
  return value;
}

function time(query: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  const ms = isRfc3339Timestamp(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new ValidationError(`${name}: must be an RFC 3339 time such as 2026-11-22T10:00:00Z`);
  }
  return ms;
}

function pageSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LOG_PAGE_SIZE;
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= MAX_LOG_PAGE_SIZE)) {
    throw new ValidationError(`limit: must be an integer from 1 to ${MAX_LOG_PAGE_SIZE}`);
  }
  return n;
}

/** Reads and checks a search from the query string; `queue` is the route's (already found). */
export function parseLogSearch(query: Readonly<Record<string, unknown>>, queue?: string): LogSearch {
  for (const name of Object.keys(query)) {
    if (!(LOG_SEARCH_PARAMETERS as readonly string[]).includes(name)) {
      throw new ValidationError(`${name}: unknown parameter; use ${LOG_SEARCH_PARAMETERS.join(', ')}`);
    }
  }
  const status = text(query, 'status');
  if (status !== undefined && !(LOG_STATUSES as string[]).includes(status)) {
    throw new ValidationError(`status: must be one of ${LOG_STATUSES.join(', ')}`);
  }
  const subject = text(query, 'subject');
  const sinceMs = time(query, 'since');
  const untilMs = time(query, 'until');
  if (sinceMs !== undefined && untilMs !== undefined && sinceMs > untilMs) {
    throw new ValidationError('since: must not be after until');
  }
  const limit = pageSize(text(query, 'limit'));
  const pageToken = text(query, 'pageToken');
  const prefix = subject?.endsWith(SUBJECT_PREFIX_MARK) ? subject.slice(0, -1) : undefined;
  const search: LogSearch = {
    ...(queue !== undefined ? { queue } : {}),
    ...(status !== undefined ? { status: status as LogStatus } : {}),
    ...(text(query, 'type') !== undefined ? { type: text(query, 'type') } : {}),
    ...(prefix !== undefined ? { subjectPrefix: prefix } : subject !== undefined ? { subject } : {}),
    ...(text(query, 'source') !== undefined ? { source: text(query, 'source') } : {}),
    ...(sinceMs !== undefined ? { sinceMs } : {}),
    ...(untilMs !== undefined ? { untilMs } : {}),
    limit,
    ...(pageToken !== undefined ? { after: decodeLogPageToken(pageToken) } : {}),
  };
  return search;
}
