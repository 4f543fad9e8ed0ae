// Faults of the platform itself, on a stack of this test's own (so that
// killing its processes disturbs no other test): dispatch killed in the middle
// of a stream loses nothing; with Firestore down dispatch answers 5xx (no event
// is taken without delivery: the push engine keeps retrying it) and delivery
// resumes when it is back.
//
// The queue allows 20 attempts, so that Pub/Sub's retries outlast the outages
// rather than dead-letter the events (that path has its own test).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PubSub } from '@google-cloud/pubsub';
import { type RunningStack, startStack } from '../../../emulator/start-stack';
import { WebhookReceiver } from '../support/webhook-receiver';

const TENANT = 'faults';
let stack: RunningStack;
let client: PubSub;
let receiver: WebhookReceiver;
let queue: string;

async function api(
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${stack.info.apiUrl}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${stack.info.tenants[0]!.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function publish(id: string): Promise<void> {
  await client.topic(`eventq-${TENANT}`).publishMessage({
    data: Buffer.from(JSON.stringify({ id })),
    attributes: {
      'ce-specversion': '1.0',
      'ce-id': id,
      'ce-source': '/faults',
      'ce-type': 'DEVICE_FIRST_SEEN',
      'content-type': 'application/json',
    },
  });
}

const arrived = (id: string) => receiver.accepted().some((d) => d.headers['ce-id'] === id);

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eventq-faults-'));
  // The shared stack's global setup pointed this process's clients at its emulators; this stack sets its own.
  stack = await startStack({
    tenants: [{ id: TENANT }],
    stackFile: path.join(dir, 'stack.json'),
    logDir: path.join(dir, 'logs'),
  });
  const { PubSub: PubSubClass } = require('@google-cloud/pubsub') as typeof import('@google-cloud/pubsub');
  // startStack pointed PUBSUB_EMULATOR_HOST at this stack's emulator.
  client = new PubSubClass({ projectId: stack.info.projectId });
  receiver = await WebhookReceiver.start();
  queue = 'stream';
  const created = await api('POST', '/v1/queues', {
    name: queue,
    kind: 'push',
    sink: receiver.url,
    maxDeliveryAttempts: 20,
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await client?.close();
  await receiver?.close();
  await stack?.stop();
});

test('dispatch killed in the middle of a stream and started again: every event arrives', async () => {
  const ids = Array.from({ length: 40 }, (_, i) => `stream-${i}`);
  for (const id of ids.slice(0, 20)) await publish(id);
  await stack.stopProcess('dispatch');
  for (const id of ids.slice(20)) await publish(id);
  await stack.startProcess('dispatch');
  await receiver.waitUntil(() => ids.every(arrived), 60_000, 'all 40 events after the restart');
  const distinct = new Set(receiver.accepted().map((d) => String(d.headers['ce-id'])));
  expect(ids.filter((id) => !distinct.has(id))).toEqual([]);
});

test('with Firestore down dispatch answers 503 and delivers nothing; when it is back delivery resumes', async () => {
  const docUrl = `http://${stack.info.firestoreEmulatorHost}/v1/projects/${stack.info.projectId}/databases/(default)/documents/tenants/${TENANT}/queues/${queue}`;
  const saved = (await (await fetch(docUrl, { headers: { authorization: 'Bearer owner' } })).json()) as {
    fields: unknown;
  };
  const subscription = `projects/${stack.info.projectId}/subscriptions/eventq-${TENANT}.${queue}`;
  const envelope = (id: string) => ({
    subscription,
    message: {
      messageId: `direct-${id}`,
      data: Buffer.from('{}').toString('base64'),
      attributes: {
        'ce-specversion': '1.0',
        'ce-id': id,
        'ce-source': '/faults',
        'ce-type': 'DEVICE_FIRST_SEEN',
      },
    },
  });
  // Through the relay, as the emulator pushes: the relay takes it (204) and
  // its push engine owns the delivery from then on, retrying until dispatch
  // answers 2xx. What dispatch answered shows in what the engine still holds.
  const push = async (id: string) =>
    (
      await fetch(`${stack.info.relayUrl}/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(envelope(id)),
      })
    ).status;
  const held = () => stack.relay.engine.held()[subscription] ?? 0;

  await stack.stopProcess('firestore');
  await new Promise((resolve) => setTimeout(resolve, 1_500)); // past dispatch's queue cache TTL
  expect(await push('while-down')).toBe(204);
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // attempts, each refused with 503
  expect(held()).toBeGreaterThanOrEqual(1);
  expect(arrived('while-down')).toBe(false);

  await publish('published-while-down');
  await stack.startProcess('firestore');
  // The emulator restarts empty: put the queue definition back, as an operator would restore it.
  const restored = await fetch(docUrl, {
    method: 'PATCH',
    headers: { authorization: 'Bearer owner', 'content-type': 'application/json' },
    body: JSON.stringify({ fields: saved.fields }),
  });
  expect(restored.status).toBe(200);

  expect(await push('after-restore')).toBe(204);
  await receiver.waitUntil(
    () => ['while-down', 'published-while-down', 'after-restore'].every(arrived),
    40_000,
    'the events pushed and published while Firestore was down, and after',
  );
  // dispatch answers the engine once the sink has answered it: the engine lets go a moment after.
  for (let i = 0; held() > 0 && i < 40; i++) await new Promise((resolve) => setTimeout(resolve, 250));
  expect(held()).toBe(0);
});
