// A dependency that is down is one answer on every route: 503 ERR_UNAVAILABLE
// with a detail in eventq's words, within the adapter's deadline. Each api
// here is a process of the test's own whose Pub/Sub or Firestore points at a
// port nobody listens on; the queues were made through the stack's api.
import { freePort } from '../../../emulator/free-port';
import { routes } from '../../../functions/src/api/route-table';
import { queueDocumentExists, subscriptionExists } from '../support/leftovers';
import { callApi, closePubsub, pubsub, uniqueName } from '../support/stack';
import { startTestApi, type TestApi } from '../support/test-api';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
let noPubsub: TestApi;
let noFirestore: TestApi;
const queues: Record<string, string> = {};

/** The Pub/Sub routes, each on a queue of its own (DELETE removes the definition before Pub/Sub fails). */
const pubsubCases: Array<[string, string, unknown]> = [
  ['POST', ':replay', { since: new Date(Date.now() - 60_000).toISOString() }],
  ['PATCH', '', { status: 'paused' }],
  ['DELETE', '', undefined],
  ['POST', ':redrive', undefined],
];

beforeAll(async () => {
  const [pubsubPort, firestorePort] = await Promise.all([freePort(), freePort()]);
  [receiver, noPubsub, noFirestore] = await Promise.all([
    WebhookReceiver.start(),
    startTestApi({ PUBSUB_EMULATOR_HOST: `127.0.0.1:${pubsubPort}` }),
    startTestApi({ FIRESTORE_EMULATOR_HOST: `127.0.0.1:${firestorePort}` }),
  ]);
  for (const [method, suffix] of pubsubCases) {
    const name = uniqueName('down');
    const answer = await callApi('POST', '/v1/queues', { body: { name, kind: 'push', sink: receiver.url } });
    expect(answer.status).toBe(201);
    queues[`${method}${suffix}`] = name;
  }
});

afterAll(async () => {
  await Promise.all(Object.values(queues).map((name) => callApi('DELETE', `/v1/queues/${name}`)));
  // The DELETE that met a dead Pub/Sub left its subscription behind.
  await Promise.all(
    Object.values(queues).map((name) =>
      pubsub()
        .subscription(`eventq-acme.${name}`)
        .delete()
        .catch(() => undefined),
    ),
  );
  await Promise.all([receiver.close(), noPubsub.close(), noFirestore.close(), closePubsub()]);
});

test.each(pubsubCases)(
  '%s /v1/queues/{name}%s with Pub/Sub down answers 503 ERR_UNAVAILABLE naming Pub/Sub, no raw message',
  async (method, suffix, body) => {
    const name = queues[`${method}${suffix}`]!;
    const started = Date.now();
    const answer = await callApi(method, `/v1/queues/${name}${suffix}`, { baseUrl: noPubsub.url, body });
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('ERR_UNAVAILABLE');
    expect(answer.body.detail).toMatch(/^Pub\/Sub is unavailable \(.+\)$/);
    expect(Date.now() - started).toBeLessThan(35_000);
  },
);

test('a pause that met a dead Pub/Sub changed nothing: the queue is still active and pushing', async () => {
  const name = queues.PATCH!;
  expect((await callApi('GET', `/v1/queues/${name}`)).body.status).toBe('active');
  const [metadata] = await pubsub().subscription(`eventq-acme.${name}`).getMetadata();
  expect(metadata.pushConfig?.pushEndpoint).toBeTruthy();
});

test('a DELETE that met a dead Pub/Sub removed the definition, and says Pub/Sub failed', async () => {
  const name = queues.DELETE!;
  expect(await queueDocumentExists('acme', name)).toBe(false);
  expect(await subscriptionExists('acme', name)).toBe(true);
});

test('creating a queue with Pub/Sub down answers 503 and leaves no definition', async () => {
  const name = uniqueName('down-new');
  const answer = await callApi('POST', '/v1/queues', {
    baseUrl: noPubsub.url,
    body: { name, kind: 'pull' },
  });
  expect(answer.status).toBe(503);
  expect(answer.body).toEqual({
    code: 'ERR_UNAVAILABLE',
    detail: 'could not create the queue subscription; nothing was created',
  });
  expect(await queueDocumentExists('acme', name)).toBe(false);
});

// Every route: the tenant token is looked up in Firestore before any route runs.
const everyRoute: Array<[string, string]> = routes.map((r) => [r.method, r.path]);

test.concurrent.each(everyRoute)(
  '%s %s with Firestore down answers 503 ERR_UNAVAILABLE naming the store',
  async (method, path) => {
    const answer = await callApi(method, path.replace('{name}', 'anything'), { baseUrl: noFirestore.url });
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      code: 'ERR_UNAVAILABLE',
      detail: 'the queue store is unavailable (read token)',
    });
  },
);
