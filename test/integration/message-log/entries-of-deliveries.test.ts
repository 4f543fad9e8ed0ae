// Through the real stack (emulator, push engine, dispatch, a real sink), every
// event of a queue gets one message-log entry in Firestore, written by
// dispatch's batched writer: its attempts with the sink's status and answer,
// and the event as published (JSON, text and non-UTF-8 bytes), read back from
// the Firestore emulator.

import { deleteLogEntriesOf, type ReadEntry, waitForLogEntries } from '../support/log-entries';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

const TENANT = 'acme';
// The queue takes only this file's source: other test files publish to the same tenant.
const source = `/tests/${uniqueName('log')}`;
const queue = uniqueName('log');
// Longer than the 512 bytes the log keeps of an answer.
const ANSWER = `overloaded, come back later: ${'x'.repeat(600)}`;
const refusedTwice = new Map<string, number>();
let receiver: WebhookReceiver;

const json = JSON.stringify({ device: '7f3c', reading: 21.5, note: 'Grüße' });
const text = 'plain text: Grüße aus Zürich 🌍';
const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x01]);
const large = Buffer.alloc(70 * 1024, 'a');

const events = {
  json: binaryAttributes({
    'ce-source': source,
    'ce-subject': '/devices/7f3c/config',
    'content-type': 'application/json',
  }),
  text: binaryAttributes({ 'ce-source': source, 'content-type': 'text/plain; charset=utf-8' }),
  bytes: binaryAttributes({
    'ce-source': source,
    'content-type': 'application/octet-stream',
    'ce-traceparent': '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  }),
  large: binaryAttributes({ 'ce-source': source, 'content-type': 'text/plain; charset=utf-8' }),
};

beforeAll(async () => {
  receiver = await WebhookReceiver.start({
    answerBody: ANSWER,
    responder: (delivery) => {
      const id = String(delivery.headers['ce-id']);
      if (id !== events.bytes['ce-id']) return 200;
      const n = (refusedTwice.get(id) ?? 0) + 1;
      refusedTwice.set(id, n);
      return n <= 2 ? 500 : 200;
    },
  });
  const created = await callApi('POST', '/v1/queues', {
    body: { name: queue, kind: 'push', sink: receiver.url, source, maxDeliveryAttempts: 10 },
  });
  expect(created.status).toBe(201);
  await publishRaw(TENANT, { data: json, attributes: events.json });
  await publishRaw(TENANT, { data: text, attributes: events.text });
  await publishRaw(TENANT, { data: bytes, attributes: events.bytes });
  await publishRaw(TENANT, { data: large, attributes: events.large });
});

afterAll(async () => {
  await callApi('DELETE', `/v1/queues/${queue}`);
  await deleteLogEntriesOf(TENANT, queue);
  await Promise.all([receiver.close(), closePubsub()]);
});

const byId = (entries: ReadEntry[], id: string | undefined) => entries.find((e) => e.data.id === id);
const allDelivered = (entries: ReadEntry[]) =>
  Object.values(events).every((a) => byId(entries, a['ce-id'])?.data.state === 30);

test('three events, one refused twice by the sink: entries delivered after 1, 1 and 3 attempts, each attempt as it went', async () => {
  const entries = await waitForLogEntries(TENANT, queue, allDelivered, 60_000);
  // This file's events only: an invalid event another file publishes to the tenant
  // at the same time (it has no type for a filter to refuse) is logged in every queue.
  expect(entries.filter((e) => e.data.source === source)).toHaveLength(4);
  const [first, second, third] = [events.json, events.text, events.bytes].map(
    (a) => byId(entries, a['ce-id'])!,
  );
  expect(first!.data.attempts).toHaveLength(1);
  expect(second!.data.attempts).toHaveLength(1);
  expect(third!.data.attempts).toHaveLength(3);

  const attempts = [...third!.data.attempts].sort((a, b) => a.attempt - b.attempt);
  expect(attempts.map((a: { attempt: number }) => a.attempt)).toEqual([1, 2, 3]);
  expect(attempts.map((a: { status: number }) => a.status)).toEqual([500, 500, 200]);
  for (const failed of attempts.slice(0, 2)) {
    expect(failed.responseExcerpt).toBe(ANSWER.slice(0, 512));
    expect(failed.latencyMs).toEqual(expect.any(Number));
  }
  // The delivering attempt keeps the sink's answer too, as every other entry's attempt does.
  expect(attempts[2].responseExcerpt).toBe(ANSWER.slice(0, 512));
  expect(first!.data.attempts[0].responseExcerpt).toBe(ANSWER.slice(0, 512));
  expect(attempts[0].atMs).toBeLessThan(attempts[1].atMs);
  expect(attempts[1].atMs).toBeLessThan(attempts[2].atMs);
  expect(third!.data.deliveredAtMs).toBe(attempts[2].atMs);

  // The entry is named by the webhook-id the sink saw.
  const seen = receiver.received.find((d) => d.headers['ce-id'] === events.bytes['ce-id']);
  expect(third!.webhookId).toBe(seen!.headers['webhook-id']);
});

test('the entry keeps the event as published: JSON data as JSON, text as text, other bytes as data_base64, every attribute', async () => {
  const entries = await waitForLogEntries(TENANT, queue, allDelivered, 60_000);
  const kept = (attributes: Record<string, string>) => {
    const entry = byId(entries, attributes['ce-id'])!;
    return { entry: entry.data, event: JSON.parse(entry.data.event) };
  };

  const j = kept(events.json);
  expect(j.event.data).toEqual(JSON.parse(json));
  expect(j.event).toMatchObject({
    specversion: '1.0',
    id: events.json['ce-id'],
    source,
    type: 'DEVICE_FIRST_SEEN',
    subject: '/devices/7f3c/config',
    time: '2026-11-22T10:00:00.123Z',
    datacontenttype: 'application/json',
  });
  expect(j.entry).toMatchObject({
    queue,
    type: 'DEVICE_FIRST_SEEN',
    source,
    subject: '/devices/7f3c/config',
    subjectPrefixes: ['/', '/devices/', '/devices/7f3c/', '/devices/7f3c/config'],
    time: '2026-11-22T10:00:00.123Z',
    dataSize: Buffer.byteLength(json),
  });
  expect(j.entry.dataOmitted).toBeUndefined();

  const t = kept(events.text);
  expect(t.event.data).toBe(text);
  expect(t.entry.dataSize).toBe(Buffer.byteLength(text));

  const b = kept(events.bytes);
  expect(b.event.data).toBeUndefined();
  expect(Buffer.from(b.event.data_base64, 'base64').equals(bytes)).toBe(true);
  expect(b.event.traceparent).toBe(events.bytes['ce-traceparent']);
});

test('data above 64 KiB is left out of the entry, which says so and gives its size', async () => {
  const entries = await waitForLogEntries(TENANT, queue, allDelivered, 60_000);
  const entry = byId(entries, events.large['ce-id'])!.data;
  expect(entry.dataOmitted).toBe(true);
  expect(entry.dataSize).toBe(large.length);
  const event = JSON.parse(entry.event);
  expect(event.data).toBeUndefined();
  expect(event.data_base64).toBeUndefined();
  expect(event.id).toBe(events.large['ce-id']);
});

test('entries expire by the TTL field, seven days after they were written', async () => {
  const entries = await waitForLogEntries(TENANT, queue, allDelivered, 60_000);
  for (const { data } of entries) {
    const expireAt = data.expireAt.toMillis() as number;
    const days = (expireAt - data.publishTimeMs) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
  }
});
