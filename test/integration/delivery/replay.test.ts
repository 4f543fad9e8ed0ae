// :replay from a time before three events delivers those three again, with
// their original webhook-ids; a time outside retention or in the future is refused.
import { ceId, createPushQueue, publishEvents } from '../support/queue-events';
import { callApi, closePubsub } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

test('replay from before three delivered events delivers the three again with the same webhook-ids', async () => {
  const queue = await createPushQueue(receiver.url, {}, { prefix: 'replay' });
  const before = new Date(Date.now() - 1_000).toISOString();
  const ids = await publishEvents(queue, 3);
  await receiver.waitUntil((r) => ids.every((id) => r.accepted().some((d) => ceId(d) === id)));
  const first = new Map(receiver.accepted().map((d) => [ceId(d), d.headers['webhook-id']]));

  const replay = await callApi('POST', `/v1/queues/${queue.name}:replay`, { body: { since: before } });
  expect(replay.status).toBe(200);
  expect(replay.body.queue).toBe(queue.name);

  await receiver.waitUntil(
    (r) => ids.every((id) => r.accepted().filter((d) => ceId(d) === id).length >= 2),
    30_000,
    'the three events a second time',
  );
  for (const d of receiver.accepted().filter((x) => ids.includes(ceId(x)))) {
    expect(d.headers['webhook-id']).toBe(first.get(ceId(d)));
  }
});

test.each<[string, () => string]>([
  ['older than the 7-day retention', () => new Date(Date.now() - 8 * 86_400_000).toISOString()],
  ['in the future', () => new Date(Date.now() + 3_600_000).toISOString()],
  ['not an RFC 3339 time', () => 'yesterday'],
])('a since %s is refused with 422', async (_what, since) => {
  const queue = await createPushQueue(receiver.url, {}, { prefix: 'replay-bad' });
  const answer = await callApi('POST', `/v1/queues/${queue.name}:replay`, { body: { since: since() } });
  expect(answer.status).toBe(422);
  expect(answer.body.detail).toMatch(/^since: /);
});
