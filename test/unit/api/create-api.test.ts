// The api built by createApi with in-memory adapters: no Firestore, no Pub/Sub,
// no server. What the factory wires (the adapters it is given, one OpenAPI
// document per api) and what every request goes through (the schema step
// before the handler, the error model).
import { generateKeyPairSync } from 'node:crypto';
import { type ApiAdapters, createApi } from '../../../functions/src/api/create-api';
import { parseApiConfig } from '../../../functions/src/config/api-config';
import type { QueueDefinition } from '../../../functions/src/queues/queue-definition';
import type { QueueStore } from '../../../functions/src/store/queue-store';
import type { TokenStore } from '../../../functions/src/store/token-store';
import { memoryAuditStore, memoryOpsPublisher } from '../audit/memory-audit';
import { fakeRequest, fakeResponse } from './fake-http';

const NOW = Date.UTC(2030, 0, 8, 12);
const TOKEN = 'eqt_a-token-of-acme-000';

const signingJwk = {
  ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
  kid: 'k1',
  alg: 'ES256',
};
const config = parseApiConfig({
  EVENTQ_PROJECT_ID: 'eventq-test',
  EVENTQ_API_URL: 'https://api.eventq.test',
  EVENTQ_SIGNING_KEYS: JSON.stringify([signingJwk]),
  EVENTQ_PUSH_AUDIENCE: 'https://dispatch.eventq.test',
  EVENTQ_PUSH_SERVICE_ACCOUNT: 'push@eventq-test.iam.gserviceaccount.com',
  EVENTQ_PUSH_ENDPOINT: 'https://dispatch.eventq.test',
});

const orders: QueueDefinition = {
  tenant: 'acme',
  name: 'orders',
  kind: 'push',
  sink: 'https://hooks.acme.example/eventq',
  filters: [],
  contentMode: 'binary',
  status: 'active',
  secrets: [{ value: 'whsec_old' }],
  subscription: 'projects/eventq-test/subscriptions/eventq-acme.orders',
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
};

function fakeQueues(initial: QueueDefinition[]): jest.Mocked<QueueStore> {
  const byName = new Map(initial.map((q) => [q.name, q]));
  return {
    get: jest.fn(async (_tenant: string, name: string) => byName.get(name)),
    list: jest.fn(async (_tenant: string) => [...byName.values()]),
    count: jest.fn(async (_tenant: string) => byName.size),
    create: jest.fn(async (q: QueueDefinition) => void byName.set(q.name, q)),
    update: jest.fn(async (_tenant: string, _name: string, _changes: Partial<QueueDefinition>) => undefined),
    replace: jest.fn(async (q: QueueDefinition) => void byName.set(q.name, q)),
    delete: jest.fn(async (_tenant: string, name: string) => void byName.delete(name)),
    deleteRecords: jest.fn(async (_tenant: string, _name: string) => undefined),
  };
}

const tokens = { tenantOf: async (token: string) => (token === TOKEN ? 'acme' : undefined) } as TokenStore;

function api(adapters: ApiAdapters = {}) {
  const queues = fakeQueues([orders]);
  const log = jest.fn();
  const handler = createApi(config, {
    tokens,
    queues,
    now: () => NOW,
    pubsub: () => {
      throw new Error('no Pub/Sub in a unit test');
    },
    log,
    audit: memoryAuditStore(),
    ops: memoryOpsPublisher(),
    ...adapters,
  });
  const call = async (method: string, path: string, options: Parameters<typeof fakeRequest>[2] = {}) => {
    const { res, answer } = fakeResponse();
    await handler(fakeRequest(method, path, options), res);
    return answer;
  };
  return { call, queues, log };
}

test('answers a route with the adapters it is given', async () => {
  const { call } = api();
  const answer = await call('GET', '/v1/queues');
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({ queues: [expect.objectContaining({ name: 'orders', tenant: 'acme' })] });
  expect(JSON.stringify(answer.body)).not.toContain('whsec_');
});

test("refuses a body its route's schema refuses before the handler reads any queue", async () => {
  const { call, queues } = api();
  const answer = await call('PATCH', '/v1/queues/orders', { body: { status: 'disabled' } });
  expect(answer.status).toBe(422);
  expect(answer.body).toEqual({
    code: 'ERR_VALIDATION',
    detail: 'status: must be one of "active", "paused"',
  });
  expect(queues.get).not.toHaveBeenCalled();
  expect(queues.replace).not.toHaveBeenCalled();
});

test('names an unknown filter dialect as such, not as an unknown field', async () => {
  const { call } = api();
  const answer = await call('PATCH', '/v1/queues/orders', { body: { filters: [{ regex: { type: '.*' } }] } });
  expect(answer.status).toBe(422);
  expect((answer.body as { detail: string }).detail).toMatch(/^filters\[0\]: unknown dialect "regex"/);
});

test('rotate-secret gets its validated graceSeconds, and without a body the operator default', async () => {
  const { call, queues } = api();
  const given = await call('POST', '/v1/queues/orders:rotate-secret', { body: { graceSeconds: 60 } });
  expect(given.status).toBe(200);
  expect(given.body).toMatchObject({ previousSecretExpiresAt: new Date(NOW + 60_000).toISOString() });

  const none = await call('POST', '/v1/queues/orders:rotate-secret');
  expect(none.status).toBe(200);
  expect(queues.replace).toHaveBeenCalledTimes(2);
  const expiries = queues.replace.mock.calls[1]![0].secrets.map((s) => s.expiresAt);
  expect(expiries).toContain(NOW + config.secretGraceSeconds * 1000);
});

test.each<[string, unknown, RegExp]>([
  ['a grace that is not an integer', { graceSeconds: 1.5 }, /^graceSeconds: must be integer/],
  ['a grace longer than 7 days', { graceSeconds: 604_801 }, /^graceSeconds: must be <= 604800/],
  ['another field', { grace: 60 }, /^grace: unknown field/],
])('rotate-secret refuses %s with 422, by its schema', async (_what, body, detail) => {
  const { call, queues } = api();
  const answer = await call('POST', '/v1/queues/orders:rotate-secret', { body });
  expect(answer.status).toBe(422);
  expect((answer.body as { detail: string }).detail).toMatch(detail);
  expect(queues.get).not.toHaveBeenCalled();
});

test('an error outside the hierarchy is a 500 ERR_INTERNAL that shows nothing of it, and is logged', async () => {
  const queues = fakeQueues([]);
  queues.list.mockRejectedValue(new Error('password=hunter2'));
  const { call, log } = api({ queues });
  const answer = await call('GET', '/v1/queues');
  expect(answer.status).toBe(500);
  expect(answer.body).toEqual({ code: 'ERR_INTERNAL', detail: 'internal error' });
  expect(log).toHaveBeenCalledWith('ERROR', 'api request failed unexpectedly', expect.anything());
});

test('builds /openapi.json once per api, and each api its own', async () => {
  const first = api();
  const a = await first.call('GET', '/openapi.json', { token: null });
  const b = await first.call('GET', '/openapi.json', { token: null });
  expect(a.status).toBe(200);
  expect(b.body).toBe(a.body);
  const other = await api().call('GET', '/openapi.json', { token: null });
  expect(other.body).not.toBe(a.body);
  expect(other.body).toEqual(a.body);
});
