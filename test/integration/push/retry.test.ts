// A sink that fails gets the event again after Pub/Sub's retry backoff, with
// the same webhook-id every time, until it takes it.
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
// The queue takes only this test's source: other test files publish to the same tenant.
const source = `/tests/${uniqueName('retry')}`;
const attemptsById = new Map<string, number>();

beforeAll(async () => {
  receiver = await WebhookReceiver.start({
    responder: (delivery) => {
      const id = String(delivery.headers['ce-id']);
      const attempt = (attemptsById.get(id) ?? 0) + 1;
      attemptsById.set(id, attempt);
      return attempt <= 2 ? 500 : 200;
    },
  });
  const created = await callApi('POST', '/v1/queues', {
    body: { name: uniqueName('retry'), kind: 'push', sink: receiver.url, source, maxDeliveryAttempts: 20 },
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

test('a sink answering 500 gets the event again, and the same webhook-id arrives until it answers 200', async () => {
  const attributes = binaryAttributes({ 'ce-source': source });
  await publishRaw('acme', { data: '{"attempt":"any"}', attributes });
  await receiver.waitUntil(
    (r) => r.accepted().some((d) => d.headers['ce-id'] === attributes['ce-id']),
    30_000,
    'the third attempt',
  );

  const attempts = receiver.received.filter((d) => d.headers['ce-id'] === attributes['ce-id']);
  expect(attempts.map((d) => d.status)).toEqual([500, 500, 200]);
  const ids = new Set(attempts.map((d) => d.headers['webhook-id']));
  expect(ids.size).toBe(1);
  // Each attempt is signed afresh: the timestamps may differ, the id may not.
  expect(attempts.every((d) => d.body.toString() === '{"attempt":"any"}')).toBe(true);
});
