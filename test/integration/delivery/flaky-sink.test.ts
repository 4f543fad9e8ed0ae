// A sink that answers 503 for a while and then 200: every event arrives, none
// is lost, and every redelivery of an event carries the same webhook-id.
import { ceId, createPushQueue, publishEvents } from '../support/queue-events';
import { closePubsub } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

const N = 60;
const OUTAGE_REQUESTS = 10;
let receiver: WebhookReceiver;

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

// The outage is the sink's first 10 requests, whichever events they carry:
// the Pub/Sub emulator stops pushing a whole subscription for minutes after a
// burst of about a hundred failed pushes (docs/architecture.md), which
// production Pub/Sub does not. The queue allows 20 attempts, so that a slow
// machine turns no retry into a dead letter.
test(`${N} events through a sink that answers 503 to its first ${OUTAGE_REQUESTS} requests all arrive, duplicates with one webhook-id`, async () => {
  receiver = await WebhookReceiver.start({
    responder: (_d, request) => (request <= OUTAGE_REQUESTS ? 503 : 200),
  });
  const queue = await createPushQueue(receiver.url, { maxDeliveryAttempts: 20 }, { prefix: 'flaky' });
  const ids = await publishEvents(queue, N);

  await receiver.waitUntil(
    (r) =>
      new Set(
        r
          .accepted()
          .filter((d) => ids.includes(ceId(d)))
          .map(ceId),
      ).size === N,
    100_000,
    `all ${N} events accepted`,
  );
  const ours = receiver.received.filter((d) => ids.includes(ceId(d)));
  expect(ours.some((d) => d.status === 503)).toBe(true);
  const webhookIds = new Map<string, Set<string>>();
  for (const d of ours) {
    const set = webhookIds.get(ceId(d)) ?? new Set();
    set.add(String(d.headers['webhook-id']));
    webhookIds.set(ceId(d), set);
  }
  expect([...webhookIds.values()].every((s) => s.size === 1)).toBe(true);
  // Distinct events never share a webhook-id.
  expect(new Set([...webhookIds.values()].map((s) => [...s][0])).size).toBe(N);
  process.stderr.write(
    `[flaky-sink] ${N} events, ${ours.length} attempts (${ours.filter((d) => d.status === 503).length} answered 503), none lost\n`,
  );
});
