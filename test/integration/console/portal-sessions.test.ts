// POST /v1/portal-sessions and the console's sign-in exchange, over HTTP
// against the local stack's api and Firestore emulator.
import { callApi, stack, uniqueName } from '../support/stack';
import { WebhookReceiver } from '../support/webhook-receiver';
import { exchangeCode, expireSession, portalLink, sessionToken } from './portal-session-link';

let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});

afterAll(async () => {
  await receiver.close();
});

test('a tenant token gets a console link that expires in an hour by default', async () => {
  const before = Date.now();
  const answer = await callApi('POST', '/v1/portal-sessions', { tenant: 'acme' });
  expect(answer.status).toBe(201);
  expect(answer.body.access).toBe('manage');
  const url = new URL(answer.body.url);
  expect(url.pathname).toBe('/console/');
  expect(url.search).toBe('');
  expect(url.hash).toMatch(/^#code=eqc_[A-Za-z0-9_-]{43}$/);
  const lasts = Date.parse(answer.body.expiresAt) - before;
  expect(lasts).toBeGreaterThan(3590_000);
  expect(lasts).toBeLessThan(3610_000);
});

test.each([
  [{ ttlSeconds: 7 * 24 * 3600 + 1 }, 'ttlSeconds'],
  [{ ttlSeconds: 10 }, 'ttlSeconds'],
  [{ ttlSeconds: 'soon' }, 'ttlSeconds'],
  [{ access: 'admin' }, 'access'],
  [{ scope: 'all' }, 'scope'],
])('refuses %j with a 422 that names the field', async (body, field) => {
  const answer = await callApi('POST', '/v1/portal-sessions', { tenant: 'acme', body });
  expect(answer.status).toBe(422);
  expect(answer.body.code).toBe('ERR_VALIDATION');
  expect(answer.body.detail).toContain(field);
});

test('a link works once: the second exchange is 401 and says why', async () => {
  const { code } = await portalLink('acme', { ttlSeconds: 600 });
  const first = await exchangeCode(code);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ tenant: 'acme', access: 'manage' });
  expect(first.body.token).toMatch(/^eqs_/);
  const second = await exchangeCode(code);
  expect(second.status).toBe(401);
  expect(second.body.code).toBe('ERR_UNAUTHENTICATED');
  expect(second.body.detail).toMatch(/used or has expired/);
});

test('a made-up code is 401, and a missing one is 422', async () => {
  expect((await exchangeCode(`eqc_${'A'.repeat(43)}`)).status).toBe(401);
  const res = await fetch(`${stack().apiUrl}/console/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(422);
});

test("a session sees its own tenant's queues and never another's", async () => {
  const name = uniqueName('console-own');
  expect((await callApi('POST', '/v1/queues', { tenant: 'acme', body: { name, kind: 'pull' } })).status).toBe(
    201,
  );
  const acme = await callApi('GET', '/v1/queues', { token: await sessionToken('acme') });
  expect(acme.body.queues.map((q: { name: string }) => q.name)).toContain(name);
  const globex = await callApi('GET', '/v1/queues', { token: await sessionToken('globex') });
  expect(globex.status).toBe(200);
  expect(globex.body.queues.map((q: { name: string }) => q.name)).not.toContain(name);
  expect((await callApi('GET', `/v1/queues/${name}`, { token: await sessionToken('globex') })).status).toBe(
    404,
  );
});

test('a read session reads everything and changes nothing: every write is 403', async () => {
  const name = uniqueName('console-read');
  const created = await callApi('POST', '/v1/queues', {
    tenant: 'acme',
    body: { name, kind: 'push', sink: receiver.url },
  });
  expect(created.status).toBe(201);
  const token = await sessionToken('acme', 'read');
  expect((await callApi('GET', `/v1/queues/${name}`, { token })).status).toBe(200);
  const writes: Array<[string, string, unknown]> = [
    ['PATCH', `/v1/queues/${name}`, { status: 'paused' }],
    ['POST', `/v1/queues/${name}:rotate-secret`, undefined],
    ['POST', `/v1/queues/${name}:test`, undefined],
    ['POST', `/v1/queues/${name}:redrive`, undefined],
    ['DELETE', `/v1/queues/${name}`, undefined],
    ['POST', '/v1/queues', { name: uniqueName('console-read-new'), kind: 'pull' }],
  ];
  for (const [method, path, body] of writes) {
    const answer = await callApi(method, path, { token, body });
    expect([method, path, answer.status, answer.body.code]).toEqual([method, path, 403, 'ERR_FORBIDDEN']);
  }
  expect((await callApi('GET', `/v1/queues/${name}`, { tenant: 'acme' })).body.status).toBe('active');
});

test('no session, not even a manage one, can mint a session', async () => {
  const answer = await callApi('POST', '/v1/portal-sessions', {
    token: await sessionToken('acme', 'manage'),
  });
  expect(answer.status).toBe(403);
  expect(answer.body.code).toBe('ERR_FORBIDDEN');
});

test('a session that has ended gets 401, like any unknown token', async () => {
  const token = await sessionToken('acme');
  expect((await callApi('GET', '/v1/queues', { token })).status).toBe(200);
  await expireSession(token);
  const answer = await callApi('GET', '/v1/queues', { token });
  expect(answer.status).toBe(401);
  expect(answer.body.code).toBe('ERR_UNAUTHENTICATED');
});
