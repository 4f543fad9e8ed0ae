// Two tenants: every route tried with the other tenant's token and with
// guessed names. Nothing crosses, and the answers do not reveal whether a
// queue of that name exists.
import { Webhook } from 'standardwebhooks';
import { routes } from '../../../functions/src/api/route-table';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
let acmeQueue: string;
let secret: string;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  acmeQueue = uniqueName('acme-only');
  const created = await callApi('POST', '/v1/queues', {
    tenant: 'acme',
    body: { name: acmeQueue, kind: 'push', sink: receiver.url },
  });
  expect(created.status).toBe(201);
  secret = created.body.secret;
});

afterAll(async () => {
  await Promise.all([receiver.close(), closePubsub()]);
});

// Every route of the route table that names a queue, so that routes added later are covered too.
// Every row has a body (undefined for none): a shorter row would make jest pass `done` as the third argument.
const bodies: Record<string, unknown> = {
  'PATCH /v1/queues/{name}': { status: 'paused' },
  'POST /v1/queues/{name}:replay': { since: new Date(Date.now() - 60_000).toISOString() },
};
const queueRoutes: Array<[string, string, unknown]> = routes
  .filter((r) => r.path.includes('{name}'))
  .map((r) => [r.method, r.path, bodies[`${r.method} ${r.path}`]]);

test('the route table has the queue routes this test walks through', () => {
  expect(queueRoutes.length).toBeGreaterThanOrEqual(5);
});

test.each(queueRoutes)(
  "%s %s with globex's token on acme's queue answers exactly as for a queue that does not exist",
  async (method, path, body) => {
    const onAcmes = await callApi(method, path.replace('{name}', acmeQueue), { tenant: 'globex', body });
    const onNothing = await callApi(method, path.replace('{name}', uniqueName('never')), {
      tenant: 'globex',
      body,
    });
    expect(onAcmes.status).toBe(404);
    expect(onNothing.status).toBe(404);
    expect(onAcmes.body.code).toBe(onNothing.body.code);
    expect(onAcmes.body.detail.replace(acmeQueue, 'NAME')).toBe(
      onNothing.body.detail.replace(/q?never-[0-9a-f]+/, 'NAME'),
    );
  },
);

test("globex's list does not show acme's queues, and acme's queue is unchanged and still delivers", async () => {
  const list = await callApi('GET', '/v1/queues', { tenant: 'globex' });
  expect(list.status).toBe(200);
  expect(list.body.queues.map((q: { name: string }) => q.name)).not.toContain(acmeQueue);

  const acme = await callApi('GET', `/v1/queues/${acmeQueue}`, { tenant: 'acme' });
  expect(acme.body.status).toBe('active');
  expect(acme.body.tenant).toBe('acme');

  const attributes = binaryAttributes();
  await publishRaw('acme', { data: '{}', attributes });
  const [delivery] = await receiver.waitForAccepted(1);
  // The secret was not rotated by globex's attempt: the original one still verifies.
  const headers = Object.fromEntries(Object.entries(delivery!.headers).map(([k, v]) => [k, String(v)]));
  expect(() =>
    new Webhook(secret).verify(delivery!.body.toString(), headers, { jsonParse: false }),
  ).not.toThrow();
});

test("a queue of the same name in two tenants is two queues: globex's events do not reach acme's sink", async () => {
  const globexReceiver = await WebhookReceiver.start();
  try {
    const created = await callApi('POST', '/v1/queues', {
      tenant: 'globex',
      body: { name: acmeQueue, kind: 'push', sink: globexReceiver.url },
    });
    expect(created.status).toBe(201);
    const attributes = binaryAttributes({ 'ce-source': '/globex' });
    await publishRaw('globex', { data: '{"from":"globex"}', attributes });
    await globexReceiver.waitUntil((r) =>
      r.accepted().some((d) => d.headers['ce-id'] === attributes['ce-id']),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.some((d) => d.headers['ce-id'] === attributes['ce-id'])).toBe(false);
  } finally {
    await globexReceiver.close();
  }
});
