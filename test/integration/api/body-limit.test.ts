// Bodies over the api's limit (64 KiB) are refused with 413 {code, detail}
// while they are read, whatever their type, never with the framework's HTML.
import { callApi } from '../support/stack';

const big = 'x'.repeat(2 * 1024 * 1024);

test.each<[string, string, string]>([
  ['JSON', JSON.stringify({ name: 'big', kind: 'pull', source: big }), 'application/json'],
  ['malformed JSON', `{"name": "${big}`, 'application/json'],
  ['text', big, 'text/plain'],
  ['bytes', big, 'application/octet-stream'],
])(
  'a 2 MiB %s body is refused with 413 ERR_PAYLOAD_TOO_LARGE as JSON',
  async (_what, rawBody, contentType) => {
    const res = await callApi('POST', '/v1/queues', { rawBody, contentType });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual({
      code: 'ERR_PAYLOAD_TOO_LARGE',
      detail: 'the body is larger than 65536 bytes',
    });
  },
);

test('an oversized body without a valid token is 401, as any unauthenticated request', async () => {
  const res = await callApi('POST', '/v1/queues', {
    rawBody: big,
    contentType: 'application/json',
    token: null,
  });
  expect(res.status).toBe(401);
  expect(res.body.code).toBe('ERR_UNAUTHENTICATED');
});
