// Reply events through the real push path: a queue with "replies": true whose
// sink answers with a CloudEvent chains it on (another queue receives it, with
// causationid, correlationid and a hop count); a handler that replies to its
// own queue stops after 8 hops; a reply that is not a valid CloudEvent is
// counted and the delivery is not retried.
import type http from 'node:http';
import { eventually } from '../../support/eventually';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { createPushQueue, type TestQueue } from '../support/queue-events';
import { callApi, closePubsub } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

const receivers: WebhookReceiver[] = [];

afterAll(async () => {
  await Promise.all([...receivers.map((r) => r.close()), closePubsub()]);
});

/** A receiver whose every answer is a binary-mode reply event from `source`. */
async function replyingReceiver(source: () => string, extra: Record<string, string> = {}) {
  const receiver = await WebhookReceiver.start({
    answerHeaders: ({ headers }: { headers: http.IncomingHttpHeaders }) => ({
      'ce-specversion': '1.0',
      'ce-id': `reply-to-${decodeURIComponent(String(headers['ce-id']))}`,
      'ce-source': source(),
      'ce-type': 'DEVICE_ENRICHED',
      'content-type': 'application/json',
      ...extra,
    }),
    answerBody: '{"enriched":true}',
  });
  receivers.push(receiver);
  return receiver;
}

async function stats(queue: TestQueue) {
  return (await callApi('GET', `/v1/queues/${queue.name}/stats`)).body;
}

const ceIds = (r: WebhookReceiver) => r.accepted().map((d) => decodeURIComponent(String(d.headers['ce-id'])));

test('a reply goes on to the queue that takes it, with its causation, correlation and hop', async () => {
  const downstream = await WebhookReceiver.start();
  receivers.push(downstream);
  const next = await createPushQueue(downstream.url);
  const upstreamReceiver = await replyingReceiver(() => next.source);
  const upstream = await createPushQueue(upstreamReceiver.url, { replies: true });
  expect((await callApi('GET', `/v1/queues/${upstream.name}`)).body.replies).toBe(true);
  const attributes = binaryAttributes({ 'ce-source': upstream.source, 'ce-id': `chain-${Date.now()}` });
  await publishRaw('acme', { data: '{"deviceUuid":"1"}', attributes });

  await downstream.waitUntil((r) => ceIds(r).includes(`reply-to-${attributes['ce-id']}`));
  const reply = downstream
    .accepted()
    .find((d) => decodeURIComponent(String(d.headers['ce-id'])) === `reply-to-${attributes['ce-id']}`)!;
  expect(reply.headers).toMatchObject({
    'ce-type': 'DEVICE_ENRICHED',
    'ce-causationid': attributes['ce-id'],
    'ce-correlationid': attributes['ce-id'],
    'ce-eventqhops': '1',
  });
  expect(JSON.parse(reply.body.toString())).toEqual({ enriched: true });
  await eventually(
    () => stats(upstream),
    (s) => s.repliesPublished === 1,
    { timeoutMs: 15_000, what: 'repliesPublished 1' },
  );
});

test('a chain across three queues: A replies, B takes it and replies, C receives, the causation ids link them', async () => {
  const last = await WebhookReceiver.start();
  receivers.push(last);
  const c = await createPushQueue(last.url);
  const bReceiver = await replyingReceiver(() => c.source);
  const b = await createPushQueue(bReceiver.url, { replies: true });
  const aReceiver = await replyingReceiver(() => b.source);
  const a = await createPushQueue(aReceiver.url, { replies: true });
  const id = `three-${Date.now()}`;
  await publishRaw('acme', {
    data: '{}',
    attributes: binaryAttributes({ 'ce-source': a.source, 'ce-id': id }),
  });

  // A's reply is reply-to-<id>; B's reply to that is reply-to-reply-to-<id>, which C receives.
  const finalId = `reply-to-reply-to-${id}`;
  await last.waitUntil((r) => ceIds(r).includes(finalId));
  const atC = last.accepted().find((d) => decodeURIComponent(String(d.headers['ce-id'])) === finalId)!;
  expect(atC.headers).toMatchObject({
    'ce-causationid': `reply-to-${id}`,
    'ce-correlationid': id,
    'ce-eventqhops': '2',
  });
  const atB = bReceiver
    .accepted()
    .find((d) => decodeURIComponent(String(d.headers['ce-id'])) === `reply-to-${id}`)!;
  expect(atB.headers).toMatchObject({ 'ce-causationid': id, 'ce-correlationid': id, 'ce-eventqhops': '1' });
});

test('a handler that replies to its own queue is stopped after 8 hops, and the drop is counted', async () => {
  let source = '';
  const looping = await replyingReceiver(() => source);
  const queue = await createPushQueue(looping.url, { replies: true });
  source = queue.source;
  const attributes = binaryAttributes({ 'ce-source': queue.source, 'ce-id': `loop-${Date.now()}` });
  await publishRaw('acme', { data: '{}', attributes });
  // The original and 8 replies (each a reply to the one before), then nothing more.
  await eventually(
    () => stats(queue),
    (s) => s.repliesDropped === 1,
    { timeoutMs: 60_000, what: 'the ninth reply dropped' },
  );
  const hops = looping.accepted().map((d) => Number(d.headers['ce-eventqhops'] ?? 0));
  expect(hops.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  expect((await stats(queue)).repliesPublished).toBe(8);
});

test('a reply that is not a valid CloudEvent is counted, and the delivery is not retried', async () => {
  const broken = await replyingReceiver(() => '/anywhere', { 'ce-id': '' });
  const queue = await createPushQueue(broken.url, { replies: true });
  const attributes = binaryAttributes({ 'ce-source': queue.source, 'ce-id': `bad-reply-${Date.now()}` });
  await publishRaw('acme', { data: '{}', attributes });
  await eventually(
    () => stats(queue),
    (s) => s.repliesRefused === 1,
    { timeoutMs: 15_000, what: 'repliesRefused 1' },
  );
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(broken.accepted()).toHaveLength(1);
  expect((await stats(queue)).failedAttempts).toBe(0);
});
