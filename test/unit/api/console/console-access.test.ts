// The api with in-memory adapters: what a console session may do, and that
// answering the API never touches the console's files (the cold-start
// promise: they are read on the first request for /console/ only).
import { generateKeyPairSync } from 'node:crypto';
import { createApi } from '../../../../functions/src/api/create-api';
import { parseApiConfig } from '../../../../functions/src/config/api-config';
import type { PortalSession, PortalSessionStore } from '../../../../functions/src/store/portal-session-store';
import type { TokenStore } from '../../../../functions/src/store/token-store';
import { memoryAuditStore, memoryOpsPublisher } from '../../audit/memory-audit';
import { fakeRequest, fakeResponse } from '../fake-http';

const NOW = Date.UTC(2030, 0, 8, 12);
const READ = 'eqs_read-session-of-acme-0000';
const MANAGE = 'eqs_manage-session-of-acme-00';
const ENDED = 'eqs_ended-session-of-acme-000';

const config = parseApiConfig({
  EVENTQ_PROJECT_ID: 'eventq-test',
  EVENTQ_API_URL: 'https://api.eventq.test',
  EVENTQ_SIGNING_KEYS: JSON.stringify([
    {
      ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
      kid: 'k1',
      alg: 'ES256',
    },
  ]),
  EVENTQ_PUSH_AUDIENCE: 'https://dispatch.eventq.test',
  EVENTQ_PUSH_SERVICE_ACCOUNT: 'push@eventq-test.iam.gserviceaccount.com',
  EVENTQ_PUSH_ENDPOINT: 'https://dispatch.eventq.test',
});

const sessions: Record<string, PortalSession & { ends: number }> = {
  [READ]: { tenant: 'acme', access: 'read', expiresAt: '2030-01-08T13:00:00.000Z', ends: NOW + 3600_000 },
  [MANAGE]: { tenant: 'acme', access: 'manage', expiresAt: '2030-01-08T13:00:00.000Z', ends: NOW + 3600_000 },
  [ENDED]: { tenant: 'acme', access: 'manage', expiresAt: '2030-01-08T11:00:00.000Z', ends: NOW - 1 },
};

const portalSessions: PortalSessionStore = {
  createLink: async () => `eqc_${'x'.repeat(43)}`,
  exchange: async () => undefined,
  sessionOf: async (token, now) => {
    const s = sessions[token];
    return s && s.ends > now ? s : undefined;
  },
};

function api() {
  const consoleFiles = jest.fn(() => undefined);
  const handler = createApi(config, {
    tokens: { tenantOf: async () => undefined } as unknown as TokenStore,
    queues: { get: async () => undefined, list: async () => [] } as never,
    portalSessions,
    consoleFiles,
    now: () => NOW,
    log: jest.fn(),
    audit: memoryAuditStore(),
    ops: memoryOpsPublisher(),
  });
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const { res, answer } = fakeResponse();
    await handler(fakeRequest(method, path, { token, body }), res);
    return answer;
  };
  return { call, consoleFiles };
}

test.each([
  ['PATCH', '/v1/queues/orders', { status: 'paused' }],
  ['DELETE', '/v1/queues/orders', undefined],
  ['POST', '/v1/queues/orders:rotate-secret', undefined],
  ['POST', '/v1/queues', { name: 'new', kind: 'pull' }],
])('a read session is refused %s %s with 403 before anything is read', async (method, path, body) => {
  const answer = await api().call(method, path, READ, body);
  expect(answer.status).toBe(403);
  expect(answer.body).toEqual({ code: 'ERR_FORBIDDEN', detail: expect.stringContaining('read-only') });
});

test('a read session may read', async () => {
  expect((await api().call('GET', '/v1/queues', READ)).status).toBe(200);
});

test.each([READ, MANAGE])('no session may ask for a portal session (%s)', async (token) => {
  const answer = await api().call('POST', '/v1/portal-sessions', token, {});
  expect(answer.status).toBe(403);
  expect(answer.body).toMatchObject({ code: 'ERR_FORBIDDEN' });
});

test('a session past its end is 401, worded as for any unknown token', async () => {
  const ended = await api().call('GET', '/v1/queues', ENDED);
  const unknown = await api().call('GET', '/v1/queues', 'eqs_never-issued-session-0000');
  expect(ended.status).toBe(401);
  expect(ended.body).toEqual(unknown.body);
});

test("answering the API never reads the console's files", async () => {
  const { call, consoleFiles } = api();
  await call('GET', '/v1/queues', MANAGE);
  await call('POST', '/v1/queues', READ, { name: 'x', kind: 'pull' });
  await call('GET', '/v1/nothing', MANAGE);
  expect(consoleFiles).not.toHaveBeenCalled();
});
