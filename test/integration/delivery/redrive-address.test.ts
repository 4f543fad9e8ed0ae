// Only eventq can address an event to one queue (issue 13, item 14): a
// producer's own `eventq-redrive-for` no longer hides its event from the
// tenant's other queues, while a resend from the message log, which eventq
// signs, reaches its queue alone, with the same webhook-id, and shows in the
// entry as a further attempt. The real path: Pub/Sub, the stack's push engine
// and dispatch, the log writer and the api.
import { randomUUID } from 'node:crypto';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { ceId, createPushQueue, eventually, type TestQueue } from '../support/queue-events';
import { closeTestFirestore, deleteLogOf } from '../support/seed-log';
import { callApi, closePubsub } from '../support/stack';
import { sleep, WebhookReceiver } from '../support/webhook-receiver';

jest.setTimeout(120_000);

const source = `/tests/redrive-address-${randomUUID().slice(0, 8)}`;
let orders: TestQueue;
let audit: TestQueue;
let ordersSink: WebhookReceiver;
let auditSink: WebhookReceiver;

beforeAll(async () => {
  [ordersSink, auditSink] = await Promise.all([WebhookReceiver.start(), WebhookReceiver.start()]);
  // Both queues take this test's source only.
  orders = await createPushQueue(ordersSink.url, { source }, { prefix: 'addr-orders' });
  audit = await createPushQueue(auditSink.url, { source }, { prefix: 'addr-audit' });
});

afterAll(async () => {
  await callApi('DELETE', `/v1/queues/${orders.name}`);
  await callApi('DELETE', `/v1/queues/${audit.name}`);
  await deleteLogOf('acme', [orders.name, audit.name]);
  await Promise.all([ordersSink.close(), auditSink.close(), closePubsub(), closeTestFirestore()]);
});

const deliveriesOf = (sink: WebhookReceiver, id: string) => sink.accepted().filter((d) => ceId(d) === id);

test.each<[string, Record<string, string>]>([
  ['without a signature', {}],
  [
    'with a forged signature',
    { 'eventq-redrive-signature': `v1,${Buffer.alloc(32, 7).toString('base64url')}` },
  ],
])(
  "a producer's eventq-redrive-for %s reaches every queue, not only the one it names",
  async (_what, forged) => {
    const id = randomUUID();
    await publishRaw('acme', {
      data: '{"hidden":false}',
      attributes: {
        ...binaryAttributes({ 'ce-source': source, 'ce-id': id }),
        'eventq-redrive-for': orders.name,
        ...forged,
      },
    });
    await ordersSink.waitUntil((r) => deliveriesOf(r, id).length >= 1, 30_000, 'the event at orders');
    await auditSink.waitUntil((r) => deliveriesOf(r, id).length >= 1, 30_000, 'the event at audit');
  },
);

test('a resend from the log reaches its queue alone, with the same webhook-id, as a further attempt', async () => {
  const id = randomUUID();
  await publishRaw('acme', {
    data: '{"n":1}',
    attributes: binaryAttributes({ 'ce-source': source, 'ce-id': id }),
  });
  await ordersSink.waitUntil((r) => deliveriesOf(r, id).length >= 1, 30_000, 'the first delivery at orders');
  await auditSink.waitUntil((r) => deliveriesOf(r, id).length >= 1, 30_000, 'the first delivery at audit');
  const webhookId = String(deliveriesOf(ordersSink, id)[0]!.headers['webhook-id']);

  // The writer flushes in batches: the entry appears within a flush interval.
  const entry = await eventually(
    () => callApi('GET', `/v1/queues/${orders.name}/events/${webhookId}`).then((r) => r.body),
    (e) => e.status === 'delivered' && e.attemptCount === 1,
    30_000,
    'the delivered entry',
  );
  expect(entry.event).toMatchObject({ id, source, data: { n: 1 } });

  const resent = await callApi('POST', `/v1/queues/${orders.name}/events/${webhookId}:resend`);
  expect(resent.status).toBe(202);
  expect(resent.body).toEqual({ webhookId });

  await ordersSink.waitUntil((r) => deliveriesOf(r, id).length >= 2, 30_000, 'the resend at orders');
  const [first, again] = deliveriesOf(ordersSink, id);
  expect(again!.headers['webhook-id']).toBe(webhookId);
  expect(JSON.parse(again!.body.toString())).toEqual(JSON.parse(first!.body.toString()));

  const after = await eventually(
    () => callApi('GET', `/v1/queues/${orders.name}/events/${webhookId}`).then((r) => r.body),
    (e) => e.attemptCount === 2,
    30_000,
    'the entry with the resend as its second attempt',
  );
  expect(after.status).toBe('delivered');
  expect(after.attempts.map((a: { status: number }) => a.status)).toEqual([200, 200]);

  // audit, which took the event the first time, does not get the resend.
  await sleep(3_000);
  expect(deliveriesOf(auditSink, id)).toHaveLength(1);
});
