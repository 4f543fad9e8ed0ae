// With Firestore stopped (to an api of the test's own, behind a relay the
// test cuts), an API call that needs an audit entry fails with 503
// ERR_UNAVAILABLE and changes nothing: no queue, no subscription, no entry.
import { queueSubscriptionId } from '../../../functions/src/tenancy/resource-names';
import { callApi, closePubsub, pubsub, stack, uniqueName } from '../support/stack';
import { startTestApi, type TestApi } from '../support/test-api';
import { WebhookReceiver } from '../support/webhook-receiver';
import { type TcpCut, tcpCut } from './tcp-cut';

jest.setTimeout(90_000);

let relay: TcpCut;
let api: TestApi;
let receiver: WebhookReceiver;

beforeAll(async () => {
  relay = await tcpCut(stack().firestoreEmulatorHost);
  receiver = await WebhookReceiver.start();
  api = await startTestApi({ FIRESTORE_EMULATOR_HOST: relay.host, EVENTQ_SINK_ALLOWLIST: '127.0.0.0/8' });
});

afterAll(async () => {
  await Promise.all([api?.close(), receiver?.close(), relay?.close(), closePubsub()]);
});

test('Firestore stopped: creating and pausing queues fail with 503 and change nothing', async () => {
  const kept = uniqueName('down-kept');
  const refused = uniqueName('down-new');
  const create = (name: string) =>
    callApi('POST', '/v1/queues', { baseUrl: api.url, body: { name, kind: 'push', sink: receiver.url } });
  expect((await create(kept)).status).toBe(201);

  await relay.cut();
  const created = await create(refused);
  expect(created.status).toBe(503);
  expect(created.body.code).toBe('ERR_UNAVAILABLE');
  const paused = await callApi('PATCH', `/v1/queues/${kept}`, {
    baseUrl: api.url,
    body: { status: 'paused' },
  });
  expect(paused.status).toBe(503);
  await relay.restore();

  // Read through the shared stack, whose Firestore never stopped.
  expect((await callApi('GET', `/v1/queues/${refused}`)).status).toBe(404);
  expect((await callApi('GET', `/v1/queues/${kept}`)).body.status).toBe('active');
  const [exists] = await pubsub().subscription(queueSubscriptionId('acme', refused)).exists();
  expect(exists).toBe(false);
  expect((await callApi('GET', `/v1/audit?resource=${refused}`)).body.entries).toEqual([]);
  const keptTrail = (await callApi('GET', `/v1/audit?resource=${kept}`)).body.entries as { type: string }[];
  expect(keptTrail.map((e) => e.type)).toEqual(['queue.created', 'queue.created']);
  expect((await callApi('DELETE', `/v1/queues/${kept}`)).status).toBe(204);
});
