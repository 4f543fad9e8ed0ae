// What an audit search asks for (GET /v1/audit), read from the query string:
// each parameter checked, with a {code, detail} for every mistake, before
// anything reaches Firestore. Page tokens are opaque to the caller and
// checked on the way back in, as the message log's are (message-log/log-search.ts).
import { isRfc3339Timestamp } from '../cloudevents/rfc3339';
import { ValidationError } from '../errors';
import { decodePageCursor, encodePageCursor, type PageCursor } from '../store/page-token';
import { isAuditId } from './audit-entry';

export const DEFAULT_AUDIT_PAGE_SIZE = 50;
export const MAX_AUDIT_PAGE_SIZE = 200;

export const AUDIT_SEARCH_PARAMETERS = [
  'resource',
  'type',
  'actor',
  'since',
  'until',
  'limit',
  'pageToken',
] as const;

/** Stored fields a search may filter on by equality; terraform/ declares an index for each. */
export const AUDIT_FILTER_FIELDS = ['resource', 'type', 'actor'] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];

/** `t`: timeMs of the last entry of the page; `id`: its document id. */
export type AuditCursor = PageCursor;

export interface AuditSearch {
  readonly filters: readonly { readonly field: AuditFilterField; readonly value: string }[];
  /** Inclusive. */
  readonly sinceMs?: number;
  /** Exclusive. */
  readonly untilMs?: number;
  readonly limit: number;
  readonly after?: AuditCursor;
}

const MAX_VALUE_LENGTH = 1_500;

export const encodeAuditPageToken = (cursor: AuditCursor): string => encodePageCursor(cursor);

/** The cursor in a page token, or 400: a forged token never reaches Firestore. */
export function decodeAuditPageToken(token: string): AuditCursor {
  return decodePageCursor(token, ({ t, id }) => t >= 0 && isAuditId(id));
}

function text(query: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new ValidationError(`${name}: must be given once, as text`);
  if (value.length > MAX_VALUE_LENGTH) {
    throw new ValidationError(`${name}: must be at most ${MAX_VALUE_LENGTH} characters`);
  }
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
  if (raw === undefined) return DEFAULT_AUDIT_PAGE_SIZE;
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= MAX_AUDIT_PAGE_SIZE)) {
    throw new ValidationError(`limit: must be an integer from 1 to ${MAX_AUDIT_PAGE_SIZE}`);
  }
  return n;
}

export function parseAuditSearch(query: Readonly<Record<string, unknown>>): AuditSearch {
  for (const name of Object.keys(query)) {
    if (!(AUDIT_SEARCH_PARAMETERS as readonly string[]).includes(name)) {
      throw new ValidationError(`${name}: unknown parameter; use ${AUDIT_SEARCH_PARAMETERS.join(', ')}`);
    }
  }
  const filters = AUDIT_FILTER_FIELDS.flatMap((field) => {
    const value = text(query, field);
    return value === undefined ? [] : [{ field, value }];
  });
  const sinceMs = time(query, 'since');
  const untilMs = time(query, 'until');
  if (sinceMs !== undefined && untilMs !== undefined && sinceMs > untilMs) {
    throw new ValidationError('since: must not be after until');
  }
  const limit = pageSize(text(query, 'limit'));
  const pageToken = text(query, 'pageToken');
  return {
    filters,
    ...(sinceMs !== undefined ? { sinceMs } : {}),
    ...(untilMs !== undefined ? { untilMs } : {}),
    limit,
    ...(pageToken !== undefined ? { after: decodeAuditPageToken(pageToken) } : {}),
  };
}
