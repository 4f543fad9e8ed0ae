// The outcomes that are not a delivery, through the real stack and read back
// from Firestore: an event one of the queue's filters refused (`filtered`,
// naming the filter), an event that is not a valid CloudEvent (`invalid`, with
// the rule it broke), and one the sink never took (`dead-lettered`, with the
// reason and every attempt).

import { deleteLogEntriesOf, waitForLogEntries } from '../support/log-entries';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

const TENANT = 'acme';
const source = `/tests/${uniqueName('refusals')}`;
const filteredQueue = uniqueName('log-filter');
const failingQueue = uniqueName('log-dead');
// The failing queue's own source, so that it fails only the event meant for it.
const deadSource = `${source}-dead`;
let receiver: WebhookReceiver;
let failingReceiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  failingReceiver = await WebhookReceiver.start({ responder: () => 503, answerBody: 'down for maintenance' });
  const created = await Promise.all([
    callApi('POST', '/v1/queues', {
      body: {
        name: filteredQueue,
        kind: 'push',
        sink: receiver.url,
        source,
        filters: [{ prefix: { subject: '/devices/' } }],
      },
    }),
    callApi('POST', '/v1/queues', {
      body: {
        name: failingQueue,
        kind: 'push',
        sink: failingReceiver.url,
        source: deadSource,
        maxDeliveryAttempts: 5,
      },
    }),
  ]);
  expect(created.map((c) => c.status)).toEqual([201, 201]);
});

afterAll(async () => {
  await Promise.all([
    callApi('DELETE', `/v1/queues/${filteredQueue}`),
    callApi('DELETE', `/v1/queues/${failingQueue}`),
  ]);
  await Promise.all([deleteLogEntriesOf(TENANT, filteredQueue), deleteLogEntriesOf(TENANT, failingQueue)]);
  await Promise.all([receiver.close(), failingReceiver.close(), closePubsub()]);
});

test("an event refused by one of the queue's filters is `filtered`, with that filter; one it takes is delivered", async () => {
  const refused = binaryAttributes({ 'ce-source': source, 'ce-subject': '/sites/berlin' });
  const taken = binaryAttributes({ 'ce-source': source, 'ce-subject': '/devices/7f3c' });
  await publishRaw(TENANT, { data: '{}', attributes: refused });
  await publishRaw(TENANT, { data: '{}', attributes: taken });
  const entries = await waitForLogEntries(TENANT, filteredQueue, (es) =>
    [refused, taken].every((a) => es.some((e) => e.data.id === a['ce-id'])),
  );
  const filtered = entries.find((e) => e.data.id === refused['ce-id'])!.data;
  expect(filtered.state).toBe(1);
  expect(filtered.reason).toBe('refused by filters[0] {"prefix":{"subject":"/devices/"}}');
  expect(filtered.attempts).toEqual([]);
  expect(JSON.parse(filtered.event).subject).toBe('/sites/berlin');
  expect(entries.find((e) => e.data.id === taken['ce-id'])!.data.state).toBe(30);
});

test('an event of another source, refused by the `source` shorthand, gets no entry (a Pub/Sub filter in production)', async () => {
  const other = binaryAttributes({ 'ce-source': `${source}-other`, 'ce-subject': '/devices/1' });
  const marker = binaryAttributes({ 'ce-source': source, 'ce-subject': '/sites/after' });
  await publishRaw(TENANT, { data: '{}', attributes: other });
  await publishRaw(TENANT, { data: '{}', attributes: marker });
  const entries = await waitForLogEntries(TENANT, filteredQueue, (es) =>
    es.some((e) => e.data.id === marker['ce-id']),
  );
  expect(entries.some((e) => e.data.id === other['ce-id'])).toBe(false);
});

test('an invalid event is `invalid` with the rule it broke, named after its Pub/Sub message', async () => {
  const attributes = binaryAttributes({
    'ce-source': source,
    'ce-type': undefined,
    'ce-subject': '/devices/bad',
  });
  const messageId = await publishRaw(TENANT, { data: '{"ok":false}', attributes });
  const entries = await waitForLogEntries(TENANT, filteredQueue, (es) =>
    es.some((e) => e.data.id === attributes['ce-id'] && e.data.state === 2),
  );
  const invalid = entries.find((e) => e.data.id === attributes['ce-id'])!;
  expect(invalid.data.reason).toMatch(/"type"/);
  expect(invalid.data.type).toBe('');
  expect(JSON.parse(invalid.data.event).data).toEqual({ ok: false });
  // Stable across Pub/Sub's retries and unique: derived from the message id, not from the (missing) attributes.
  expect(invalid.webhookId).toMatch(/^msg_/);
  expect(messageId).toEqual(expect.any(String));
});

test('an event the sink never takes is `dead-lettered` after its last attempt, with the reason and every attempt', async () => {
  const attributes = binaryAttributes({ 'ce-source': deadSource, 'ce-subject': '/devices/9' });
  await publishRaw(TENANT, { data: '{"n":9}', attributes });
  const entries = await waitForLogEntries(
    TENANT,
    failingQueue,
    (es) => es.some((e) => e.data.id === attributes['ce-id'] && e.data.state === 20),
    90_000,
  );
  const dead = entries.find((e) => e.data.id === attributes['ce-id'])!.data;
  expect(dead.reason).toMatch(/^gave up after 5 attempts: sink answered 503/);
  expect(dead.attempts.map((a: { attempt: number }) => a.attempt).sort()).toEqual([1, 2, 3, 4, 5]);
  expect(
    dead.attempts.every(
      (a: { status: number; responseExcerpt: string }) =>
        a.status === 503 && a.responseExcerpt === 'down for maintenance',
    ),
  ).toBe(true);
  expect(dead.deliveredAtMs).toBeUndefined();
});
