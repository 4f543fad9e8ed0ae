// A sink that never succeeds: each event is pushed exactly maxDeliveryAttempts
// times, numbered 1..N by Pub/Sub's `deliveryAttempt` (the local push engine
// numbers them as production does), and after the last one dispatch puts it
// in the tenant's dead letters with "gave up after N attempts". It is counted
// in /stats and listed in /failures; once the sink recovers, :redrive delivers
// them all, with their original webhook-ids. All of it on the real path: the
// stack's engine and dispatch, Firestore, the dead-letter topic and redrive.
import { randomUUID } from 'node:crypto';
import { collectDeadLetters } from '../support/dead-letters';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { ceId, createPushQueue, eventually, type TestQueue } from '../support/queue-events';
import { callApi, closePubsub } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

const MAX_ATTEMPTS = 5;
// Attempts 1..5 after the local retry backoff (1, 2, 4, 8 s): about 15 s.
const EXHAUSTED_WITHIN_MS = 60_000;
jest.setTimeout(180_000);

afterAll(async () => {
  await closePubsub();
});

async function publishTo(queue: TestQueue, id: string): Promise<void> {
  await publishRaw('acme', {
    data: JSON.stringify({ id }),
    attributes: binaryAttributes({ 'ce-source': queue.source, 'ce-id': id }),
  });
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
    for (const id of ids) await publishTo(queue, id);

    const stats = await eventually(
      () => callApi('GET', `/v1/queues/${queue.name}/stats`).then((r) => r.body),
      (s) => s.deadLettered >= 3 && s.failedAttempts >= 15,
      EXHAUSTED_WITHIN_MS,
      '3 dead letters in /stats',
    );
    // Exactly N pushes reached the sink for each event, and no more come.
    await new Promise((r) => setTimeout(r, 3_000));
    for (const id of ids) expect(receiver.received.filter((d) => ceId(d) === id)).toHaveLength(MAX_ATTEMPTS);
    const letters = await collectDeadLetters(
      'acme',
      // This queue's own: other tests' queues that take every event (and whose receivers are gone) dead-letter them too.
      (l) =>
        l.attributes['eventq-queue'] === queue.name &&
        (ids as string[]).includes(l.attributes['ce-id'] ?? ''),
      (c) => c.length >= ids.length,
      20_000,
      { keep: true },
    );
    for (const letter of letters) {
      expect(letter.attributes['eventq-dead-reason']).toMatch(/^gave up after 5 attempts: sink answered 500/);
    }
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
    // Numbered 1..N: the deliveryAttempt of the envelopes dispatch received.
    for (const id of ids) {
      const attempts = all
        .filter((f: { eventId: string }) => f.eventId === id)
        .map((f: { attempt: number }) => f.attempt);
      expect(attempts.sort()).toEqual([1, 2, 3, 4, 5]);
    }
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
    // A second queue of the tenant taking the same source: it delivers the
    // original event, once, and must not deliver the redriven one.
    const bystander = await createPushQueue(other.url, {}, { prefix: 'bystander' });
    await callApi('PATCH', `/v1/queues/${bystander.name}`, { body: { source: queue.source } });
    await new Promise((r) => setTimeout(r, 1_500)); // dispatch's queue cache TTL locally
    const id = randomUUID();
    await publishTo(queue, id);
    await eventually(
      () => callApi('GET', `/v1/queues/${queue.name}/stats`).then((r) => r.body),
      (s) => s.deadLettered >= 1,
      EXHAUSTED_WITHIN_MS,
      'the dead letter',
    );
    await other.waitUntil((r) => r.accepted().some((d) => ceId(d) === id), 20_000, 'the original event');

    mine.respondWith(() => 200);
    const redrive = await callApi('POST', `/v1/queues/${queue.name}:redrive`);
    expect(redrive.body.redriven).toBe(1);
    await mine.waitUntil((r) => r.accepted().some((d) => ceId(d) === id));
    await new Promise((r) => setTimeout(r, 2_000));
    expect(other.received.filter((d) => ceId(d) === id)).toHaveLength(1);
  } finally {
    await Promise.all([mine.close(), other.close()]);
  }
});
