// A message that is not a valid CloudEvent can never be delivered: it is not
// delivered, not retried forever, and not dropped — dispatch keeps it in the
// tenant's dead letters (subscription eventq-<tenant>-dead) with the reason.

import { collectDeadLetters } from '../support/dead-letters';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

const TENANT = 'globex';
let receiver: WebhookReceiver;
let queueName: string;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  queueName = uniqueName('invalid');
  const created = await callApi('POST', '/v1/queues', {
    tenant: TENANT,
    body: { name: queueName, kind: 'push', sink: receiver.url },
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

const cases: Array<[string, Record<string, string | undefined>, RegExp]> = [
  ['id missing', { 'ce-id': undefined }, /"id"/],
  ['source missing', { 'ce-source': undefined }, /"source"/],
  ['type missing', { 'ce-type': undefined }, /"type"/],
  ['specversion missing', { 'ce-specversion': undefined }, /"specversion"/],
  ['specversion 0.3', { 'ce-specversion': '0.3' }, /specversion/],
  ['an attribute name with uppercase and underscore', { 'ce-Bad_Name': 'x' }, /Bad_Name/],
  ['a time that is not RFC 3339', { 'ce-time': 'yesterday at noon' }, /time/],
];

test('every invalid event is kept once in the dead letters with its reason, and none is delivered', async () => {
  const marker = uniqueName('marker');
  const published = new Map<string, RegExp>();
  for (const [what, overrides, reason] of cases) {
    const attributes = binaryAttributes({
      ...overrides,
      'eventq-test-marker': marker,
      'eventq-test-case': what,
    });
    await publishRaw(TENANT, { data: '{"ok":false}', attributes });
    published.set(what, reason);
  }
  // A valid event after them proves the queue still delivers.
  const valid = binaryAttributes();
  await publishRaw(TENANT, { data: '{}', attributes: valid });
  await receiver.waitUntil((r) => r.accepted().some((d) => d.headers['ce-id'] === valid['ce-id']));

  const ours = (l: { attributes: Record<string, string> }) =>
    l.attributes['eventq-test-marker'] === marker && l.attributes['eventq-queue'] === queueName;
  const letters = await collectDeadLetters(TENANT, ours, (c) => c.length >= cases.length);

  for (const [what, reason] of published) {
    const letter = letters.find((l) => l.attributes['eventq-test-case'] === what);
    expect(letter).toBeDefined();
    expect(letter!.attributes['eventq-dead-reason']).toMatch(reason);
    expect(letter!.data.toString()).toBe('{"ok":false}');
    expect(letter!.attributes['eventq-source-subscription']).toMatch(
      new RegExp(`eventq-${TENANT}\\.${queueName}$`),
    );
  }
  expect(letters).toHaveLength(cases.length);
  // Not retried: for longer than Pub/Sub's retry backoff (1-10 s locally), no second copy arrives.
  const again = await collectDeadLetters(TENANT, ours, () => false, 12_000, { atTimeout: 'resolve' });
  expect(again.map((l) => l.attributes['eventq-test-case'])).toEqual([]);
  expect(receiver.received.filter((d) => d.body.toString() === '{"ok":false}')).toHaveLength(0);
});
