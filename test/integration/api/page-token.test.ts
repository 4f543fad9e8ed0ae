// A forged page token is the caller's mistake (400), never a Firestore error
// that surfaces as a 500.
import { callApi, uniqueName } from '../support/stack';

let name: string;

beforeAll(async () => {
  name = uniqueName('pages');
  const created = await callApi('POST', '/v1/queues', { body: { name, kind: 'pull' } });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await callApi('DELETE', `/v1/queues/${name}`);
});

const b64 = (s: string) => Buffer.from(s).toString('base64url');

test.each<[string, string]>([
  ['garbage', 'not-a-token'],
  ['a time Firestore cannot hold', b64('{"t":1e300,"id":"abc"}')],
  ['an id that is a path', b64('{"t":1,"id":"a/b/c"}')],
  ['an empty id', b64('{"t":1,"id":""}')],
])('a page token that is %s gets 400 ERR_INVALID_ARGUMENT on the failures list', async (_what, token) => {
  const res = await callApi('GET', `/v1/queues/${name}/failures?pageToken=${encodeURIComponent(token)}`);
  expect(res.status).toBe(400);
  expect(res.body).toEqual({
    code: 'ERR_INVALID_ARGUMENT',
    detail: 'pageToken: is not a token this API gave',
  });
});

test('a well-formed page token past the end gives an empty page', async () => {
  const token = b64('{"t":1,"id":"abc"}');
  const res = await callApi('GET', `/v1/queues/${name}/failures?pageToken=${token}`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ failures: [] });
});
