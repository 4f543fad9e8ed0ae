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
