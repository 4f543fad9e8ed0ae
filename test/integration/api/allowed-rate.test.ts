// A sink that grants WebHook-Allowed-Rate in the validation handshake gets no
// more deliveries than that: a push over the rate is answered 503 without
// calling the sink (Pub/Sub retries it), and nothing is lost. The pushes go to
// a dispatch of the test's own, as Pub/Sub pushes them, so that the timing is
// the limiter's and not the emulator's redelivery schedule.
import { randomUUID } from 'node:crypto';
import { callApi, closePubsub, stack, uniqueName } from '../support/stack';
import { startTestDispatch, type TestDispatch } from '../support/test-dispatch';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
let dispatch: TestDispatch;
let name: string;

beforeAll(async () => {
  [receiver, dispatch] = await Promise.all([WebhookReceiver.start({ allowedRate: 60 }), startTestDispatch()]);
  name = uniqueName('rate');
  const created = await callApi('POST', '/v1/queues', {
    body: { name, kind: 'push', sink: receiver.url, source: `/tests/${name}` },
  });
  expect(created.status).toBe(201);
  expect(created.body.allowedRate).toBe(60);
});

afterAll(async () => {
  await Promise.all([receiver.close(), dispatch.close(), closePubsub()]);
});

function envelope(id: string) {
  return {
    subscription: `projects/${stack().projectId}/subscriptions/eventq-acme.${name}`,
    message: {
      messageId: id,
      data: Buffer.from('{}').toString('base64'),
      attributes: {
        'ce-specversion': '1.0',
        'ce-id': id,
        'ce-source': `/tests/${name}`,
        'ce-type': 'DEVICE_FIRST_SEEN',
      },
    },
  };
}

test('four pushes at once to a sink that allows 60 a minute: one now, the others a second apart, all of them', async () => {
  const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const first = await Promise.all(ids.map((id) => dispatch.push(envelope(id))));
  expect(first.filter((s) => s === 204)).toHaveLength(1);
  expect(first.filter((s) => s === 503)).toHaveLength(3);
  expect(receiver.received).toHaveLength(1);

  // Retry the refused ones as Pub/Sub would, and note when each is taken.
  const takenAt: number[] = [Date.now()];
  for (const id of ids.filter((_, i) => first[i] === 503)) {
    let status = 503;
    for (let i = 0; status !== 204 && i < 40; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await dispatch.push(envelope(id));
    }
    expect(status).toBe(204);
    takenAt.push(Date.now());
  }
  const gaps = takenAt.slice(1).map((t, i) => t - takenAt[i]!);
  process.stdout.write(`allowed-rate gaps between deliveries (ms): ${gaps.join(', ')}\n`);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(850);
  // The sink saw each event once: refused pushes never reached it.
  expect(receiver.received.map((d) => d.headers['ce-id']).sort()).toEqual([...ids].sort());
});
