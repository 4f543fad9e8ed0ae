// A tenant may hold EVENTQ_MAX_QUEUES_PER_TENANT queues; one more is refused
// with 422 ERR_LIMIT_EXCEEDED and leaves nothing behind.
import { leftBehind } from '../support/leftovers';
import { runCli } from '../support/run-cli';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { startTestApi, type TestApi } from '../support/test-api';
import { WebhookReceiver } from '../support/webhook-receiver';

let api: TestApi;
let receiver: WebhookReceiver;

beforeAll(async () => {
  [api, receiver] = await Promise.all([
    startTestApi({ EVENTQ_SINK_ALLOWLIST: '127.0.0.0/8', EVENTQ_MAX_QUEUES_PER_TENANT: '2' }),
    WebhookReceiver.start(),
  ]);
});

afterAll(async () => {
  await Promise.all([api.close(), receiver.close(), closePubsub()]);
});

test('the third queue of a tenant allowed two is refused, and the first two are untouched', async () => {
  const tenant = uniqueName('lim');
  const created = await runCli(['--json', 'tenants', 'create', tenant]);
  expect(created.code).toBe(0);
  const token = JSON.parse(created.stdout).token as string;
  const create = (name: string) =>
    callApi('POST', '/v1/queues', {
      baseUrl: api.url,
      token,
      body: { name, kind: 'push', sink: receiver.url },
    });

  expect((await create('one')).status).toBe(201);
  expect((await create('two')).status).toBe(201);
  const third = await create('three');
  expect(third.status).toBe(422);
  expect(third.body.code).toBe('ERR_LIMIT_EXCEEDED');
  expect(third.body.detail).toMatch(/2 queues/);
  expect(await leftBehind(tenant, 'three')).toEqual([]);
  const list = await callApi('GET', '/v1/queues', { baseUrl: api.url, token });
  expect(list.body.queues.map((q: { name: string }) => q.name)).toEqual(['one', 'two']);
});

test('parallel creates past the limit: exactly the limit succeed, the others get 422 ERR_LIMIT_EXCEEDED', async () => {
  const tenant = uniqueName('par');
  const created = await runCli(['--json', 'tenants', 'create', tenant]);
  expect(created.code).toBe(0);
  const token = JSON.parse(created.stdout).token as string;
  const names = ['p1', 'p2', 'p3', 'p4', 'p5'];
  const answers = await Promise.all(
    names.map((name) =>
      callApi('POST', '/v1/queues', {
        baseUrl: api.url,
        token,
        body: { name, kind: 'push', sink: receiver.url },
      }),
    ),
  );
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses).toEqual([201, 201, 422, 422, 422]);
  for (const refused of answers.filter((a) => a.status === 422)) {
    expect(refused.body).toEqual({
      code: 'ERR_LIMIT_EXCEEDED',
      detail: 'a tenant may hold 2 queues; delete one first',
    });
  }
  const list = await callApi('GET', '/v1/queues', { baseUrl: api.url, token });
  expect(list.body.queues).toHaveLength(2);

  // A delete frees its place at once.
  const kept = list.body.queues[0].name as string;
  expect((await callApi('DELETE', `/v1/queues/${kept}`, { baseUrl: api.url, token })).status).toBe(204);
  const again = await callApi('POST', '/v1/queues', {
    baseUrl: api.url,
    token,
    body: { name: 'p6', kind: 'push', sink: receiver.url },
  });
  expect(again.status).toBe(201);
});
