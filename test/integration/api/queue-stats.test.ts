// GET /v1/queues/{name}/stats through the real push path: deliveries that
// dispatch counted show in the totals and in the bucket of this hour, every
// hour of the span is present, and a bad span is a 422 that names the
// parameter.
import { createPushQueue, eventually, publishEvents } from '../support/queue-events';
import { callApi, closePubsub } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});
afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

interface Bucket {
  start: string;
  delivered: number;
  failedAttempts: number;
}
interface Stats {
  delivered: number;
  from: string;
  to: string;
  buckets: Bucket[];
}

test('counts deliveries in the totals and in the bucket of their hour, with every hour of the day present', async () => {
  const queue = await createPushQueue(receiver.url);
  await publishEvents(queue, 3);
  const stats = await eventually(
    async () => (await callApi<Stats>('GET', `/v1/queues/${queue.name}/stats`)).body,
    (s) => s.delivered === 3,
    30_000,
    'three deliveries counted',
  );
  const hours = stats.buckets.map((b) => Date.parse(b.start));
  // The last 24 h, from the hour of `from` on: 24 or 25 buckets an hour apart.
  expect(stats.buckets.length).toBeGreaterThanOrEqual(24);
  expect(stats.buckets.length).toBeLessThanOrEqual(25);
  for (let i = 1; i < hours.length; i++) expect(hours[i]! - hours[i - 1]!).toBe(3_600_000);
  expect(Date.parse(stats.to) - Date.parse(stats.from)).toBe(24 * 3_600_000);
  expect(stats.buckets.at(-1)).toMatchObject({ delivered: 3, failedAttempts: 0 });
  expect(stats.buckets.slice(0, -1).every((b) => b.delivered === 0)).toBe(true);

  const week = await callApi<Stats>(
    'GET',
    `/v1/queues/${queue.name}/stats?from=${new Date(Date.now() - 7 * 86_400_000 + 60_000).toISOString()}&bucket=1h`,
  );
  expect(week.status).toBe(200);
  expect(week.body.buckets.length).toBeGreaterThanOrEqual(168);
  expect(week.body.buckets.reduce((n, b) => n + b.delivered, 0)).toBe(3);

  const before = await callApi<Stats>(
    'GET',
    `/v1/queues/${queue.name}/stats?to=${encodeURIComponent(new Date(Date.now() - 2 * 3_600_000).toISOString())}`,
  );
  expect(before.body.buckets.reduce((n, b) => n + b.delivered, 0)).toBe(0);
  expect(before.body.delivered).toBe(3);
});

test('a queue deleted and made again under its name starts with no counts, in total or per hour', async () => {
  const queue = await createPushQueue(receiver.url);
  await publishEvents(queue, 1);
  await eventually(
    async () => (await callApi<Stats>('GET', `/v1/queues/${queue.name}/stats`)).body,
    (s) => s.delivered === 1 && s.buckets.at(-1)?.delivered === 1,
    30_000,
    'one delivery counted',
  );
  expect((await callApi('DELETE', `/v1/queues/${queue.name}`)).status).toBe(204);
  const again = await callApi('POST', '/v1/queues', {
    body: { name: queue.name, kind: 'push', sink: receiver.url, source: `${queue.source}-again` },
  });
  expect(again.status).toBe(201);
  const stats = (await callApi<Stats>('GET', `/v1/queues/${queue.name}/stats`)).body;
  expect(stats.delivered).toBe(0);
  expect(stats.buckets.every((b) => b.delivered === 0)).toBe(true);
});

test.each([
  ['from=yesterday', 'from: must be an RFC 3339 time'],
  ['bucket=1m', 'bucket: must be one of 1h'],
  ['from=2030-01-01T00:00:00Z&to=2030-01-09T00:00:00Z', 'from, to: at most 7 days apart'],
  ['from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z', 'from: must be before to'],
])('answers ?%s with 422 {code, detail}', async (query, detail) => {
  const queue = await createPushQueue(receiver.url);
  const answer = await callApi('GET', `/v1/queues/${queue.name}/stats?${query}`);
  expect(answer.status).toBe(422);
  expect(answer.body).toEqual({ code: 'ERR_VALIDATION', detail: expect.stringContaining(detail) });
});
