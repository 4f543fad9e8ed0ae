// dispatch reads queue definitions over Firestore's REST API; these tests hold
// that reader to what the Node client reads from the same emulator.
import { LOCAL_PROJECT_ID } from '../../../emulator/start-stack';
import { UnavailableError } from '../../../functions/src/errors';
import type { QueueDefinition } from '../../../functions/src/queues/queue-definition';
import { firestoreClient, STORE_DEADLINE_MS } from '../../../functions/src/store/firestore-client';
import {
  createFirestoreDocumentReader,
  firestoreRestTarget,
} from '../../../functions/src/store/firestore-rest-reader';
import { firestoreQueueStore } from '../../../functions/src/store/queue-store';
import { restReadQueueStore } from '../../../functions/src/store/rest-queue-store';
import { stack, uniqueName } from '../support/stack';

const db = () => firestoreClient(LOCAL_PROJECT_ID, '(default)');
const reader = () =>
  createFirestoreDocumentReader({
    target: firestoreRestTarget(LOCAL_PROJECT_ID, '(default)', {
      firestoreEmulatorHost: stack().firestoreEmulatorHost,
      metadataHost: 'unused',
    }),
    timeoutMs: STORE_DEADLINE_MS,
  });

function queue(name: string): QueueDefinition {
  return {
    tenant: 'acme',
    name,
    kind: 'push',
    sink: 'http://127.0.0.1:9/hook',
    types: ['DEVICE_FIRST_SEEN', 'DEVICE_UPDATED'],
    filters: [{ all: [{ prefix: { source: '/devices/' } }, { not: { exact: { subject: 'ignored' } } }] }],
    contentMode: 'structured',
    status: 'active',
    secrets: [{ value: 'whsec_new' }, { value: 'whsec_old', expiresAt: 1_900_000_000_000 }],
    subscription: `projects/${LOCAL_PROJECT_ID}/subscriptions/eventq-acme.${name}`,
    createdAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:00:00.000Z',
  };
}

beforeAll(() => {
  stack();
});

afterAll(async () => {
  await db().terminate();
});

test('a queue definition read over REST equals the one the Node client reads', async () => {
  const name = uniqueName('rest');
  const sdk = firestoreQueueStore(db);
  await sdk.create(queue(name));
  const rest = restReadQueueStore(reader(), sdk);
  const [viaRest, viaClient] = await Promise.all([rest.get('acme', name), sdk.get('acme', name)]);
  expect(viaRest).toEqual(viaClient);
  expect(viaRest).toEqual(queue(name));
});

test('every value type the client writes reads back as the client reads it, Timestamps as RFC 3339', async () => {
  const path = `bench-values/${uniqueName('doc')}`;
  const { Timestamp } = require('@google-cloud/firestore') as typeof import('@google-cloud/firestore');
  await db()
    .doc(path)
    .set({
      text: 'Grüße 🌍',
      int: 42,
      big: 1_900_000_000_000,
      double: 0.5,
      yes: true,
      nothing: null,
      bytes: Buffer.from([0, 1, 254, 255]),
      when: Timestamp.fromMillis(Date.UTC(2026, 10, 22, 10, 0, 0, 123)),
      list: [1, 'two', { three: [3] }],
      empty: [],
      nested: { deeper: { deepest: 'yes' }, none: {} },
    });
  const document = await reader().get(path);
  const viaClient = (await db().doc(path).get()).data()!;
  expect(document).toEqual({ ...viaClient, when: '2026-11-22T10:00:00.123Z' });
});

test('a document that does not exist reads as undefined', async () => {
  expect(await reader().get(`tenants/acme/queues/${uniqueName('missing')}`)).toBeUndefined();
  const rest = restReadQueueStore(reader(), firestoreQueueStore(db));
  expect(await rest.get('acme', uniqueName('missing'))).toBeUndefined();
});

test('an unreachable Firestore is a retryable UnavailableError, not a hang', async () => {
  const unreachable = createFirestoreDocumentReader({
    target: firestoreRestTarget(LOCAL_PROJECT_ID, '(default)', {
      firestoreEmulatorHost: '127.0.0.1:9',
      metadataHost: 'unused',
    }),
    timeoutMs: 500,
  });
  const rest = restReadQueueStore(unreachable, firestoreQueueStore(db));
  await expect(rest.get('acme', 'anything')).rejects.toBeInstanceOf(UnavailableError);
});
