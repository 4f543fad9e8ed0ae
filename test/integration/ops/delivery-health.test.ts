// dispatch reports a queue's delivery health on the tenant's ops stream: a
// sink failing past the threshold is delivery.failing, its first success after
// that delivery.recovered, and a burst of dead letters a few
// delivery.exhausted whose counts add up to the burst. A dispatch of the
// test's own with small thresholds; real Firestore, Pub/Sub and HTTP sink.
import { randomUUID } from 'node:crypto';
import { eventually } from '../support/queue-events';
import { callApi, closePubsub, stack, uniqueName } from '../support/stack';
import { startTestDispatch, type TestDispatch } from '../support/test-dispatch';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createOpsPullQueue, OpsCollector, type OwnTenant, ownTenant } from './ops-stream';

const EXHAUSTED_WINDOW_SECONDS = 3;
const MAX_ATTEMPTS = 5;

let dispatch: TestDispatch;
let tenant: OwnTenant;
let reader: OpsCollector;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  [dispatch, tenant] = await Promise.all([
    startTestDispatch({
      EVENTQ_FAILING_AFTER_ATTEMPTS: '3',
      EVENTQ_EXHAUSTED_WINDOW_SECONDS: String(EXHAUSTED_WINDOW_SECONDS),
      EVENTQ_QUEUE_CACHE_TTL_MS: '60000',
    }),
    ownTenant(),
  ]);
  reader = OpsCollector.forQueue(tenant.id, await createOpsPullQueue(tenant));
});

afterAll(async () => {
  await reader.stop();
  await dispatch.close();
  await Promise.all([...receivers.map((r) => r.close()), closePubsub()]);
});

async function pushQueue(responder: () => number): Promise<{ name: string; receiver: WebhookReceiver }> {
  const receiver = await WebhookReceiver.start({ responder });
  receivers.push(receiver);
  const name = uniqueName('health');
  const created = await callApi('POST', '/v1/queues', {
    token: tenant.token,
    body: { name, kind: 'push', sink: receiver.url, maxDeliveryAttempts: MAX_ATTEMPTS },
  });
  expect(created.status).toBe(201);
  return { name, receiver };
}

/** Pushes one event to the test's dispatch as Pub/Sub would; resolves to dispatch's status. */
function push(queue: string, options: { deliveryAttempt?: number; id?: string } = {}): Promise<number> {
  const id = options.id ?? randomUUID();
  return dispatch.push({
    subscription: `projects/${stack().projectId}/subscriptions/eventq-${tenant.id}.${queue}`,
    message: {
      messageId: id,
      publishTime: new Date().toISOString(),
      data: Buffer.from('{"n":1}').toString('base64'),
      attributes: {
        'ce-specversion': '1.0',
        'ce-id': id,
        'ce-source': '/tests/health',
        'ce-type': 'DEVICE_FIRST_SEEN',
        'content-type': 'application/json',
      },
    },
    ...(options.deliveryAttempt !== undefined ? { deliveryAttempt: options.deliveryAttempt } : {}),
  });
}

const eventsOf = (queue: string, type: string) =>
  reader.events.filter((e) => e.subject === queue && e.type === `io.eventq.delivery.${type}`);

test('a sink failing past the threshold is reported failing once, and recovered on its first success', async () => {
  let answer = 503;
  const { name } = await pushQueue(() => answer);
  for (let i = 0; i < 6; i++) expect(await push(name, { deliveryAttempt: 1 })).toBe(503);

  const [failing] = await eventually(
    async () => eventsOf(name, 'failing'),
    (events) => events.length > 0,
    30_000,
    'delivery.failing',
  );
  expect(failing).toMatchObject({
    actor: 'eventq',
    source: `/eventq/tenants/${tenant.id}`,
    data: { queue: name, consecutiveFailures: 3, windowPercent: 0, lastError: expect.stringMatching(/503/) },
  });
  const shown = await callApi('GET', `/v1/queues/${name}`, { token: tenant.token });
  expect(failing!.data.since).toBe(shown.body.failingSince);

  answer = 200;
  expect(await push(name)).toBe(204);
  const [recovered] = await eventually(
    async () => eventsOf(name, 'recovered'),
    (events) => events.length > 0,
    30_000,
    'delivery.recovered',
  );
  expect(recovered!.data).toMatchObject({ queue: name, since: failing!.data.since });
  // Six failures and a success: one failing, one recovered, not one a failure.
  // Give a second report, if there were one, the time to arrive.
  await new Promise((r) => setTimeout(r, 2_000));
  expect(eventsOf(name, 'failing')).toHaveLength(1);
  expect(eventsOf(name, 'recovered')).toHaveLength(1);
});

test('200 events dead-lettered in a burst are a few delivery.exhausted whose counts add up to 200', async () => {
  const { name } = await pushQueue(() => 500);
  const ids = Array.from({ length: 200 }, () => randomUUID());
  // Each push is the event's last attempt, so dispatch dead-letters it at once; 20 at a time.
  for (let i = 0; i < ids.length; i += 20) {
    const statuses = await Promise.all(
      ids.slice(i, i + 20).map((id) => push(name, { id, deliveryAttempt: MAX_ATTEMPTS })),
    );
    expect(statuses.every((s) => s === 204)).toBe(true);
  }
  const exhausted = await eventually(
    async () => eventsOf(name, 'exhausted'),
    (events) => events.reduce((sum, e) => sum + Number(e.data.count), 0) >= 200,
    60_000,
    'delivery.exhausted adding up to 200',
  );
  expect(exhausted.reduce((sum, e) => sum + Number(e.data.count), 0)).toBe(200);
  expect(exhausted.length).toBeLessThanOrEqual(8);
  for (const e of exhausted) {
    expect(ids).toContain(e.data.firstEventId);
    expect(ids).toContain(e.data.lastEventId);
    expect(Date.parse(String(e.data.windowEnd)) - Date.parse(String(e.data.windowStart))).toBeLessThanOrEqual(
      EXHAUSTED_WINDOW_SECONDS * 1000,
    );
  }
});
