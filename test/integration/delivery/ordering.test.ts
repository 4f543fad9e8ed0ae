// An ordered queue receives 50 events of one key in publish order while its
// sink fails every third request: one message of the key outstanding at a
// time, a failed one retried before the next, as Pub/Sub push does.
import { publishCloudEvent } from '../../../functions/src/publish/publish-cloudevent';
import { ceId, createPushQueue } from '../support/queue-events';
import { callApi, closePubsub, pubsub } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

const N = 50;
jest.setTimeout(180_000);

let receiver: WebhookReceiver;

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

test(`an ordered queue receives ${N} events of one key in order while its sink fails every third request`, async () => {
  const ours = (id: string) => id.startsWith('ordered-');
  let requests = 0;
  receiver = await WebhookReceiver.start({
    responder: (d) => {
      if (!ours(decodeURIComponent(String(d.headers['ce-id'])))) return 200;
      requests += 1;
      return requests % 3 === 0 ? 503 : 200;
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
    150_000,
    `${N} ordered events`,
  );
  const attempts = receiver.received.filter((d) => ids.includes(ceId(d)));
  const accepted = attempts.filter((d) => d.status === 200).map(ceId);
  const firstSeen = accepted.filter((id, i) => accepted.indexOf(id) === i);
  expect(firstSeen).toEqual(ids);
  // Retries included: no event reached the sink before the one ahead of it was taken.
  const seen = attempts.map(ceId);
  for (let i = 1; i < seen.length; i++) {
    const before = ids.indexOf(seen[i - 1]!);
    expect(ids.indexOf(seen[i]!) - before).toBeLessThanOrEqual(1);
  }
  const failures = attempts.filter((d) => d.status !== 200).length;
  process.stderr.write(`[ordering] ${N} events in order through ${failures} failed attempts\n`);
  expect(failures).toBeGreaterThanOrEqual(N / 3 - 1);
});
