// Every route with a request schema has its body checked against it by the
// api, before the handler runs: the table walks the route table, so a route
// added later with a schema is covered (or this test fails until it is).
// Each case sends a body the handler would take but the schema refuses (an
// unknown member: every request schema is closed), then the same body
// without it, which must succeed: so the 422 is the schema's alone.
import { routes } from '../../../functions/src/api/route-table';
import { schemas } from '../../../functions/src/api/schemas/api-schemas';
import { leftBehind } from '../support/leftovers';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
let queue: string;
const created: string[] = [];

const sampleEvent = { specversion: '1.0', id: '1', source: '/s', type: 'DEVICE_FIRST_SEEN' };

/** A body each route with a request schema accepts; `name` is a fresh queue name. */
const validBodies: Record<string, (name: string) => Record<string, unknown>> = {
  'POST /v1/queues': (name) => ({ name, kind: 'pull' }),
  'PATCH /v1/queues/{name}': () => ({ status: 'active' }),
  'POST /v1/queues/{name}:rotate-secret': () => ({ graceSeconds: 0 }),
  'POST /v1/queues/{name}:replay': () => ({ since: new Date(Date.now() - 60_000).toISOString() }),
  'POST /v1/filters:test': () => ({ filters: [{ sql: 'EXISTS id' }], event: sampleEvent }),
  'POST /v1/events:route': () => ({ event: sampleEvent }),
  'POST /v1/queues/{name}/events:resend': () => ({ status: 'dead-lettered' }),
  'POST /v1/portal-sessions': () => ({ access: 'read', ttlSeconds: 60 }),
  'POST /subscriptions': (name) => ({ id: name, protocol: 'HTTP', sink: receiver.url }),
  'PUT /subscriptions/{id}': () => ({ id: queue, protocol: 'HTTP', sink: receiver.url }),
};

const withSchema = routes.filter((r) => r.request !== undefined);
const cases: Array<[string, string, string]> = withSchema.map((r) => [r.method, r.path, r.request!]);

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  queue = uniqueName('schemas');
  const answer = await callApi('POST', '/v1/queues', {
    body: { name: queue, kind: 'push', sink: receiver.url },
  });
  expect(answer.status).toBe(201);
  created.push(queue);
});

afterAll(async () => {
  await Promise.all(created.map((name) => callApi('DELETE', `/v1/queues/${name}`)));
  await Promise.all([receiver.close(), closePubsub()]);
});

test('every route with a request schema has a case here, and every case a route with a schema', () => {
  expect(withSchema.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(validBodies).sort());
});

test.each(cases)('every request schema of %s %s (%s) is closed to unknown members', (_m, _p, schema) => {
  expect(schemas[schema as keyof typeof schemas]).toMatchObject({ additionalProperties: false });
});

test.each(cases)(
  '%s %s refuses with 422 (the Subscriptions API: 400) a body that only its schema (%s) refuses, and takes it without the unknown member',
  async (method, path, _schema) => {
    const name = uniqueName('schema-new');
    const url = path.replace('{name}', queue).replace('{id}', queue);
    const body = validBodies[`${method} ${path}`]!(name);

    const refused = await callApi(method, url, { body: { ...body, eventqUnknownMember: true } });
    // The Subscriptions API answers a refused body with its document's 400.
    expect(refused.status).toBe(path.startsWith('/subscriptions') ? 400 : 422);
    expect(refused.body).toEqual({ code: 'ERR_VALIDATION', detail: 'eventqUnknownMember: unknown field' });
    if (path === '/v1/queues') expect(await leftBehind('acme', name)).toEqual([]);

    const accepted = await callApi(method, url, { body });
    expect([200, 201, 202]).toContain(accepted.status);
    if (accepted.status === 201) created.push(name);
  },
);

test('rotate-secret takes no body at all, as before it had a schema, and refuses a body that is not an object', async () => {
  const none = await callApi('POST', `/v1/queues/${queue}:rotate-secret`);
  expect(none.status).toBe(200);
  expect(none.body.secret).toMatch(/^whsec_/);
  const notObject = await callApi('POST', `/v1/queues/${queue}:rotate-secret`, { body: [60] });
  expect(notObject.status).toBe(422);
  expect(notObject.body).toEqual({ code: 'ERR_VALIDATION', detail: 'body: must be a JSON object' });
  const tooLong = await callApi('POST', `/v1/queues/${queue}:rotate-secret`, {
    body: { graceSeconds: 604_801 },
  });
  expect(tooLong.status).toBe(422);
  expect(tooLong.body.detail).toMatch(/^graceSeconds: /);
});

test('/openapi.json documents the body of rotate-secret, optional, with its schema', async () => {
  const doc = await callApi('GET', '/openapi.json', { token: null });
  const operation = doc.body.paths['/v1/queues/{name}:rotate-secret'].post;
  expect(operation.requestBody).toEqual({
    required: false,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/RotateSecret' } } },
  });
  expect(doc.body.components.schemas.RotateSecret.properties.graceSeconds).toMatchObject({
    type: 'integer',
    minimum: 0,
    maximum: 604_800,
  });
});

test('a route without a body ignores one sent anyway, as it always has', async () => {
  const answer = await callApi('POST', `/v1/queues/${queue}:redrive`, {
    body: { eventqUnknownMember: true },
  });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ redriven: 0 });
});
