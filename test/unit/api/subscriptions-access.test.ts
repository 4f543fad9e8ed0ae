// The Subscriptions API under the console's rules, with in-memory adapters: a
// read session may look (GET, OPTIONS) and change nothing; a manage session
// may create, and is answered as the document says (400 for a protocol eventq
// does not deliver over).
import { generateKeyPairSync } from 'node:crypto';
import { createApi } from '../../../functions/src/api/create-api';
import { parseApiConfig } from '../../../functions/src/config/api-config';
import type { PortalSession, PortalSessionStore } from '../../../functions/src/store/portal-session-store';
import type { TokenStore } from '../../../functions/src/store/token-store';
import { memoryAuditStore, memoryOpsPublisher } from '../audit/memory-audit';
import { fakeRequest, fakeResponse } from './fake-http';

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

const sink = 'https://hooks.example.com/in';

test.each([
  ['POST', '/subscriptions', { protocol: 'HTTP', sink }],
  ['PUT', '/subscriptions/orders', { id: 'orders', protocol: 'HTTP', sink }],
  ['DELETE', '/subscriptions/orders', undefined],
])('a read session is refused %s %s with 403', async (method, path, body) => {
  const answer = await api().call(method, path, READ, body);
  expect(answer.status).toBe(403);
  expect(answer.body).toEqual({ code: 'ERR_FORBIDDEN', detail: expect.stringContaining('read-only') });
});

test('a read session may list the subscriptions and ask which methods there are', async () => {
  const list = await api().call('GET', '/subscriptions', READ);
  expect(list).toMatchObject({ status: 200, body: [] });
  const options = await api().call('OPTIONS', '/subscriptions', READ);
  expect(options.status).toBe(200);
  expect(options.headers.allow).toBe('GET,POST,OPTIONS');
});

test('a manage session gets the document’s 400 for another protocol, and 404 for no such subscription', async () => {
  const mqtt = await api().call('POST', '/subscriptions', MANAGE, { protocol: 'MQTT5', sink });
  expect(mqtt.status).toBe(400);
  expect(mqtt.body).toEqual({ code: 'ERR_VALIDATION', detail: expect.stringMatching(/^protocol: .*MQTT5/) });
  expect((await api().call('GET', '/subscriptions/orders', MANAGE)).status).toBe(404);
});
