// The local push engine on its own: push subscriptions straight to a test's
// endpoint (no dispatch), so that what arrives is exactly what the engine
// pushes. Attempts are numbered and end in the dead-letter topic with Pub/Sub's
// attributes; a push that outlives the ack deadline counts as failed; a paused
// subscription holds even its retries; a deleted one stops, retries included.
import type { Message } from '@google-cloud/pubsub';
import { createEngineSubscription, type EngineSubscription } from '../support/engine-subscription';
import { EnvelopeReceiver } from '../support/envelope-receiver';
import { eventually } from '../support/queue-events';
import { closePubsub, stack } from '../support/stack';
import { sleep } from '../support/webhook-receiver';

const receivers: EnvelopeReceiver[] = [];
const subscriptions: EngineSubscription[] = [];

async function setUp(
  responder: Parameters<typeof EnvelopeReceiver.start>[0],
  options: Parameters<typeof createEngineSubscription>[1],
) {
  const receiver = await EnvelopeReceiver.start(responder);
  receivers.push(receiver);
  const sub = await createEngineSubscription(receiver.url, options);
  subscriptions.push(sub);
  return { receiver, sub };
}

afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.delete()));
  await Promise.all(receivers.map((r) => r.close()));
  await closePubsub();
});

function pullOne(sub: EngineSubscription, timeoutMs: number): Promise<Message> {
  return new Promise((resolve, reject) => {
    const subscription = sub.deadLetters!;
    const timer = setTimeout(() => {
      void subscription.close();
      reject(new Error(`no dead letter within ${timeoutMs} ms`));
    }, timeoutMs);
    subscription.once('message', (message: Message) => {
      clearTimeout(timer);
      message.ack();
      void subscription.close().then(() => resolve(message));
    });
  });
}

test('numbers every attempt, and after maxDeliveryAttempts forwards the message to the dead-letter topic with Pub/Sub attributes', async () => {
  const { receiver, sub } = await setUp(() => 500, {
    retry: { minSeconds: 1, maxSeconds: 2 },
    maxDeliveryAttempts: 5,
  });
  const messageId = await sub.topic.publishMessage({
    data: Buffer.from('x'),
    attributes: { kind: 'doomed' },
  });
  const letter = await pullOne(sub, 40_000);
  const ours = receiver.pushes.filter((p) => p.messageId === messageId);
  expect(ours.map((p) => p.deliveryAttempt)).toEqual([1, 2, 3, 4, 5]);
  expect(ours.every((p) => p.subscription === sub.subscription.name)).toBe(true);
  expect(letter.data.toString()).toBe('x');
  expect(letter.attributes).toMatchObject({
    kind: 'doomed',
    CloudPubSubDeadLetterSourceDeliveryCount: '5',
    CloudPubSubDeadLetterSourceSubscription: sub.subscription.name.split('/').pop(),
    CloudPubSubDeadLetterSourceSubscriptionProject: stack().projectId,
  });
  expect(Date.parse(letter.attributes.CloudPubSubDeadLetterSourceTopicPublishTime!)).toBeGreaterThan(0);
  // Spaced by the retry policy (1 s, then 2 s): never faster than its minimum.
  const gaps = ours.slice(1).map((p, i) => p.at - ours[i]!.at);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(900);
  await sleep(3_000);
  expect(receiver.pushes.filter((p) => p.messageId === messageId)).toHaveLength(5);
});

test('a push that outlives the ack deadline counts as failed and is pushed again as the next attempt', async () => {
  const { receiver, sub } = await setUp(
    (push) => (push.deliveryAttempt === 1 ? { status: 204, afterMs: 30_000 } : 204),
    { ackDeadlineSeconds: 10, retry: { minSeconds: 1, maxSeconds: 1 }, maxDeliveryAttempts: 5 },
  );
  await sub.topic.publishMessage({ data: Buffer.from('slow') });
  const pushes = await eventually(
    async () => receiver.pushes,
    (p) => p.length >= 2,
    30_000,
    'the second attempt',
  );
  expect(pushes.map((p) => p.deliveryAttempt)).toEqual([1, 2]);
  const waited = pushes[1]!.at - pushes[0]!.at;
  expect(waited).toBeGreaterThanOrEqual(10_000);
  expect(waited).toBeLessThan(20_000);
  await sleep(2_000);
  expect(receiver.pushes).toHaveLength(2);
});

test('a paused subscription holds even the retries the engine owes it, and delivers them once resumed', async () => {
  let up = false;
  const { receiver, sub } = await setUp(() => (up ? 204 : 503), { retry: { minSeconds: 1, maxSeconds: 1 } });
  await sub.topic.publishMessage({ data: Buffer.from('held') });
  await eventually(
    async () => receiver.pushes.length,
    (n) => n >= 1,
    20_000,
    'a first attempt',
  );
  await sub.subscription.modifyPushConfig({});
  await sleep(1_000); // the engine sees the change within half a second
  const before = receiver.pushes.length;
  up = true;
  await sleep(4_000);
  expect(receiver.pushes.length).toBe(before);
  await sub.subscription.modifyPushConfig({ pushEndpoint: sub.pushEndpoint });
  await eventually(
    async () => receiver.pushes.at(-1)?.at ?? 0,
    () => receiver.pushes.length > before,
    20_000,
    'the held retry',
  );
});

test('a deleted subscription gets no more pushes, not even the retries that were pending', async () => {
  const { receiver, sub } = await setUp(() => 503, { retry: { minSeconds: 1, maxSeconds: 1 } });
  for (let i = 0; i < 5; i++) await sub.topic.publishMessage({ data: Buffer.from(`gone-${i}`) });
  await eventually(
    async () => receiver.pushes.length,
    (n) => n >= 8,
    20_000,
    'attempts under way',
  );
  await sub.subscription.delete();
  await sleep(1_500); // the engine's listing (every 500 ms) and a push that had already started
  const after = receiver.pushes.length;
  await sleep(4_000);
  expect(receiver.pushes.length).toBe(after);
});
