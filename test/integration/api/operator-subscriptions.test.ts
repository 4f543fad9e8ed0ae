// The api never deletes or takes over a subscription it did not create: a
// queue name whose subscription exists without the api's label is the
// operator's (Terraform's static queues) and gets 409; one with the label is a
// half-deleted queue's leftover, removed so that a retry succeeds.
import { MANAGED_BY_API, MANAGED_BY_LABEL } from '../../../functions/src/pubsub/queue-subscriptions';
import { queueSubscriptionId, topicId } from '../../../functions/src/tenancy/resource-names';
import { callApi, closePubsub, pubsub, uniqueName } from '../support/stack';

afterAll(async () => {
  await closePubsub();
});

async function subscriptionOf(name: string, labels: Record<string, string>) {
  const [subscription] = await pubsub()
    .topic(topicId('acme'))
    .createSubscription(queueSubscriptionId('acme', name), { labels });
  return subscription;
}

test('a name whose subscription the operator declared gets 409 ERR_CONFLICT, and the subscription stays', async () => {
  const name = uniqueName('static');
  const subscription = await subscriptionOf(name, { 'eventq-tenant': 'acme', 'eventq-queue': name });
  try {
    const answer = await callApi('POST', '/v1/queues', { body: { name, kind: 'pull' } });
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({
      code: 'ERR_CONFLICT',
      detail: `a queue named "${name}" is declared by the operator`,
    });
    const [exists] = await subscription.exists();
    expect(exists).toBe(true);
    expect((await callApi('GET', `/v1/queues/${name}`)).status).toBe(404);
  } finally {
    await subscription.delete().catch(() => undefined);
  }
});

test("an operator's queue cannot be deleted, paused or replayed through the api: 404, and the subscription stays", async () => {
  // Terraform's static queues have a subscription and no definition: to the api they do not exist.
  const name = uniqueName('static');
  const subscription = await subscriptionOf(name, { 'eventq-tenant': 'acme', 'eventq-queue': name });
  try {
    for (const [method, path, body] of [
      ['DELETE', `/v1/queues/${name}`, undefined],
      ['PATCH', `/v1/queues/${name}`, { status: 'paused' }],
      ['POST', `/v1/queues/${name}:replay`, { since: new Date().toISOString() }],
    ] as const) {
      const answer = await callApi(method, path, { body });
      expect({ method, status: answer.status, code: answer.body?.code }).toEqual({
        method,
        status: 404,
        code: 'ERR_NOT_FOUND',
      });
    }
    const [exists] = await subscription.exists();
    expect(exists).toBe(true);
  } finally {
    await subscription.delete().catch(() => undefined);
  }
});

test('a leftover subscription the api made is removed, so the retry creates the queue', async () => {
  const name = uniqueName('leftover');
  const subscription = await subscriptionOf(name, { [MANAGED_BY_LABEL]: MANAGED_BY_API });
  const first = await callApi('POST', '/v1/queues', { body: { name, kind: 'pull' } });
  expect(first.status).toBe(409);
  expect(first.body.detail).toMatch(/still being deleted/);
  const [exists] = await subscription.exists();
  expect(exists).toBe(false);
  const retry = await callApi('POST', '/v1/queues', { body: { name, kind: 'pull' } });
  expect(retry.status).toBe(201);
  const [metadata] = await pubsub().subscription(queueSubscriptionId('acme', name)).getMetadata();
  expect(metadata.labels?.[MANAGED_BY_LABEL]).toBe(MANAGED_BY_API);
  await callApi('DELETE', `/v1/queues/${name}`);
});
