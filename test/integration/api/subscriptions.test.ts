// The CloudEvents Subscriptions API, through the real api on the local stack:
// every answer of /subscriptions validates against the vendored document's
// schemas (test/vendor/cloudevents-subscriptions/, its filter-list defect
// patched, see subscriptions-document.ts), and a subscription is a push queue
// at /v1/queues and the other way round.
import { documentValidators, patchKnownDefect, readDocument } from '../../unit/api/subscriptions-document';
import { binaryAttributes, publishRaw } from '../support/publish-raw';
import { type ApiAnswer, callApi, closePubsub, uniqueName } from '../support/stack';
import { sleep, WebhookReceiver } from '../support/webhook-receiver';

const doc = readDocument();
patchKnownDefect(doc);
const documented = documentValidators(doc);

let receiver: WebhookReceiver;
/** Subscriptions this file made, deleted after it (callApi tracks only POST /v1/queues). */
const made = new Set<string>();

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});

afterAll(async () => {
  for (const id of made) await callApi('DELETE', `/v1/queues/${id}`);
  await Promise.all([receiver.close(), closePubsub()]);
});

/** Asserts that an answer is what the document says `method path` answers with that status. */
function expectDocumented(method: string, path: string, answer: ApiAnswer): void {
  const validate = documented.response(path, method, answer.status);
  if (validate === null) {
    // No content in the document: eventq sends nothing on success, {code, detail} on a refusal.
    if (answer.status < 400) expect(answer.body).toBeUndefined();
    else expect(answer.body).toEqual({ code: expect.any(String), detail: expect.any(String) });
    return;
  }
  const valid = validate(answer.body);
  expect({ valid, errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
}

// biome-ignore lint/suspicious/noExplicitAny: tests read the JSON answers and assert on them.
async function create(body: Record<string, unknown>): Promise<ApiAnswer<any>> {
  const answer = await callApi('POST', '/subscriptions', { body });
  if (answer.status === 201) made.add((answer.body as { id: string }).id);
  return answer;
}

const EVERY_DIALECT = [
  { exact: { type: 'DEVICE_FIRST_SEEN' } },
  { prefix: { subject: 'devices/' } },
  { suffix: { source: '7f3c' } },
  { not: { exact: { subject: 'devices/ignored' } } },
  { any: [{ exact: { subject: 'devices/a' } }, { prefix: { subject: 'devices/b' } }] },
  { all: [{ prefix: { type: 'DEVICE_' } }, { sql: "subject LIKE 'devices/%'" }] },
  { sql: "type = 'DEVICE_FIRST_SEEN' AND EXISTS subject" },
];

test('a subscription is created, read, listed, replaced and deleted as the document defines, and is a queue throughout', async () => {
  const id = uniqueName('sub');
  const request = {
    id,
    protocol: 'HTTP',
    sink: receiver.url,
    types: ['DEVICE_FIRST_SEEN', 'DEVICE_OTA_STARTED'],
    source: '/devices/7f3c',
    filters: EVERY_DIALECT,
    config: { contentMode: 'structured' },
  };
  expect(documented.schema('SubscriptionRequest')(request)).toBe(true);
  const created = await create(request);
  expect(created.status).toBe(201);
  expectDocumented('POST', '/subscriptions', created);
  expect(created.headers.get('location')).toMatch(new RegExp(`^https?://[^/]+.*/subscriptions/${id}$`));
  expect(created.body).toMatchObject({
    id,
    protocol: 'HTTP',
    sink: receiver.url,
    filters: EVERY_DIALECT,
    config: { contentMode: 'structured', status: 'active', secret: expect.stringMatching(/^whsec_/) },
  });

  const queue = await callApi('GET', `/v1/queues/${id}`);
  expect(queue.status).toBe(200);
  expect(queue.body).toMatchObject({ name: id, kind: 'push', sink: receiver.url, contentMode: 'structured' });
  expect(queue.body.filters).toEqual(EVERY_DIALECT);
  expect(queue.body.source).toBe('/devices/7f3c');

  const read = await callApi('GET', `/subscriptions/${id}`);
  expect(read.status).toBe(200);
  expectDocumented('GET', '/subscriptions/{id}', read);
  expect(read.body.config.secret).toBeUndefined();

  const list = await callApi('GET', '/subscriptions');
  expect(list.status).toBe(200);
  expectDocumented('GET', '/subscriptions', list);
  expect(list.body.map((s: { id: string }) => s.id)).toContain(id);

  // PUT replaces: the source and types it leaves out are removed; config it leaves out stays.
  const replacement = {
    ...read.body,
    types: undefined,
    source: undefined,
    filters: [{ sql: "subject = 'x'" }],
  };
  expect(documented.schema('Subscription')(replacement)).toBe(true);
  const replaced = await callApi('PUT', `/subscriptions/${id}`, {
    body: { ...replacement, config: { ...read.body.config, status: 'paused' } },
  });
  expect(replaced.status).toBe(200);
  expectDocumented('PUT', '/subscriptions/{id}', replaced);
  const after = (await callApi('GET', `/v1/queues/${id}`)).body;
  expect(after.source).toBeUndefined();
  expect(after.types ?? []).toEqual([]);
  expect(after).toMatchObject({
    filters: [{ sql: "subject = 'x'" }],
    status: 'paused',
    contentMode: 'structured',
  });

  const deleted = await callApi('DELETE', `/subscriptions/${id}`);
  expect(deleted.status).toBe(200);
  expectDocumented('DELETE', '/subscriptions/{id}', deleted);
  expect((await callApi('GET', `/v1/queues/${id}`)).status).toBe(404);
  const gone = await callApi('GET', `/subscriptions/${id}`);
  expect(gone.status).toBe(404);
  expectDocumented('GET', '/subscriptions/{id}', gone);
  made.delete(id);
});

test('a push queue made at /v1/queues is a subscription; a pull queue is not', async () => {
  const name = uniqueName('subq');
  expect(
    (
      await callApi('POST', '/v1/queues', {
        body: { name, sink: receiver.url, filters: [{ prefix: { subject: 'a' } }] },
      })
    ).status,
  ).toBe(201);
  const read = await callApi('GET', `/subscriptions/${name}`);
  expect(read.status).toBe(200);
  expectDocumented('GET', '/subscriptions/{id}', read);
  expect(read.body).toMatchObject({
    id: name,
    protocol: 'HTTP',
    sink: receiver.url,
    filters: [{ prefix: { subject: 'a' } }],
  });

  const pull = uniqueName('subpull');
  expect((await callApi('POST', '/v1/queues', { body: { name: pull, kind: 'pull' } })).status).toBe(201);
  const list = await callApi('GET', '/subscriptions');
  expectDocumented('GET', '/subscriptions', list);
  const ids = list.body.map((s: { id: string }) => s.id);
  expect(ids).toContain(name);
  expect(ids).not.toContain(pull);
  const asSubscription = await callApi('GET', `/subscriptions/${pull}`);
  expect(asSubscription.status).toBe(404);
  expect((await callApi('DELETE', `/subscriptions/${pull}`)).status).toBe(404);
  expect((await callApi('GET', `/v1/queues/${pull}`)).status).toBe(200);
});

test('requests the document calls valid are accepted, and the id is the server’s choice when absent', async () => {
  const requests = [
    { protocol: 'HTTP', sink: receiver.url },
    { protocol: 'HTTP', sink: receiver.url, protocolsettings: {} },
    { protocol: 'HTTP', sink: receiver.url, source: '/devices/7f3c', types: ['DEVICE_OTA_STARTED'] },
    ...EVERY_DIALECT.map((filter) => ({ protocol: 'HTTP', sink: receiver.url, filters: [filter] })),
    { protocol: 'HTTP', sink: receiver.url, config: { contentMode: 'binary', replies: 'true' } },
  ];
  for (const request of requests) {
    expect({ request, valid: documented.schema('SubscriptionRequest')(request) }).toEqual({
      request,
      valid: true,
    });
    const created = await create(request);
    expect({ request, status: created.status, body: created.body }).toMatchObject({ request, status: 201 });
    expectDocumented('POST', '/subscriptions', created);
    expect(created.body.id).toMatch(/^sub-[0-9a-f]{12}$/);
  }
});

test('a subscription delivers what its filters take, as the queue it is', async () => {
  const own = await WebhookReceiver.start();
  try {
    const created = await create({
      protocol: 'HTTP',
      sink: own.url,
      filters: [{ sql: "subject = 'devices/sub-delivery'" }],
    });
    expect(created.status).toBe(201);
    const other = binaryAttributes({ 'ce-subject': 'devices/other' });
    const taken = binaryAttributes({ 'ce-subject': 'devices/sub-delivery' });
    await publishRaw('acme', { data: '{}', attributes: other });
    await publishRaw('acme', { data: '{}', attributes: taken });
    await own.waitUntil(() => own.accepted().some((d) => d.headers['ce-id'] === taken['ce-id']));
    await sleep(500);
    expect(own.accepted().map((d) => d.headers['ce-id'])).not.toContain(other['ce-id']);
  } finally {
    // Gone before its receiver closes, so that nothing retries into a closed port.
    for (const id of made) await callApi('DELETE', `/subscriptions/${id}`).then(() => made.delete(id));
    await own.close();
  }
});

test('refusals are the document’s statuses with eventq’s {code, detail}', async () => {
  const sink = receiver.url;
  const existing = await create({ protocol: 'HTTP', sink });
  const id = existing.body.id as string;
  const refused: [string, Record<string, unknown>, RegExp][] = [
    [
      'another protocol',
      { protocol: 'MQTT3', sink, protocolsettings: { topicname: 't' } },
      /^protocol: .*MQTT3/,
    ],
    [
      'another method',
      { protocol: 'HTTP', sink, protocolsettings: { method: 'GET' } },
      /^protocolsettings\.method/,
    ],
    [
      'custom headers',
      { protocol: 'HTTP', sink, protocolsettings: { headers: { 'x-a': '1' } } },
      /^protocolsettings\.headers/,
    ],
    [
      'a sink credential',
      { protocol: 'HTTP', sink, sinkcredential: { credentialtype: 'PLAIN', identifier: 'u' } },
      /^sinkcredential/,
    ],
    ['no sink', { protocol: 'HTTP' }, /^sink: is required/],
    ['a bad sql filter', { protocol: 'HTTP', sink, filters: [{ sql: 'subject = ' }] }, /sql/],
    ['an unknown dialect', { protocol: 'HTTP', sink, filters: [{ regex: { subject: '.*' } }] }, /regex/],
    ['an unknown setting', { protocol: 'HTTP', sink, config: { color: 'red' } }, /^config\.color/],
    [
      'the metadata server as sink',
      { protocol: 'HTTP', sink: 'https://169.254.169.254/computeMetadata/v1/' },
      /^sink: /,
    ],
    ['an unknown event type', { protocol: 'HTTP', sink, types: ['NO_SUCH_TYPE'] }, /NO_SUCH_TYPE/],
  ];
  for (const [what, body, detail] of refused) {
    const answer = await create(body);
    expect({ what, status: answer.status }).toEqual({ what, status: 400 });
    expectDocumented('POST', '/subscriptions', answer);
    expect(answer.body.detail).toMatch(detail);
  }
  const handshakeFails = await WebhookReceiver.start({ allowOrigin: null });
  try {
    const answer = await create({ protocol: 'HTTP', sink: handshakeFails.url });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('ERR_SINK_REFUSED');
  } finally {
    await handshakeFails.close();
  }

  const wrongId = await callApi('PUT', `/subscriptions/${id}`, {
    body: { id: 'other', protocol: 'HTTP', sink },
  });
  expect(wrongId.status).toBe(400);
  expectDocumented('PUT', '/subscriptions/{id}', wrongId);
  const fixed = await callApi('PUT', `/subscriptions/${id}`, {
    body: { id, protocol: 'HTTP', sink, config: { signature: 'v1a' } },
  });
  expect(fixed.status).toBe(400);
  expect(fixed.body.detail).toMatch(/^config\.signature: fixed at creation/);

  for (const [method, body] of [
    ['GET'],
    ['PUT', { id: 'nope-1', protocol: 'HTTP', sink }],
    ['DELETE'],
  ] as const) {
    const answer = await callApi(method, '/subscriptions/nope-1', { body });
    expect({ method, status: answer.status }).toEqual({ method, status: 404 });
    expectDocumented(method, '/subscriptions/{id}', answer);
  }

  // Not in the document, as in the rest of the api: a taken id, and no token.
  expect((await create({ id, protocol: 'HTTP', sink })).status).toBe(409);
  expect((await callApi('GET', '/subscriptions', { token: null })).status).toBe(401);
});

test('OPTIONS answers 200 with the methods in Allow, as the document writes them', async () => {
  const list = await callApi('OPTIONS', '/subscriptions');
  expect(list.status).toBe(200);
  expect(list.headers.get('allow')).toBe('GET,POST,OPTIONS');
  const one = await callApi('OPTIONS', '/subscriptions/any-id');
  expect(one.status).toBe(200);
  expect(one.headers.get('allow')).toBe('GET,PUT,DELETE,OPTIONS');
});

test("another tenant's subscription is a 404 to every route, and absent from the list", async () => {
  const created = await create({ protocol: 'HTTP', sink: receiver.url });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const asGlobex = { tenant: 'globex' };
  expect((await callApi('GET', `/subscriptions/${id}`, asGlobex)).status).toBe(404);
  const put = {
    ...asGlobex,
    body: { id, protocol: 'HTTP', sink: receiver.url, config: { status: 'paused' } },
  };
  expect((await callApi('PUT', `/subscriptions/${id}`, put)).status).toBe(404);
  expect((await callApi('DELETE', `/subscriptions/${id}`, asGlobex)).status).toBe(404);
  const list = await callApi('GET', '/subscriptions', asGlobex);
  expect(list.body.map((s: { id: string }) => s.id)).not.toContain(id);
  expect((await callApi('GET', `/subscriptions/${id}`)).body.config.status).toBe('active');
});
