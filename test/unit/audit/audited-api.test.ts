// The api's audit of mutating calls, with in-memory stores: the request's
// entry is written before the action, its outcome after with a parent link,
// nothing happens when the entry cannot be written, a refused call is
// `failed` with its code, and the ops event goes out only after the action
// completed, naming the token's id. No secret in any of it. The same
// behaviours against the emulators: test/integration/audit/.
import { generateKeyPairSync } from 'node:crypto';
import { createApi } from '../../../functions/src/api/create-api';
import { parseApiConfig } from '../../../functions/src/config/api-config';
import type { QueueStore } from '../../../functions/src/store/queue-store';
import { type TokenStore, tokenIdOf } from '../../../functions/src/store/token-store';
import { pushQueueDefinition } from '../../support/queue-fixtures';
import { fakeRequest, fakeResponse } from '../api/fake-http';
import { memoryAuditStore, memoryOpsPublisher } from './memory-audit';

const TOKEN = 'eqt_a-token-of-acme-000';
const TOKEN_ID = tokenIdOf(TOKEN);
const jwk = {
  ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
  kid: 'k1',
  alg: 'ES256',
};
const config = parseApiConfig({
  EVENTQ_PROJECT_ID: 'eventq-test',
  EVENTQ_API_URL: 'https://api.eventq.test',
  EVENTQ_SIGNING_KEYS: JSON.stringify([jwk]),
  EVENTQ_PUSH_AUDIENCE: 'https://dispatch.eventq.test',
  EVENTQ_PUSH_SERVICE_ACCOUNT: 'push@eventq-test.iam.gserviceaccount.com',
  EVENTQ_PUSH_ENDPOINT: 'https://dispatch.eventq.test',
  EVENTQ_QUEUE_CACHE_TTL_MS: '0',
});

function api() {
  const steps: string[] = [];
  const orders = pushQueueDefinition({ tenant: 'acme', name: 'orders', secrets: [{ value: 'whsec_old' }] });
  const queues = {
    get: jest.fn(async () => orders),
    replace: jest.fn(async () => void steps.push('queue replaced')),
    update: jest.fn(async () => void steps.push('queue updated')),
  } as unknown as jest.Mocked<QueueStore>;
  const tokens = {
    tenantOf: async (token: string) => (token === TOKEN ? 'acme' : undefined),
    list: async () => [{ id: TOKEN_ID, label: 'ci pipeline', createdAt: '2030-01-01T00:00:00Z' }],
  } as unknown as TokenStore;
  const audit = memoryAuditStore();
  const record = audit.record.bind(audit);
  audit.record = async (tenant, entries) => {
    await record(tenant, entries);
    steps.push(entries[0]!.outcome === undefined ? 'requested' : (entries[0]!.outcome as string));
  };
  const ops = memoryOpsPublisher();
  const portalSessions = { createLink: jest.fn(async () => 'eqc_the-one-time-code') } as never;
  const pubsub = () =>
    ({ subscription: () => ({ modifyPushConfig: async () => void steps.push('push config') }) }) as never;
  const handler = createApi(config, { tokens, queues, audit, ops, portalSessions, pubsub, log: jest.fn() });
  const call = async (method: string, path: string, body?: unknown) => {
    const { res, answer } = fakeResponse();
    await handler(fakeRequest(method, path, { token: TOKEN, body }), res);
    return answer;
  };
  return { call, queues, audit, ops, steps };
}

test('rotate-secret: requested before the action, completed after with a parent link, then its ops event', async () => {
  const { call, audit, ops, steps } = api();
  const answer = await call('POST', '/v1/queues/orders:rotate-secret');
  expect(answer.status).toBe(200);
  expect(steps).toEqual(['requested', 'queue replaced', 'completed']);
  const [requested, completed] = audit.entries;
  expect(requested).toEqual(
    expect.objectContaining({ type: 'queue.secret.rotated', resource: 'orders', actor: TOKEN_ID }),
  );
  expect(requested!.actorLabel).toBe('ci pipeline');
  expect(requested!.outcome).toBeUndefined();
  expect(completed).toEqual(expect.objectContaining({ outcome: 'completed', parent: requested!.id }));
  expect(ops.published).toEqual([
    expect.objectContaining({
      type: 'io.eventq.queue.secret.rotated',
      subject: 'orders',
      actor: TOKEN_ID,
      causationid: completed!.id,
      correlationid: requested!.id,
    }),
  ]);
  const everything = JSON.stringify([audit.entries, ops.published]);
  expect(JSON.stringify(answer.body)).toContain('whsec_');
  expect(everything).not.toContain('whsec_');
  expect(everything).not.toContain(TOKEN);
});

test('when the request entry cannot be written: 503 ERR_UNAVAILABLE, nothing changed, no event', async () => {
  const { call, audit, ops, queues } = api();
  audit.failWrites();
  const answer = await call('PATCH', '/v1/queues/orders', { status: 'paused' });
  expect(answer.status).toBe(503);
  expect(answer.body).toEqual(expect.objectContaining({ code: 'ERR_UNAVAILABLE' }));
  expect(queues.get).not.toHaveBeenCalled();
  expect(queues.update).not.toHaveBeenCalled();
  expect(queues.replace).not.toHaveBeenCalled();
  expect(ops.published).toEqual([]);
});

test('a call the schema refuses (422) is recorded failed with its code, and publishes nothing', async () => {
  const { call, audit, ops } = api();
  const answer = await call('PATCH', '/v1/queues/orders', { status: 'disabled' });
  expect(answer.status).toBe(422);
  const [requested, failed] = audit.entries;
  expect(failed).toEqual(
    expect.objectContaining({
      outcome: 'failed',
      parent: requested!.id,
      detail: { code: 'ERR_VALIDATION', status: 422 },
    }),
  );
  expect(ops.published).toEqual([]);
});

test('a PATCH of status is a pause, with its own type in the trail and on the ops stream', async () => {
  const { call, audit, ops } = api();
  expect((await call('PATCH', '/v1/queues/orders', { status: 'paused' })).status).toBe(200);
  expect(audit.entries.map((e) => e.type)).toEqual(['queue.paused', 'queue.paused']);
  expect(ops.published.map((e) => e.type)).toEqual(['io.eventq.queue.paused']);
});

test('a portal session is recorded without its one-time code', async () => {
  const { call, audit } = api();
  const answer = await call('POST', '/v1/portal-sessions', { access: 'read' });
  expect(answer.status).toBe(201);
  expect(JSON.stringify(answer.body)).toContain('eqc_');
  expect(audit.entries.map((e) => [e.type, e.outcome ?? 'requested'])).toEqual([
    ['portal-session.created', 'requested'],
    ['portal-session.created', 'completed'],
  ]);
  expect(JSON.stringify(audit.entries)).not.toContain('eqc_');
});
