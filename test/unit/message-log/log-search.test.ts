import { logQueryPlan } from '../../../functions/src/message-log/log-query';
import {
  decodeLogPageToken,
  encodeLogPageToken,
  MAX_LOG_PAGE_SIZE,
  parseLogSearch,
} from '../../../functions/src/message-log/log-search';

const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('parseLogSearch', () => {
  it('reads every filter, newest first by default, 50 a page', () => {
    expect(
      parseLogSearch(
        {
          status: 'dead-lettered',
          type: 'DEVICE_FIRST_SEEN',
          subject: '/devices/7f3c',
          source: '/fleet',
          since: '2030-01-01T00:00:00Z',
          until: '2030-01-02T00:00:00+01:00',
        },
        'orders',
      ),
    ).toEqual({
      queue: 'orders',
      status: 'dead-lettered',
      type: 'DEVICE_FIRST_SEEN',
      subject: '/devices/7f3c',
      source: '/fleet',
      sinceMs: Date.UTC(2030, 0, 1),
      untilMs: Date.UTC(2030, 0, 1, 23),
      limit: 50,
    });
  });

  it('takes subject=<prefix>/* as a prefix search on the stored prefixes', () => {
    const search = parseLogSearch({ subject: '/devices/*' });
    expect(search.subjectPrefix).toBe('/devices/');
    expect(logQueryPlan(search).filters).toEqual([
      { field: 'subjectPrefixes', op: 'array-contains', value: '/devices/' },
    ]);
  });

  it('searches status by the stored state number', () => {
    expect(logQueryPlan(parseLogSearch({ status: 'delivered' }, 'orders')).filters).toEqual([
      { field: 'queue', op: '==', value: 'orders' },
      { field: 'state', op: '==', value: 30 },
    ]);
  });

  it('continues after the cursor of a page token it gave', () => {
    const pageToken = encodeLogPageToken({ t: 1_900_000_000_000, id: 'msg_abcdefghijklmnopqrstuvwxyz0' });
    expect(parseLogSearch({ pageToken, limit: '10' }).after).toEqual({
      t: 1_900_000_000_000,
      id: 'msg_abcdefghijklmnopqrstuvwxyz0',
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'an unknown status',
      { status: 'lost' },
      'status: must be one of filtered, invalid, failing, dead-lettered, delivered',
    ],
    [
      'since after until',
      { since: '2030-01-02T00:00:00Z', until: '2030-01-01T00:00:00Z' },
      'since: must not be after until',
    ],
    [
      'a limit over the maximum',
      { limit: String(MAX_LOG_PAGE_SIZE + 1) },
      `limit: must be an integer from 1 to ${MAX_LOG_PAGE_SIZE}`,
    ],
    ['a limit of 0', { limit: '0' }, `limit: must be an integer from 1 to ${MAX_LOG_PAGE_SIZE}`],
    [
      'a limit that is not a number',
      { limit: 'ten' },
      `limit: must be an integer from 1 to ${MAX_LOG_PAGE_SIZE}`,
    ],
    [
      'a time without a zone',
      { since: '2030-01-01T00:00:00' },
      'since: must be an RFC 3339 time such as 2026-11-22T10:00:00Z',
    ],
    [
      'a time that is not one',
      { until: 'yesterday' },
      'until: must be an RFC 3339 time such as 2026-11-22T10:00:00Z',
    ],
    ['a filter given twice', { type: ['a', 'b'] }, 'type: must be given once, as text'],
    [
      'an unknown parameter',
      { statuss: 'delivered' },
      'statuss: unknown parameter; use status, type, subject, source, since, until, limit, pageToken',
    ],
  ])('refuses %s with 422 naming the parameter', (_what, query, detail) => {
    expect(() => parseLogSearch(query)).toThrow(
      expect.objectContaining({ status: 422, code: 'ERR_VALIDATION', detail }),
    );
  });
});

describe('decodeLogPageToken', () => {
  it.each<[string, string]>([
    ['garbage', 'not a token!'],
    ['not JSON', b64('{t:1')],
    ['a time Firestore cannot hold', b64('{"t":1e300,"id":"msg_abc"}')],
    ['a negative time', b64('{"t":-1,"id":"msg_abc"}')],
    ['an id that is a path', b64('{"t":1,"id":"msg_a/b/c"}')],
    ['a reserved id', b64('{"t":1,"id":"__name__"}')],
    ['an id that is no webhook-id', b64('{"t":1,"id":"abc"}')],
    ['far too long', 'A'.repeat(300)],
  ])('refuses a page token that is %s with 400 ERR_INVALID_ARGUMENT', (_what, token) => {
    expect(() => decodeLogPageToken(token)).toThrow(
      expect.objectContaining({
        status: 400,
        code: 'ERR_INVALID_ARGUMENT',
        detail: 'pageToken: is not a token this API gave',
      }),
    );
  });
});
