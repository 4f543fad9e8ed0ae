// A sink that never succeeds: after maxDeliveryAttempts each event is in the
// dead letters, counted in /stats and listed in /failures; once the sink
// recovers, :redrive delivers them all, with their original webhook-ids.
//
// The attempts are pushed to a dispatch of the test's own exactly as production
// Pub/Sub pushes them, numbered by `deliveryAttempt` (the emulator sends no
// such number; the retry tests cover its path, where dispatch counts attempts
// from its failure records). That keeps five attempts per event fast and exact.
// Everything after that is real: the dead-letter topic and subscription,
// Firestore (failures, stats), redrive through the tenant topic, and the
// stack's dispatch delivering the redriven events over HTTP.
import { randomUUID } from 'node:crypto';
import { ceId, createPushQueue, eventually } from '../support/queue-events';
import { callApi, closePubsub, stack } from '../support/stack';
import { startTestDispatch, type TestDispatch } from '../support/test-dispatch';
import { WebhookReceiver } from '../support/webhook-receiver';

const MAX_ATTEMPTS = 5;
let dispatch: TestDispatch;

beforeAll(async () => {
  dispatch = await startTestDispatch({ EVENTQ_STATS_FLUSH_MS: '300' });
});

afterAll(async () => {
  await Promise.all([dispatch.close(), closePubsub()]);
});

function envelope(queueName: string, source: string, id: string, attempt: number, messageId: string) {
  return {
    subscription: `projects/${stack().projectId}/subscriptions/eventq-acme.${queueName}`,
    deliveryAttempt: attempt,
    message: {
      messageId,
      publishTime: new Date().toISOString(),
      data: Buffer.from(JSON.stringify({ id })).toString('base64'),
      attributes: {
        'ce-specversion': '1.0',
        'ce-id': id,
        'ce-source': source,
        'ce-type': 'DEVICE_FIRST_SEEN',
        'content-type': 'application/json',
      },
    },
  };
}

/** Pushes every attempt of one event; the last one is dead-lettered by dispatch and acked. */
async function failEveryAttempt(queueName: string, source: string, id: string): Promise<number[]> {
  const messageId = randomUUID();
  const statuses: number[] = [];
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    statuses.push(await dispatch.push(envelope(queueName, source, id, attempt, messageId)));
  }
  return statuses;
}

test('events dead-lettered after the last attempt are counted, listed, and redriven once the sink recovers', async () => {
  const receiver = await WebhookReceiver.start({ responder: () => 500 });
  try {
    const queue = await createPushQueue(
      receiver.url,
      { maxDeliveryAttempts: MAX_ATTEMPTS },
      { prefix: 'dlq' },
    );
    expect((await callApi('GET', `/v1/queues/${queue.name}`)).body.maxDeliveryAttempts).toBe(MAX_ATTEMPTS);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) {
      expect(await failEveryAttempt(queue.name, queue.source, id)).toEqual([503, 503, 503, 503, 204]);
    }

    const stats = await eventually(
      () => callApi('GET', `/v1/queues/${queue.name}/stats`).then((r) => r.body),
      (s) => s.deadLettered >= 3 && s.failedAttempts >= 15,
      20_000,
      '3 dead letters in /stats',
    );
    // filteredOut also counts other tests' events on the tenant topic, which this queue's source filter drops.
    expect(stats).toMatchObject({ delivered: 0, failedAttempts: 3 * MAX_ATTEMPTS, deadLettered: 3 });
    expect(typeof stats.filteredOut).toBe('number');

    const firstPage = await callApi('GET', `/v1/queues/${queue.name}/failures?limit=10`);
    expect(firstPage.status).toBe(200);
    expect(firstPage.body.failures).toHaveLength(10);
    const secondPage = await callApi(
      'GET',
      `/v1/queues/${queue.name}/failures?limit=10&pageToken=${firstPage.body.nextPageToken}`,
    );
    const all = [...firstPage.body.failures, ...secondPage.body.failures];
    expect(all).toHaveLength(3 * MAX_ATTEMPTS);
    expect(secondPage.body.nextPageToken).toBeUndefined();
    const times = all.map((f: { time: string }) => Date.parse(f.time));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(all[0]).toMatchObject({ status: 500, error: 'sink answered 500', type: 'DEVICE_FIRST_SEEN' });
    expect(new Set(all.map((f: { eventId: string }) => f.eventId))).toEqual(new Set(ids));
    expect(JSON.stringify(all)).not.toMatch(/whsec_|Bearer/);

    const firstWebhookIds = new Map(receiver.received.map((d) => [ceId(d), d.headers['webhook-id']]));
    receiver.respondWith(() => 200);
    const redrive = await callApi('POST', `/v1/queues/${queue.name}:redrive`);
    expect(redrive.status).toBe(200);
    expect(redrive.body).toMatchObject({ redriven: 3, more: false });
    await receiver.waitUntil((r) => ids.every((id) => r.accepted().some((d) => ceId(d) === id)), 30_000);
    for (const d of receiver.accepted()) expect(d.headers['webhook-id']).toBe(firstWebhookIds.get(ceId(d)));

    // Nothing of this queue is left to redrive.
    const again = await callApi('POST', `/v1/queues/${queue.name}:redrive`);
    expect(again.body).toMatchObject({ redriven: 0 });
  } finally {
    await receiver.close();
  }
});

test("redrive moves only the queue's own dead letters, and another queue does not deliver them", async () => {
  const other = await WebhookReceiver.start();
  const mine = await WebhookReceiver.start({ responder: () => 500 });
  try {
    const queue = await createPushQueue(mine.url, { maxDeliveryAttempts: MAX_ATTEMPTS }, { prefix: 'dlq2' });
    // A second queue of the tenant taking the same source: a redriven event must not reach it.
    const bystander = await createPushQueue(other.url, {}, { prefix: 'bystander' });
    await callApi('PATCH', `/v1/queues/${bystander.name}`, { body: { source: queue.source } });
    const id = randomUUID();
    expect(await failEveryAttempt(queue.name, queue.source, id)).toEqual([503, 503, 503, 503, 204]);
    await new Promise((r) => setTimeout(r, 1_500)); // dispatch's queue cache TTL locally

    mine.respondWith(() => 200);
    const redrive = await callApi('POST', `/v1/queues/${queue.name}:redrive`);
    expect(redrive.body.redriven).toBe(1);
    await mine.waitUntil((r) => r.accepted().some((d) => ceId(d) === id));
    await new Promise((r) => setTimeout(r, 2_000));
    expect(other.received.filter((d) => ceId(d) === id)).toHaveLength(0);
  } finally {
    await Promise.all([mine.close(), other.close()]);
  }
});
