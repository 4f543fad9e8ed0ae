import type { StoredLogEntry } from '../../../functions/src/message-log/log-entry';
import { publicLogDetail, publicLogEntry } from '../../../functions/src/message-log/public-log-entry';

const T0 = Date.UTC(2030, 0, 1, 12);

const stored: StoredLogEntry = {
  queue: 'orders',
  id: 'e-1',
  type: 'DEVICE_FIRST_SEEN',
  source: '/fleet',
  subject: '/devices/7f3c',
  subjectPrefixes: ['/', '/devices/', '/devices/7f3c'],
  time: '2030-01-01T11:59:59Z',
  publishTimeMs: T0,
  state: 30,
  // Flushed out of order by two instances.
  attempts: [
    { atMs: T0 + 3_000, attempt: 3, status: 204, latencyMs: 12 },
    { atMs: T0 + 1_000, attempt: 1, status: 500, latencyMs: 40, responseExcerpt: 'oops' },
    { atMs: T0 + 2_000, attempt: 2, error: 'timed out', latencyMs: 10_000 },
  ],
  deliveredAtMs: T0 + 3_000,
  event: JSON.stringify({
    specversion: '1.0',
    id: 'e-1',
    source: '/fleet',
    type: 'DEVICE_FIRST_SEEN',
    data: { a: 1 },
  }),
  dataSize: 7,
  expireAt: new Date(T0 + 7 * 86_400_000),
};

test('an entry shows its status, attempt count and last attempt in the order they were made', () => {
  expect(publicLogEntry('msg_1', stored)).toEqual({
    webhookId: 'msg_1',
    queue: 'orders',
    id: 'e-1',
    type: 'DEVICE_FIRST_SEEN',
    source: '/fleet',
    subject: '/devices/7f3c',
    time: '2030-01-01T11:59:59Z',
    publishTime: '2030-01-01T12:00:00.000Z',
    status: 'delivered',
    attemptCount: 3,
    lastAttempt: { at: '2030-01-01T12:00:03.000Z', status: 204, latencyMs: 12 },
    deliveredAt: '2030-01-01T12:00:03.000Z',
  });
});

test('the detail lists every attempt in order and the event as structured JSON', () => {
  const detail = publicLogDetail('msg_1', stored);
  expect(detail.attempts.map((a) => [a.attempt, a.status ?? a.error])).toEqual([
    [1, 500],
    [2, 'timed out'],
    [3, 204],
  ]);
  expect(detail.attempts[0]!.responseExcerpt).toBe('oops');
  expect(detail.event).toEqual({
    specversion: '1.0',
    id: 'e-1',
    source: '/fleet',
    type: 'DEVICE_FIRST_SEEN',
    data: { a: 1 },
  });
  expect(detail.dataOmitted).toBeUndefined();
});

test('an entry whose data was not kept says so, with the size', () => {
  const detail = publicLogDetail('msg_1', {
    ...stored,
    event: JSON.stringify({ specversion: '1.0', id: 'e-1', source: '/fleet', type: 'T' }),
    dataOmitted: true,
    dataSize: 1_000_000,
  });
  expect(detail).toMatchObject({ dataOmitted: true, dataSize: 1_000_000 });
  expect(detail.event).not.toHaveProperty('data');
});

test.each<[number, string]>([
  [1, 'filtered'],
  [2, 'invalid'],
  [10, 'failing'],
  [20, 'dead-lettered'],
  [30, 'delivered'],
  [25, 'dead-lettered'],
])('state %d shows as %s', (state, status) => {
  expect(publicLogEntry('msg_1', { ...stored, state, attempts: [] }).status).toBe(status);
});
