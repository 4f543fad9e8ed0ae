// What an audit search asks for (GET /v1/audit), read from the query string:
// each parameter checked, with a {code, detail} for every mistake, before
// anything reaches Firestore. Page tokens are opaque to the caller and
// checked on the way back in, as the message log's are (message-log/log-search.ts);
// the parameters common to both are read by store/search-params.ts.
import { decodePageCursor, encodePageCursor, type PageCursor } from '../store/page-token';
import { onlyParameters, pageSize, queryText, type SearchQuery, timeRange } from '../store/search-params';
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

export function parseAuditSearch(query: SearchQuery): AuditSearch {
  onlyParameters(query, AUDIT_SEARCH_PARAMETERS);
  const filters = AUDIT_FILTER_FIELDS.flatMap((field) => {
    const value = queryText(query, field, MAX_VALUE_LENGTH);
    return value === undefined ? [] : [{ field, value }];
  });
  const range = timeRange(query);
  const limit = pageSize(query, DEFAULT_AUDIT_PAGE_SIZE, MAX_AUDIT_PAGE_SIZE);
  const pageToken = queryText(query, 'pageToken', MAX_VALUE_LENGTH);
  return {
    filters,
    ...range,
    limit,
    ...(pageToken !== undefined ? { after: decodeAuditPageToken(pageToken) } : {}),
  };
}
