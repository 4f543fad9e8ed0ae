// The api with in-memory adapters: what a console session may do, and that
// answering the API never touches the console's files (the cold-start
// promise: they are read on the first request for /console/ only).
import { ENDED, MANAGE, READ, sessionApi } from '../session-api';

test.each([
  ['PATCH', '/v1/queues/orders', { status: 'paused' }],
  ['DELETE', '/v1/queues/orders', undefined],
  ['POST', '/v1/queues/orders:rotate-secret', undefined],
  ['POST', '/v1/queues', { name: 'new', kind: 'pull' }],
])('a read session is refused %s %s with 403 before anything is read', async (method, path, body) => {
  const answer = await sessionApi().call(method, path, READ, body);
  expect(answer.status).toBe(403);
  expect(answer.body).toEqual({ code: 'ERR_FORBIDDEN', detail: expect.stringContaining('read-only') });
});

test('a read session may read', async () => {
  expect((await sessionApi().call('GET', '/v1/queues', READ)).status).toBe(200);
});

test.each([READ, MANAGE])('no session may ask for a portal session (%s)', async (token) => {
  const answer = await sessionApi().call('POST', '/v1/portal-sessions', token, {});
  expect(answer.status).toBe(403);
  expect(answer.body).toMatchObject({ code: 'ERR_FORBIDDEN' });
});

test('a session past its end is 401, worded as for any unknown token', async () => {
  const ended = await sessionApi().call('GET', '/v1/queues', ENDED);
  const unknown = await sessionApi().call('GET', '/v1/queues', 'eqs_never-issued-session-0000');
  expect(ended.status).toBe(401);
  expect(ended.body).toEqual(unknown.body);
});

test("answering the API never reads the console's files", async () => {
  const { call, consoleFiles } = sessionApi();
  await call('GET', '/v1/queues', MANAGE);
  await call('POST', '/v1/queues', READ, { name: 'x', kind: 'pull' });
  await call('GET', '/v1/nothing', MANAGE);
  expect(consoleFiles).not.toHaveBeenCalled();
});
