// A sink answering 410 disables its queue with the reason; a disabled or
// paused queue keeps its backlog, and delivers it when made active again.
import { ceId, createPushQueue, eventually, publishEvents } from '../support/queue-events';
import { callApi, closePubsub } from '../support/stack';
import { sleep, WebhookReceiver } from '../support/webhook-receiver';

const receivers: WebhookReceiver[] = [];

afterAll(async () => {
  await Promise.all([...receivers.map((r) => r.close()), closePubsub()]);
});

test('a sink answering 410 disables the queue with the reason, and re-enabling delivers the backlog', async () => {
  const receiver = await WebhookReceiver.start({ responder: () => 410 });
  receivers.push(receiver);
  const queue = await createPushQueue(receiver.url, {}, { prefix: 'gone' });
  const [first] = await publishEvents(queue, 1);
  const disabled = await eventually(
    () => callApi('GET', `/v1/queues/${queue.name}`).then((r) => r.body),
    (q) => q.status === 'disabled',
    30_000,
    'the queue disabled',
  );
  expect(disabled.statusReason).toMatch(/410 Gone/);

  // Published while disabled: kept, not attempted.
  const backlog = (await publishEvents({ ...queue, name: `${queue.name}-b` }, 3)).map((id) => id);
  await sleep(3_000);
  const attemptsWhileDisabled = receiver.received.filter((d) => backlog.includes(ceId(d)));
  expect(attemptsWhileDisabled).toHaveLength(0);

  receiver.respondWith(() => 200);
  const enabled = await callApi('PATCH', `/v1/queues/${queue.name}`, { body: { status: 'active' } });
  expect(enabled.status).toBe(200);
  expect(enabled.body.statusReason).toBeUndefined();
  const expected = [first!, ...backlog];
  await receiver.waitUntil(
    (r) => expected.every((id) => r.accepted().some((d) => ceId(d) === id)),
    30_000,
    'the backlog after re-enabling',
  );
});

test('a paused queue keeps what is published, and delivers it when active again', async () => {
  const receiver = await WebhookReceiver.start();
  receivers.push(receiver);
  const queue = await createPushQueue(receiver.url, {}, { prefix: 'paused' });
  const paused = await callApi('PATCH', `/v1/queues/${queue.name}`, { body: { status: 'paused' } });
  expect(paused.body.status).toBe('paused');
  await sleep(1_500);
  const ids = await publishEvents(queue, 3);
  await sleep(3_000);
  expect(receiver.received.filter((d) => ids.includes(ceId(d)))).toHaveLength(0);
  await callApi('PATCH', `/v1/queues/${queue.name}`, { body: { status: 'active' } });
  await receiver.waitUntil((r) => ids.every((id) => r.accepted().some((d) => ceId(d) === id)), 30_000);
});
