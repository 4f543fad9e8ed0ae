import { SubscriptionDeliverer } from '../../../../emulator/push-engine/subscription-deliverer';
import { FakeDeliveryPorts, message, SETTINGS, settle } from './fake-delivery-ports';

const OK = { ok: true } as const;
const FAIL = { ok: false, error: 'endpoint answered 503' } as const;

function setUp(settings = SETTINGS) {
  const ports = new FakeDeliveryPorts();
  const deliverer = new SubscriptionDeliverer(settings, ports);
  return { ports, deliverer };
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

async function answerAll(ports: FakeDeliveryPorts, outcome: typeof OK | typeof FAIL): Promise<void> {
  for (const push of ports.open()) await push.answer(outcome);
}

test('pushes several messages at once, and more as successes widen the window', async () => {
  const { ports, deliverer } = setUp();
  for (let i = 0; i < 30; i++) deliverer.accept(message(`m${i}`));
  expect(ports.open()).toHaveLength(4);
  await answerAll(ports, OK);
  expect(ports.open()).toHaveLength(8);
  await answerAll(ports, OK);
  expect(ports.open()).toHaveLength(16);
  await answerAll(ports, OK);
  expect(ports.open()).toHaveLength(2);
  await answerAll(ports, OK);
  expect(deliverer.size).toBe(0);
});

test('never has more than 32 pushes outstanding', async () => {
  const { ports, deliverer } = setUp();
  for (let i = 0; i < 500; i++) deliverer.accept(message(`m${i}`));
  let most = 0;
  while (ports.open().length > 0) {
    most = Math.max(most, ports.open().length);
    await answerAll(ports, OK);
  }
  expect(most).toBe(32);
  expect(ports.pushes).toHaveLength(500);
});

test('numbers the attempts 1..N and forwards the message to the dead-letter topic after the Nth', async () => {
  const { ports, deliverer } = setUp();
  deliverer.accept(message('m'));
  for (let attempt = 1; attempt <= 5; attempt++) {
    expect(ports.open().map((p) => p.deliveryAttempt)).toEqual([attempt]);
    await answerAll(ports, FAIL);
    await ports.advance(60_000);
  }
  expect(ports.pushes).toHaveLength(5);
  expect(ports.deadLetters).toEqual([{ messageId: 'm', count: 5 }]);
  expect(deliverer.size).toBe(0);
});

test('sends no deliveryAttempt and never dead-letters without a dead-letter policy', async () => {
  const { ports, deliverer } = setUp({ ...SETTINGS, deadLetterPolicy: undefined });
  deliverer.accept(message('m'));
  for (let i = 0; i < 8; i++) {
    expect(ports.open().map((p) => p.deliveryAttempt)).toEqual([undefined]);
    await answerAll(ports, FAIL);
    await ports.advance(60_000);
  }
  expect(ports.deadLetters).toEqual([]);
});

test('retries a failed message after exponential backoff between the minimum and the maximum', async () => {
  const { ports, deliverer } = setUp({ ...SETTINGS, deadLetterPolicy: undefined });
  ports.autoAnswer = FAIL;
  deliverer.accept(message('m'));
  await ports.advance(60_000);
  expect(gaps(ports.pushes.map((p) => p.at)).slice(0, 7)).toEqual([
    1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000,
  ]);
});

test('push backoff slows pushes to a failing endpoint but never stops them, and ends at the first success', async () => {
  const { ports, deliverer } = setUp({ ...SETTINGS, retryPolicy: undefined, deadLetterPolicy: undefined });
  ports.autoAnswer = FAIL;
  for (let i = 0; i < 100; i++) deliverer.accept(message(`m${i}`));
  await ports.advance(400_000);
  // The first window (4 pushes) fails at one moment: one backoff step, then one push per opening.
  expect(gaps(ports.pushes.slice(3).map((p) => p.at)).slice(0, 12)).toEqual([
    100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800, 25_600, 51_200, 60_000, 60_000,
  ]);
  ports.autoAnswer = undefined;
  await ports.advance(60_000);
  await answerAll(ports, OK);
  expect(ports.open().length).toBe(2); // at once, wider: the backoff has ended
});

test('an ordered subscription has one push outstanding, and retries its head before the next', async () => {
  const { ports, deliverer } = setUp({ ...SETTINGS, ordered: true });
  for (const id of ['a', 'b', 'c']) deliverer.accept(message(id));
  const delivered: string[] = [];
  let n = 0;
  while (deliverer.size > 0) {
    const open = ports.open();
    expect(open).toHaveLength(1);
    const outcome = n++ % 2 === 0 ? FAIL : OK;
    if (outcome.ok) delivered.push(open[0]!.messageId);
    await open[0]!.answer(outcome);
    await ports.advance(10_000);
  }
  expect(delivered).toEqual(['a', 'b', 'c']);
});

test('a paused subscription keeps its messages and pushes nothing; resuming pushes them', async () => {
  const { ports, deliverer } = setUp();
  ports.ours = false;
  deliverer.accept(message('a'));
  deliverer.accept(message('b'));
  await ports.advance(60_000);
  expect(ports.pushes).toHaveLength(0);
  ports.ours = true;
  deliverer.update(SETTINGS);
  expect(ports.open().map((p) => p.messageId)).toEqual(['a', 'b']);
});

test('a closed (deleted) subscription pushes nothing more, pending retries included', async () => {
  const { ports, deliverer } = setUp();
  deliverer.accept(message('a'));
  await answerAll(ports, FAIL);
  deliverer.close();
  await ports.advance(600_000);
  deliverer.accept(message('b'));
  await settle();
  expect(ports.pushes).toHaveLength(1);
});

test('a message pushed again while held is not delivered twice', async () => {
  const { ports, deliverer } = setUp();
  deliverer.accept(message('a'));
  deliverer.accept(message('a'));
  expect(ports.pushes).toHaveLength(1);
});
