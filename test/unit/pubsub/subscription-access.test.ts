import type { PubSub } from '@google-cloud/pubsub';
import { grantSubscriber } from '../../../functions/src/pubsub/subscription-access';

function fakePubsub(iam: {
  getPolicy: () => Promise<unknown>;
  setPolicy?: (p: unknown) => Promise<unknown>;
}) {
  const subscription = jest.fn(() => ({ iam: { setPolicy: jest.fn(), ...iam } }));
  return { pubsub: { subscription } as unknown as PubSub, subscription };
}

const grpcError = (code: number) => Object.assign(new Error(`${code} grpc`), { code });

test('grants the principal roles/pubsub.subscriber beside the bindings already there, keeping the etag', async () => {
  const setPolicy = jest.fn(async (p: unknown) => [p]);
  const { pubsub, subscription } = fakePubsub({
    getPolicy: async () => [
      { etag: 'abc', bindings: [{ role: 'roles/pubsub.viewer', members: ['user:a@x.com'] }] },
    ],
    setPolicy,
  });
  const access = await grantSubscriber(
    pubsub,
    'eventq-acme.orders',
    'serviceAccount:p@t.iam.gserviceaccount.com',
  );
  expect(access).toEqual({ kind: 'granted', principal: 'serviceAccount:p@t.iam.gserviceaccount.com' });
  expect(subscription).toHaveBeenCalledWith('eventq-acme.orders');
  expect(setPolicy).toHaveBeenCalledWith({
    etag: 'abc',
    bindings: [
      { role: 'roles/pubsub.viewer', members: ['user:a@x.com'] },
      { role: 'roles/pubsub.subscriber', members: ['serviceAccount:p@t.iam.gserviceaccount.com'] },
    ],
  });
});

test('adds the principal to an existing subscriber binding only once', async () => {
  const setPolicy = jest.fn(async (p: unknown) => [p]);
  const { pubsub } = fakePubsub({
    getPolicy: async () => [{ bindings: [{ role: 'roles/pubsub.subscriber', members: ['group:g@x.com'] }] }],
    setPolicy,
  });
  await grantSubscriber(pubsub, 's', 'group:g@x.com');
  expect(setPolicy).toHaveBeenCalledWith({
    bindings: [{ role: 'roles/pubsub.subscriber', members: ['group:g@x.com'] }],
  });
});

test('reports a Pub/Sub without IAM (the emulator answers UNIMPLEMENTED) instead of failing', async () => {
  const { pubsub } = fakePubsub({ getPolicy: async () => Promise.reject(grpcError(12)) });
  expect(await grantSubscriber(pubsub, 's', 'user:a@x.com')).toEqual({ kind: 'no-iam' });
  expect(await grantSubscriber(pubsub, 's', undefined)).toEqual({ kind: 'no-iam' });
});

test('without a principal it only reads the policy, to learn whether IAM exists', async () => {
  const setPolicy = jest.fn();
  const { pubsub } = fakePubsub({ getPolicy: async () => [{}], setPolicy });
  expect(await grantSubscriber(pubsub, 's', undefined)).toEqual({ kind: 'no-principal' });
  expect(setPolicy).not.toHaveBeenCalled();
});

test.each([
  [3, 'ERR_VALIDATION', 422],
  [14, 'ERR_UNAVAILABLE', 503],
])('gRPC code %i from setPolicy becomes %s', async (code, errorCode, status) => {
  const { pubsub } = fakePubsub({
    getPolicy: async () => [{}],
    setPolicy: async () => Promise.reject(grpcError(code)),
  });
  await expect(grantSubscriber(pubsub, 's', 'user:nobody@x.com')).rejects.toMatchObject({
    code: errorCode,
    status,
  });
});

test('a grant Pub/Sub refuses gets one message that does not say whether the principal exists', async () => {
  const { pubsub } = fakePubsub({
    getPolicy: async () => [{ etag: 'abc', bindings: [] }],
    setPolicy: async () => Promise.reject(grpcError(3)),
  });
  const refused = grantSubscriber(pubsub, 'eventq-acme.orders', 'user:nobody@example.com');
  await expect(refused).rejects.toMatchObject({
    code: 'ERR_VALIDATION',
    detail: 'principal: could not grant roles/pubsub.subscriber to "user:nobody@example.com"',
  });
});
