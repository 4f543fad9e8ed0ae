// The api with in-memory adapters and three console sessions of tenant acme
// (read, manage, ended), for the tests of what a console session may do.
import { generateKeyPairSync } from 'node:crypto';
import { createApi } from '../../../functions/src/api/create-api';
import { parseApiConfig } from '../../../functions/src/config/api-config';
import type { PortalSession, PortalSessionStore } from '../../../functions/src/store/portal-session-store';
import type { TokenStore } from '../../../functions/src/store/token-store';
import { memoryAuditStore, memoryOpsPublisher } from '../audit/memory-audit';
import { fakeRequest, fakeResponse } from './fake-http';

export const NOW = Date.UTC(2030, 0, 8, 12);
export const READ = 'eqs_read-session-of-acme-0000';
export const MANAGE = 'eqs_manage-session-of-acme-00';
export const ENDED = 'eqs_ended-session-of-acme-000';

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

export function sessionApi() {
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
