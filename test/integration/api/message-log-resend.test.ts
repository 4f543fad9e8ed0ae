// Resend from the message log, refused where the log cannot deliver again
// (data not kept, an invalid event), and in bulk over a search, page by page.
// Delivery itself is tested over the real push path in
// test/integration/delivery/redrive-address.test.ts.
import { closeTestFirestore, deleteLogOf, seedLog } from '../support/seed-log';
import { callApi, closePubsub, uniqueName } from '../support/stack';

const T0 = Date.now() - 3_600_000;
let queue: string;
let ids: string[];

beforeAll(async () => {
  queue = uniqueName('resend');
  expect((await callApi('POST', '/v1/queues', { body: { name: queue, kind: 'pull' } })).status).toBe(201);
  const source = `/tests/${queue}`;
  ids = await seedLog([
    { queue, id: 'd-1', source, publishTimeMs: T0, status: 'dead-lettered', data: { n: 1 } },
    { queue, id: 'd-2', source, publishTimeMs: T0 + 1_000, status: 'dead-lettered', data: { n: 2 } },
    {
      queue,
      id: 'd-3',
      source,
      publishTimeMs: T0 + 2_000,
      status: 'dead-lettered',
      data: { n: 3 },
      dataSize: 70_000,
    },
    { queue, id: 'ok', source, publishTimeMs: T0 + 3_000, status: 'delivered', data: { n: 4 } },
  ]);
});

afterAll(async () => {
  await deleteLogOf('acme', [queue]);
  await callApi('DELETE', `/v1/queues/${queue}`);
  await Promise.all([closePubsub(), closeTestFirestore()]);
});

test('an entry whose data the log did not keep is refused with 409, pointing to replay', async () => {
  const res = await callApi('POST', `/v1/queues/${queue}/events/${ids[2]}:resend`);
  expect(res.status).toBe(409);
  expect(res.body.code).toBe('ERR_CONFLICT');
  expect(res.body.detail).toContain(`POST /v1/queues/${queue}:replay`);
});

test("another tenant's resend of the entry answers as for one that does not exist", async () => {
  await callApi('POST', '/v1/queues', { tenant: 'globex', body: { name: queue, kind: 'pull' } });
  try {
    const theirs = await callApi('POST', `/v1/queues/${queue}/events/${ids[0]}:resend`, { tenant: 'globex' });
    const none = await callApi('POST', `/v1/queues/${queue}/events/msg_none00000000000000000000:resend`, {
      tenant: 'globex',
    });
    expect(theirs.status).toBe(404);
    expect(theirs.body.detail.replace(/msg_[\w-]+/, 'ID')).toBe(none.body.detail.replace(/msg_[\w-]+/, 'ID'));
  } finally {
    await callApi('DELETE', `/v1/queues/${queue}`, { tenant: 'globex' });
  }
});

test('a bulk resend goes through a search page by page, skipping what it cannot resend', async () => {
  const first = await callApi('POST', `/v1/queues/${queue}/events:resend`, {
    body: { status: 'dead-lettered', limit: 2 },
  });
  expect(first.status).toBe(202);
  // Newest first: d-3 (data not kept, skipped) and d-2.
  expect(first.body).toEqual({ queued: 1, skipped: 1, more: true, nextPageToken: expect.any(String) });
  const second = await callApi('POST', `/v1/queues/${queue}/events:resend`, {
    body: { status: 'dead-lettered', limit: 2, pageToken: first.body.nextPageToken },
  });
  expect(second.body).toEqual({ queued: 1, more: false });
});

test('a bulk resend refuses bad filters as the search does', async () => {
  const res = await callApi('POST', `/v1/queues/${queue}/events:resend`, { body: { status: 'lost' } });
  expect(res.status).toBe(422);
  expect(res.body.code).toBe('ERR_VALIDATION');
  const over = await callApi('POST', `/v1/queues/${queue}/events:resend`, { body: { limit: 101 } });
  expect(over.status).toBe(422);
});
