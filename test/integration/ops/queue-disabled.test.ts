// A sink answering 410 makes eventq disable its queue and say so on the
// tenant's ops stream, read by ordinary queues with "stream": "ops" (pull
// here, push too), and on the operator's topic; one tenant's ops queue never
// sees another tenant's events. Real pushes through the stack's push engine
// and dispatch, real Pub/Sub topics.
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { eventually } from '../support/queue-events';
import { runCli } from '../support/run-cli';
import { callApi, closePubsub, stack, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createOpsPullQueue, OpsCollector, type OwnTenant, ownTenant } from './ops-stream';

const receivers: WebhookReceiver[] = [];
const collectors: OpsCollector[] = [];
let operator: OpsCollector;

beforeAll(async () => {
  operator = await OpsCollector.forOperator();
});

afterAll(async () => {
  await Promise.all(collectors.map((c) => c.stop()));
  await operator.stop({ delete: true });
  await Promise.all([...receivers.map((r) => r.close()), closePubsub()]);
});

/** A push queue whose sink answers 410 to its first event. */
async function goneQueue(tenant: OwnTenant): Promise<string> {
  const receiver = await WebhookReceiver.start({ responder: () => 410 });
  receivers.push(receiver);
  const name = uniqueName('gone');
  const created = await callApi('POST', '/v1/queues', {
    token: tenant.token,
    body: { name, kind: 'push', sink: receiver.url },
  });
  expect(created.status).toBe(201);
  await publishRaw(tenant.id, {
    data: '{"n":1}',
    attributes: binaryAttributes({ 'ce-source': `/tests/${name}` }),
  });
  return name;
}

test('queue.disabled reaches the tenant ops queue, push or pull, and the operator topic; never another tenant', async () => {
  const [acme, globex] = await Promise.all([ownTenant(), ownTenant()]);
  const [acmeOps, globexOps] = await Promise.all([createOpsPullQueue(acme), createOpsPullQueue(globex)]);
  const opsSink = await WebhookReceiver.start();
  receivers.push(opsSink);
  const pushOps = uniqueName('ops-push');
  const pushCreated = await callApi('POST', '/v1/queues', {
    token: acme.token,
    body: {
      name: pushOps,
      kind: 'push',
      sink: opsSink.url,
      stream: 'ops',
      types: ['io.eventq.queue.disabled'],
    },
  });
  expect(pushCreated.status).toBe(201);
  expect(pushCreated.body.stream).toBe('ops');
  const acmeReader = OpsCollector.forQueue(acme.id, acmeOps);
  const globexReader = OpsCollector.forQueue(globex.id, globexOps);
  collectors.push(acmeReader, globexReader);

  const [acmeGone, globexGone] = await Promise.all([goneQueue(acme), goneQueue(globex)]);

  await eventually(
    async () => acmeReader.events.filter((e) => e.type === 'io.eventq.queue.disabled'),
    (events) => events.length > 0,
    60_000,
    "acme's queue.disabled on its ops queue",
  );
  const [disabled] = acmeReader.events.filter((e) => e.type === 'io.eventq.queue.disabled');
  expect(disabled).toMatchObject({
    source: `/eventq/tenants/${acme.id}`,
    subject: acmeGone,
    actor: 'eventq',
    orderingKey: acmeGone,
    data: { queue: acmeGone, status: 410 },
  });
  expect(String(disabled!.data.reason)).toMatch(/410 Gone/);
  // What it reports has happened: the definition says disabled.
  const shown = await callApi('GET', `/v1/queues/${acmeGone}`, { token: acme.token });
  expect(shown.body.status).toBe('disabled');

  // The push queue on the ops stream delivers it as any queue delivers an event.
  await opsSink.waitUntil(
    (r) =>
      r
        .accepted()
        .some(
          (d) => d.headers['ce-type'] === 'io.eventq.queue.disabled' && d.headers['ce-subject'] === acmeGone,
        ),
    60_000,
    'queue.disabled pushed to the ops sink',
  );

  await eventually(
    async () => globexReader.events.filter((e) => e.type === 'io.eventq.queue.disabled'),
    (events) => events.length > 0,
    60_000,
    "globex's queue.disabled on its ops queue",
  );
  expect(globexReader.events.every((e) => e.source === `/eventq/tenants/${globex.id}`)).toBe(true);
  expect(acmeReader.events.every((e) => e.source === `/eventq/tenants/${acme.id}`)).toBe(true);
  expect(globexReader.events.map((e) => e.subject)).not.toContain(acmeGone);

  // The operator sees both tenants' events.
  await eventually(
    async () => [operator.of(acme.id), operator.of(globex.id)],
    ([a, g]) =>
      a!.some((e) => e.subject === acmeGone && e.type === 'io.eventq.queue.disabled') &&
      g!.some((e) => e.subject === globexGone && e.type === 'io.eventq.queue.disabled'),
    60_000,
    'both disables on the operator topic',
  );
});

test('a queue shows its stream, and PATCH cannot change it', async () => {
  const tenant = await ownTenant();
  const ops = await createOpsPullQueue(tenant);
  const shown = await callApi('GET', `/v1/queues/${ops}`, { token: tenant.token });
  expect(shown.body).toMatchObject({ stream: 'ops', ordered: true });
  expect(shown.body.subscription).toBe(
    `projects/${shown.body.subscription.split('/')[1]}/subscriptions/eventq-${tenant.id}.${ops}`,
  );
  const patched = await callApi('PATCH', `/v1/queues/${ops}`, {
    token: tenant.token,
    body: { stream: 'events' },
  });
  expect(patched.status).toBe(422);
  expect(patched.body).toMatchObject({ code: 'ERR_VALIDATION', detail: expect.stringMatching(/stream/) });
  const refused = await callApi('POST', '/v1/queues', {
    token: tenant.token,
    body: { name: uniqueName('x'), kind: 'pull', stream: 'audit' },
  });
  expect(refused.status).toBe(422);
  const plain = await callApi('POST', '/v1/queues', {
    token: tenant.token,
    body: { name: uniqueName('plain'), kind: 'pull' },
  });
  expect(plain.body.stream).toBe('events');
});

test('eventq queues mk-pull --stream ops makes an ops queue, and event-types lists the operational types', async () => {
  const tenant = await ownTenant();
  const env = { EVENTQ_API_URL: stack().apiUrl, EVENTQ_TOKEN: tenant.token };
  const name = uniqueName('cli-ops');
  const file = `${process.env.EVENTQ_TEST_LOG_DIR ?? '/tmp'}/${name}.json`;
  const made = await runCli(['--json', 'queues', 'mk-pull', name, file, '--stream', 'ops'], env);
  expect(made.code).toBe(0);
  expect(JSON.parse(made.stdout)).toMatchObject({ name, stream: 'ops' });
  await callApi('DELETE', `/v1/queues/${name}`, { token: tenant.token });
  const refused = await runCli(['queues', 'mk-pull', uniqueName('x'), file, '--stream', 'audit'], env);
  expect(refused.code).not.toBe(0);
  const types = await runCli(['event-types'], env);
  expect(types.stdout).toMatch(/io\.eventq\.delivery\.exhausted\s+operational/);
});
