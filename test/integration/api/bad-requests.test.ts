// Bad requests get their documented status and {code, detail}, never a stack
// or an HTML page, and leave nothing behind in Firestore or Pub/Sub.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { leftBehind } from '../support/leftovers';
import { callApi, closePubsub, uniqueName } from '../support/stack';
import { startTestApi, type TestApi } from '../support/test-api';
import { WebhookReceiver } from '../support/webhook-receiver';

let receiver: WebhookReceiver;
let wrongOrigin: WebhookReceiver;
let noOrigin: WebhookReceiver;
let hanging: http.Server;
let hangingUrl: string;
let closedUrl: string;
let slowApi: TestApi;

beforeAll(async () => {
  [receiver, wrongOrigin, noOrigin, slowApi] = await Promise.all([
    WebhookReceiver.start(),
    WebhookReceiver.start({ allowOrigin: 'someone-else.example.com' }),
    WebhookReceiver.start({ allowOrigin: null }),
    startTestApi({ EVENTQ_SINK_ALLOWLIST: '127.0.0.0/8', EVENTQ_DELIVERY_TIMEOUT_MS: '1000' }),
  ]);
  hanging = http.createServer(() => {
    // never answers
  });
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`;
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(async () => {
  hanging.closeAllConnections();
  hanging.close();
  await Promise.all([
    receiver.close(),
    wrongOrigin.close(),
    noOrigin.close(),
    slowApi.close(),
    closePubsub(),
  ]);
});

type Case = [
  what: string,
  request: (name: string) => { body?: unknown; rawBody?: string; contentType?: string },
  status: number,
  code: string,
  detail: RegExp,
];

const push = (name: string, extra: Record<string, unknown> = {}) => ({
  body: { name, kind: 'push', sink: receiver.url, ...extra },
});

const cases: Case[] = [
  ['malformed JSON', () => ({ rawBody: '{"name": "x",' }), 400, 'ERR_MALFORMED_REQUEST', /not valid JSON/],
  [
    'a form body',
    () => ({ rawBody: 'name=x', contentType: 'application/x-www-form-urlencoded' }),
    415,
    'ERR_UNSUPPORTED_MEDIA_TYPE',
    /JSON/,
  ],
  [
    'an oversized body',
    (n) => push(n, { source: 'x'.repeat(70_000) }),
    413,
    'ERR_PAYLOAD_TOO_LARGE',
    /larger than/,
  ],
  ['an array body', () => ({ body: [1, 2] }), 422, 'ERR_VALIDATION', /body/],
  [
    'no name',
    () => ({ body: { kind: 'push', sink: receiver.url } }),
    422,
    'ERR_VALIDATION',
    /name: is required/,
  ],
  ['an uppercase name', () => push('Has_Upper'), 422, 'ERR_VALIDATION', /^name/],
  ['a numeric name', () => ({ body: { name: 5, sink: receiver.url } }), 422, 'ERR_VALIDATION', /^name/],
  ['an unknown field', (n) => push(n, { colour: 'blue' }), 422, 'ERR_VALIDATION', /colour: unknown field/],
  ['an unknown kind', (n) => push(n, { kind: 'stream' }), 422, 'ERR_VALIDATION', /^kind/],
  ['a push queue without sink', (n) => ({ body: { name: n, kind: 'push' } }), 422, 'ERR_VALIDATION', /^sink/],
  [
    'types that are not an array',
    (n) => push(n, { types: 'DEVICE_FIRST_SEEN' }),
    422,
    'ERR_VALIDATION',
    /^types/,
  ],
  [
    'a type outside the catalog',
    (n) => push(n, { types: ['NO_SUCH_TYPE'] }),
    422,
    'ERR_VALIDATION',
    /types\[0\].*catalog/,
  ],
  [
    'an unknown filter dialect',
    (n) => push(n, { filters: [{ regex: { type: '.*' } }] }),
    422,
    'ERR_VALIDATION',
    /filters\[0\].*regex/,
  ],
  [
    'an empty exact filter',
    (n) => push(n, { filters: [{ exact: {} }] }),
    422,
    'ERR_VALIDATION',
    /filters\[0\]\.exact/,
  ],
  [
    'a nested bad filter',
    (n) => push(n, { filters: [{ all: [{ not: { regex: 'x' } }] }] }),
    422,
    'ERR_VALIDATION',
    /filters\[0\]\.all\[0\]\.not/,
  ],
  [
    'a sql filter that does not parse',
    (n) => push(n, { filters: [{ sql: "type LIKE 'a%' AND (subject = 'b'" }] }),
    422,
    'ERR_VALIDATION',
    /^filters\[0\]\.sql: not valid CloudEvents SQL: expected a closing "\)", found the end of the expression at position 34$/,
  ],
  [
    'an uppercase filter attribute',
    (n) => push(n, { filters: [{ exact: { Type: 'x' } }] }),
    422,
    'ERR_VALIDATION',
    /filters\[0\]\.exact/,
  ],
  ['a sink that is not a URL', (n) => push(n, { sink: 'not a url' }), 422, 'ERR_VALIDATION', /^sink/],
  [
    'a sink with credentials',
    (n) => push(n, { sink: 'http://user:pw@127.0.0.1:9/hook' }),
    422,
    'ERR_SINK_REFUSED',
    /credentials/,
  ],
  [
    'a sink granting another origin',
    (n) => push(n, { sink: wrongOrigin.url }),
    422,
    'ERR_SINK_REFUSED',
    /someone-else\.example\.com/,
  ],
  [
    'a sink answering without WebHook-Allowed-Origin',
    (n) => push(n, { sink: noOrigin.url }),
    422,
    'ERR_SINK_REFUSED',
    /absent/,
  ],
  [
    'a sink that is not listening',
    (n) => push(n, { sink: closedUrl }),
    422,
    'ERR_SINK_REFUSED',
    /got no answer/,
  ],
];

test.each(cases)(
  '%s is refused with its status and code, and leaves nothing behind',
  async (_what, request, status, code, detail) => {
    const name = uniqueName('bad');
    const answer = await callApi('POST', '/v1/queues', request(name));
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body.code).toBe(code);
    expect(answer.body.detail).toMatch(detail);
    expect(JSON.stringify(answer.body)).not.toMatch(/\n\s+at /);
    expect(await leftBehind('acme', name)).toEqual([]);
  },
);

test('a sink that never answers the handshake is refused after the timeout, leaving nothing behind', async () => {
  const name = uniqueName('hang');
  const answer = await callApi('POST', '/v1/queues', {
    baseUrl: slowApi.url,
    body: { name, kind: 'push', sink: hangingUrl },
  });
  const body = answer.body as { code: string; detail: string };
  expect(answer.status).toBe(422);
  expect(body.code).toBe('ERR_SINK_REFUSED');
  expect(body.detail).toMatch(/no answer within 1000 ms/);
  expect(await leftBehind('acme', name)).toEqual([]);
});

test('a duplicate name gets 409 and the first queue is untouched', async () => {
  const name = uniqueName('dup');
  expect((await callApi('POST', '/v1/queues', push(name))).status).toBe(201);
  const again = await callApi('POST', '/v1/queues', push(name, { types: ['DEVICE_OTA_STARTED'] }));
  expect(again.status).toBe(409);
  expect(again.body.code).toBe('ERR_CONFLICT');
  const shown = await callApi('GET', `/v1/queues/${name}`);
  expect(shown.body.types).toBeUndefined();
  expect((await callApi('DELETE', `/v1/queues/${name}`)).status).toBe(204);
  expect(await leftBehind('acme', name)).toEqual([]);
});

test.each([
  ['no token', null],
  ['a wrong token', 'eqt_this-is-not-a-token-at-all'],
  ['a malformed token', 'not a token; (really)'],
])('a request with %s gets 401 with the same answer for every case', async (_what, token) => {
  const answer = await callApi('GET', '/v1/queues', { token });
  expect(answer.status).toBe(401);
  expect(answer.body).toEqual({
    code: 'ERR_UNAUTHENTICATED',
    detail: 'a valid tenant token is required (Authorization: Bearer <token>)',
  });
});

test('an unknown route is 404 and a wrong method is 405 with Allow, both as JSON', async () => {
  const missing = await callApi('GET', '/v1/nothing-here');
  expect(missing.status).toBe(404);
  expect(missing.body.code).toBe('ERR_NOT_FOUND');
  const wrongMethod = await callApi('PUT', '/v1/queues');
  expect(wrongMethod.status).toBe(405);
  expect(wrongMethod.headers.get('allow')).toBe('POST, GET');
});
