// GET /v1/audit's parameters: each mistake a {code, detail}, 422 for a bad
// value and 400 for a page token the API did not give, before Firestore.

import { auditEntry, newAuditId } from '../../../functions/src/audit/audit-entry';
import {
  decodeAuditPageToken,
  encodeAuditPageToken,
  parseAuditSearch,
} from '../../../functions/src/audit/audit-search';
import { EventqError } from '../../../functions/src/errors';

function refusal(query: Record<string, unknown>): { status: number; code: string; detail: string } {
  try {
    parseAuditSearch(query);
  } catch (error) {
    if (error instanceof EventqError) return { status: error.status, ...error.toJSON() };
    throw error;
  }
  throw new Error('not refused');
}

test.each([
  [{ limit: '0' }, 422, /^limit:/],
  [{ limit: '201' }, 422, /^limit:/],
  [{ limit: 'ten' }, 422, /^limit:/],
  [{ since: 'yesterday' }, 422, /^since: must be an RFC 3339 time/],
  [{ since: '2030-01-02T00:00:00Z', until: '2030-01-01T00:00:00Z' }, 422, /^since: must not be after until/],
  [{ resource: ['a', 'b'] }, 422, /^resource: must be given once/],
  [{ colour: 'red' }, 422, /^colour: unknown parameter/],
  [{ pageToken: 'not-a-token' }, 400, /^pageToken:/],
  [{ pageToken: Buffer.from('{"t":1,"id":"__x__"}').toString('base64url') }, 400, /^pageToken:/],
  [
    { pageToken: Buffer.from('{"t":-1,"id":"aud_000000001aaaaaaaaaa"}').toString('base64url') },
    400,
    /^pageToken:/,
  ],
])('refuses %j with %i', (query, status, detail) => {
  const answer = refusal(query);
  expect(answer.status).toBe(status);
  expect(answer.detail).toMatch(detail);
});

test('a page token it gave comes back as the same cursor', () => {
  const cursor = { t: Date.UTC(2030, 0, 1), id: newAuditId(Date.UTC(2030, 0, 1)) };
  expect(decodeAuditPageToken(encodeAuditPageToken(cursor))).toEqual(cursor);
});

test('ids sort by time', () => {
  const ids = [1, 1_000, Date.UTC(2030, 0, 1), Date.UTC(2300, 0, 1)].map(newAuditId);
  expect([...ids].sort()).toEqual(ids);
});

test('reads the filters it is given', () => {
  expect(parseAuditSearch({ resource: 'orders', actor: 'abc', since: '2030-01-01T00:00:00Z' })).toEqual({
    filters: [
      { field: 'resource', value: 'orders' },
      { field: 'actor', value: 'abc' },
    ],
    sinceMs: Date.UTC(2030, 0, 1),
    limit: 50,
  });
});

test('entries one process writes within one millisecond still sort in the order written', () => {
  const actor = { id: 'abc', label: '', via: 'tenant-token' as const };
  const ms = Date.UTC(2030, 0, 1);
  const written = [1, 2, 3].map(() => auditEntry({ type: 't', actor, resource: 'r' }, ms, 400));
  expect(written.map((e) => e.id)).toEqual(written.map((e) => e.id).sort());
  expect(new Set(written.map((e) => e.timeMs)).size).toBe(3);
});
