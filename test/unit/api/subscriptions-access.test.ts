// The Subscriptions API under the console's rules, with in-memory adapters: a
// read session may look (GET, OPTIONS) and change nothing; a manage session
// may create, and is answered as the document says (400 for a protocol eventq
// does not deliver over).
import { MANAGE, READ, sessionApi } from './session-api';

const sink = 'https://hooks.example.com/in';

test.each([
  ['POST', '/subscriptions', { protocol: 'HTTP', sink }],
  ['PUT', '/subscriptions/orders', { id: 'orders', protocol: 'HTTP', sink }],
  ['DELETE', '/subscriptions/orders', undefined],
])('a read session is refused %s %s with 403', async (method, path, body) => {
  const answer = await sessionApi().call(method, path, READ, body);
  expect(answer.status).toBe(403);
  expect(answer.body).toEqual({ code: 'ERR_FORBIDDEN', detail: expect.stringContaining('read-only') });
});

test('a read session may list the subscriptions and ask which methods there are', async () => {
  const list = await sessionApi().call('GET', '/subscriptions', READ);
  expect(list).toMatchObject({ status: 200, body: [] });
  const options = await sessionApi().call('OPTIONS', '/subscriptions', READ);
  expect(options.status).toBe(200);
  expect(options.headers.allow).toBe('GET,POST,OPTIONS');
});

test('a manage session gets the document’s 400 for another protocol, and 404 for no such subscription', async () => {
  const mqtt = await sessionApi().call('POST', '/subscriptions', MANAGE, { protocol: 'MQTT5', sink });
  expect(mqtt.status).toBe(400);
  expect(mqtt.body).toEqual({ code: 'ERR_VALIDATION', detail: expect.stringMatching(/^protocol: .*MQTT5/) });
  expect((await sessionApi().call('GET', '/subscriptions/orders', MANAGE)).status).toBe(404);
});
