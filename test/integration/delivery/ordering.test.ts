// An ordered queue receives 100 events of one key in publish order while its
// sink fails at random (a seeded sequence, so a run can be repeated).
import { publishCloudEvent } from '../../../functions/src/publish/publish-cloudevent';
import { ceId, createPushQueue } from '../support/queue-events';
import { callApi, closePubsub, pubsub } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

const N = 100;
const FAILURE_RATE = 0.15;
jest.setTimeout(240_000);

/** mulberry32: a small seeded generator. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let receiver: WebhookReceiver;

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

test(`an ordered queue receives ${N} events of one key in order while its sink fails at random`, async () => {
  const random = seeded(20261122);
  // At most two failures in a row, so that the run stays short: an ordered key
  // waits for its head event through Pub/Sub's backoff.
  let failuresInARow = 0;
  receiver = await WebhookReceiver.start({
    responder: () => {
      const fail = failuresInARow < 2 && random() < FAILURE_RATE;
      failuresInARow = fail ? failuresInARow + 1 : 0;
      return fail ? 503 : 200;
    },
  });
  const queue = await createPushQueue(
    receiver.url,
    { ordered: true, maxDeliveryAttempts: 20 },
    { prefix: 'ordered' },
  );
  expect((await callApi('GET', `/v1/queues/${queue.name}`)).body.ordered).toBe(true);
  const ids: string[] = [];
  for (let i = 0; i < N; i++) {
    const id = `${queue.name}-${String(i).padStart(3, '0')}`;
    ids.push(id);
    await publishCloudEvent(pubsub(), 'acme', {
      id,
      type: 'DEVICE_FIRST_SEEN',
      source: queue.source,
      subject: 'device-7f3c',
      data: { deviceUuid: '6c4f8a9e-0b1d-4f53-9a7e-2f1c3d4b5a60', n: i },
    });
  }
  await receiver.waitUntil(
    (r) =>
      new Set(
        r
          .accepted()
          .map(ceId)
          .filter((id) => ids.includes(id)),
      ).size === N,
    220_000,
    `${N} ordered events`,
  );
  const accepted = receiver
    .accepted()
    .map(ceId)
    .filter((id) => ids.includes(id));
  const firstSeen = accepted.filter((id, i) => accepted.indexOf(id) === i);
  expect(firstSeen).toEqual(ids);
  const failures = receiver.received.filter((d) => ids.includes(ceId(d)) && d.status !== 200).length;
  process.stderr.write(`[ordering] ${N} events in order through ${failures} failed attempts\n`);
  expect(failures).toBeGreaterThan(0);
});
