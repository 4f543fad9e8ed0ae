// A sink that grants WebHook-Allowed-Rate in the validation handshake gets no
// more deliveries than that: the rest wait for Pub/Sub's retry, none is lost.
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
let source: string;

beforeAll(async () => {
  receiver = await WebhookReceiver.start({ allowedRate: 60 });
  const name = uniqueName('rate');
  source = `/tests/${name}`;
  const created = await callApi('POST', '/v1/queues', {
    body: { name, kind: 'push', sink: receiver.url, source, maxDeliveryAttempts: 20 },
  });
  expect(created.status).toBe(201);
  expect(created.body.allowedRate).toBe(60);
});

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

test('four events at once reach a sink that allows 60 a minute about a second apart, all of them', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 4; i += 1) {
    const attributes = binaryAttributes({ 'ce-source': source });
    ids.push(attributes['ce-id']!);
    await publishRaw('acme', { data: `{"n":${i}}`, attributes });
  }
  const arrivals = new Map<string, number>();
  await receiver.waitUntil(
    (r) => {
      for (const d of r.accepted()) {
        const id = String(d.headers['ce-id']);
        if (ids.includes(id) && !arrivals.has(id)) arrivals.set(id, Date.now());
      }
      return arrivals.size === ids.length;
    },
    60_000,
    'all four events',
  );
  const times = [...arrivals.values()].sort((a, b) => a - b);
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  process.stdout.write(`allowed-rate gaps between deliveries (ms): ${gaps.join(', ')}\n`);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(700);
});
