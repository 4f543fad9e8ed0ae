// PATCH changes which events arrive (within dispatch's cache TTL); pausing
// keeps the backlog and making the queue active delivers it; DELETE stops
// deliveries and removes the subscription.

import { eventually } from '../../support/eventually';
import { leftBehind, queueLogEntryCount, queueRecordCount } from '../support/leftovers';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { sleep, WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
let name: string;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  name = uniqueName('patch');
  const created = await callApi('POST', '/v1/queues', {
    body: { name, kind: 'push', sink: receiver.url, types: ['DEVICE_OTA_STARTED'] },
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

async function publishType(type: string, subject = 'devices/a'): Promise<string> {
  const attributes = binaryAttributes({ 'ce-type': type, 'ce-subject': subject });
  await publishRaw('acme', { data: '{}', attributes });
  return attributes['ce-id']!;
}

const arrived = (id: string) => receiver.accepted().some((d) => d.headers['ce-id'] === id);

test('PATCH of types and filters changes which events arrive', async () => {
  const ota = await publishType('DEVICE_OTA_STARTED');
  const seen = await publishType('DEVICE_FIRST_SEEN');
  await receiver.waitUntil(() => arrived(ota));

  const patched = await callApi('PATCH', `/v1/queues/${name}`, {
    body: { types: ['DEVICE_FIRST_SEEN'], filters: [{ prefix: { subject: 'devices/b' } }] },
  });
  expect(patched.status).toBe(200);
  expect(patched.body.types).toEqual(['DEVICE_FIRST_SEEN']);
  // dispatch re-reads the queue within its cache TTL: publish probes that only
  // the new definition takes until one arrives, rather than sleeping past the TTL.
  await eventually(
    async () => {
      const probe = await publishType('DEVICE_FIRST_SEEN', 'devices/b-probe');
      return receiver
        .waitUntil(() => arrived(probe), 400)
        .then(
          () => true,
          () => false,
        );
    },
    Boolean,
    { timeoutMs: 10_000, what: 'dispatch to take the patched filters' },
  );

  const otaAfter = await publishType('DEVICE_OTA_STARTED', 'devices/b');
  const seenWrongSubject = await publishType('DEVICE_FIRST_SEEN', 'devices/a');
  const seenAfter = await publishType('DEVICE_FIRST_SEEN', 'devices/b');
  await receiver.waitUntil(() => arrived(seenAfter));
  await sleep(500);
  expect(arrived(seen)).toBe(false);
  expect(arrived(otaAfter)).toBe(false);
  expect(arrived(seenWrongSubject)).toBe(false);
});

test('a paused queue keeps its events and delivers them when active again', async () => {
  expect((await callApi('PATCH', `/v1/queues/${name}`, { body: { status: 'paused' } })).body.status).toBe(
    'paused',
  );
  await sleep(1_500);
  const held = [
    await publishType('DEVICE_FIRST_SEEN', 'devices/b1'),
    await publishType('DEVICE_FIRST_SEEN', 'devices/b2'),
  ];
  await sleep(2_000);
  expect(held.some(arrived)).toBe(false);

  expect((await callApi('PATCH', `/v1/queues/${name}`, { body: { status: 'active' } })).body.status).toBe(
    'active',
  );
  await receiver.waitUntil(() => held.every(arrived), 30_000, 'the backlog');
});

test('PATCH with a bad body is refused and changes nothing', async () => {
  const before = (await callApi('GET', `/v1/queues/${name}`)).body;
  const bad = await callApi('PATCH', `/v1/queues/${name}`, { body: { status: 'disabled' } });
  expect(bad.status).toBe(422);
  const unknownType = await callApi('PATCH', `/v1/queues/${name}`, { body: { types: ['NOPE'] } });
  expect(unknownType.status).toBe(422);
  const empty = await callApi('PATCH', `/v1/queues/${name}`, { body: {} });
  expect(empty.status).toBe(422);
  expect((await callApi('GET', `/v1/queues/${name}`)).body).toEqual(before);
});

test('DELETE stops deliveries and leaves no document, record or subscription', async () => {
  // The deliveries above left delivery counters below the queue's document.
  const deadline = Date.now() + 10_000;
  while ((await queueRecordCount('acme', name, 'stats')) === 0 && Date.now() < deadline) await sleep(200);
  expect(await queueRecordCount('acme', name, 'stats')).toBeGreaterThan(0);
  // And message-log entries under the tenant (the log writer flushes within its interval).
  while ((await queueLogEntryCount('acme', name)) === 0 && Date.now() < deadline) await sleep(200);
  expect(await queueLogEntryCount('acme', name)).toBeGreaterThan(0);

  expect((await callApi('DELETE', `/v1/queues/${name}`)).status).toBe(204);
  expect(await leftBehind('acme', name)).toEqual([]);
  const after = await publishType('DEVICE_FIRST_SEEN', 'devices/b');
  await sleep(2_000);
  expect(arrived(after)).toBe(false);
  expect((await callApi('GET', `/v1/queues/${name}`)).status).toBe(404);
});
