// A sink that is down (503) for 10 s in the middle of a steady stream of
// events: every event arrives, none is lost, and every redelivery of an event
// carries the same webhook-id.
import { ceId, createPushQueue, publishEvents } from '../support/queue-events';
import { closePubsub } from '../support/stack';
import { sleep, WebhookReceiver } from '../support/webhook-receiver';

const N = 100;
const INTERVAL_MS = 150;
const OUTAGE_MS = 10_000;
jest.setTimeout(120_000);
let receiver: WebhookReceiver;

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

test(`${N} events through a sink that is down for 10 s mid-stream all arrive, redeliveries with one webhook-id`, async () => {
  let down = false;
  receiver = await WebhookReceiver.start({ responder: () => (down ? 503 : 200) });
  // 20 attempts, so that a slow machine turns no retry into a dead letter.
  const queue = await createPushQueue(receiver.url, { maxDeliveryAttempts: 20 }, { prefix: 'flaky' });
  const ids: string[] = [];
  const outage = (async () => {
    await sleep(3_000);
    down = true;
    await sleep(OUTAGE_MS);
    down = false;
  })();
  for (let i = 0; i < N; i++) {
    ids.push(...(await publishEvents({ ...queue, name: `${queue.name}-${i}` }, 1)));
    await sleep(INTERVAL_MS);
  }
  await outage;

  await receiver.waitUntil(
    (r) =>
      new Set(
        r
          .accepted()
          .map(ceId)
          .filter((id) => ids.includes(id)),
      ).size === N,
    40_000,
    `all ${N} events accepted`,
  );
  const ours = receiver.received.filter((d) => ids.includes(ceId(d)));
  expect(ours.some((d) => d.status === 503)).toBe(true);
  const webhookIds = new Map<string, Set<string>>();
  for (const d of ours) {
    webhookIds.set(ceId(d), (webhookIds.get(ceId(d)) ?? new Set()).add(String(d.headers['webhook-id'])));
  }
  expect([...webhookIds.values()].every((s) => s.size === 1)).toBe(true);
  // Distinct events never share a webhook-id.
  expect(new Set([...webhookIds.values()].map((s) => [...s][0])).size).toBe(N);
  process.stderr.write(
    `[flaky-sink] ${N} events, ${ours.length} attempts (${ours.filter((d) => d.status === 503).length} answered 503), none lost\n`,
  );
});
