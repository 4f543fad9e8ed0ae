// The api's per-token rate limit, on an api process of the test's own (the
// stack's has it off): beyond it 429 ERR_RATE_LIMITED with Retry-After.
import { callApi, closePubsub } from '../support/stack';
import { startTestApi, type TestApi } from '../support/test-api';

let limited: TestApi;

beforeAll(async () => {
  limited = await startTestApi({ EVENTQ_API_RATE_PER_MINUTE: '60' });
});

afterAll(async () => {
  await Promise.all([limited.close(), closePubsub()]);
});

test('a token over its rate gets 429 ERR_RATE_LIMITED with Retry-After, another tenant does not', async () => {
  const first = await callApi('GET', '/v1/queues', { baseUrl: limited.url });
  expect(first.status).toBe(200);
  const second = await callApi('GET', '/v1/queues', { baseUrl: limited.url });
  expect(second.status).toBe(429);
  expect(second.body).toEqual({
    code: 'ERR_RATE_LIMITED',
    detail: expect.stringMatching(/retry after \d+ s/),
  });
  expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  const other = await callApi('GET', '/v1/queues', { baseUrl: limited.url, tenant: 'globex' });
  expect(other.status).toBe(200);
});

test('a request without a valid token is 401, not counted against anyone', async () => {
  const res = await callApi('GET', '/v1/queues', {
    baseUrl: limited.url,
    token: 'eqt_not-a-token-at-all-0000',
  });
  expect(res.status).toBe(401);
});
