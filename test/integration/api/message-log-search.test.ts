// The message log's read side over real HTTP and the Firestore emulator:
// entries seeded in the stored shape (as dispatch's writer stores them) are
// searched by each filter, paged, shown newest first, across the tenant's
// queues, never across tenants; bad input is a {code, detail}, never a 500.
import { randomBytes } from 'node:crypto';
import { closeTestFirestore, deleteLogOf, type SeedEvent, seedLog } from '../support/seed-log';
import { callApi, uniqueName } from '../support/stack';

const run = randomBytes(4).toString('hex');
const entity = `/devices/${run}`;
const source = `/tests/${run}`;
const T0 = Date.UTC(2030, 0, 1, 12);
const MIN = 60_000;
let orders: string;
let audit: string;
let sameNameInGlobex: string;
let ids: Record<string, string>;

// Ten events of `orders`, one a minute; two of `audit` and two of globex's queue about the same entity.
const ordersEvents: SeedEvent[] = Array.from({ length: 10 }, (_, i) => ({
  queue: '',
  id: `o-${i}`,
  source,
  type: i % 2 === 0 ? 'DEVICE_FIRST_SEEN' : 'DEVICE_CONFIG_APPLIED',
  subject: i < 4 ? entity : `${entity}/config/${i}`,
  publishTimeMs: T0 + i * MIN,
  status: i === 3 ? 'dead-lettered' : i === 5 ? 'failing' : i === 7 ? 'filtered' : 'delivered',
  ...(i === 7 ? { reason: 'filter: type is not DEVICE_FIRST_SEEN' } : {}),
  data: { n: i },
}));

beforeAll(async () => {
  orders = uniqueName('log-orders');
  audit = uniqueName('log-audit');
  for (const [tenant, name] of [
    ['acme', orders],
    ['acme', audit],
  ] as const) {
    expect((await callApi('POST', '/v1/queues', { tenant, body: { name, kind: 'pull' } })).status).toBe(201);
  }
  sameNameInGlobex = orders;
  expect(
    (
      await callApi('POST', '/v1/queues', {
        tenant: 'globex',
        body: { name: sameNameInGlobex, kind: 'pull' },
      })
    ).status,
  ).toBe(201);
  const events: SeedEvent[] = [
    ...ordersEvents.map((e) => ({ ...e, queue: orders })),
    { queue: audit, id: 'a-1', source, subject: entity, publishTimeMs: T0 + 30_000 },
    { queue: audit, id: 'a-2', source: `${source}/other`, subject: entity, publishTimeMs: T0 + 90_000 },
    {
      tenant: 'globex',
      queue: sameNameInGlobex,
      id: 'g-1',
      source,
      subject: entity,
      publishTimeMs: T0 + 45_000,
    },
    {
      tenant: 'globex',
      queue: sameNameInGlobex,
      id: 'o-1',
      source,
      subject: entity,
      publishTimeMs: T0 + 46_000,
    },
  ];
  const written = await seedLog(events);
  ids = Object.fromEntries(events.map((e, i) => [`${e.tenant ?? 'acme'}:${e.id}`, written[i]!]));
});

afterAll(async () => {
  await deleteLogOf('acme', [orders, audit]);
  await deleteLogOf('globex', [sameNameInGlobex]);
  await callApi('DELETE', `/v1/queues/${orders}`);
  await callApi('DELETE', `/v1/queues/${audit}`);
  await callApi('DELETE', `/v1/queues/${sameNameInGlobex}`, { tenant: 'globex' });
  await closeTestFirestore();
});

const eventIds = (body: { events: { id: string }[] }) => body.events.map((e) => e.id);
const search = (path: string, tenant = 'acme') => callApi('GET', path, { tenant });

test("a queue's log lists every entry, newest first, each in the shape CONTRACT.md names", async () => {
  const res = await search(`/v1/queues/${orders}/events`);
  expect(res.status).toBe(200);
  expect(eventIds(res.body)).toEqual(['o-9', 'o-8', 'o-7', 'o-6', 'o-5', 'o-4', 'o-3', 'o-2', 'o-1', 'o-0']);
  expect(res.body.nextPageToken).toBeUndefined();
  expect(res.body.events.at(-1)).toEqual({
    webhookId: ids['acme:o-0'],
    queue: orders,
    id: 'o-0',
    type: 'DEVICE_FIRST_SEEN',
    source,
    subject: entity,
    time: new Date(T0).toISOString(),
    publishTime: new Date(T0).toISOString(),
    status: 'delivered',
    attemptCount: 1,
    lastAttempt: { at: new Date(T0 + 50).toISOString(), status: 204, latencyMs: 5 },
    deliveredAt: new Date(T0 + 50).toISOString(),
  });
  expect(res.body.events.find((e: { id: string }) => e.id === 'o-7')).toMatchObject({
    status: 'filtered',
    reason: 'filter: type is not DEVICE_FIRST_SEEN',
    attemptCount: 0,
  });
  // A list carries no kept event.
  expect(res.body.events[0]).not.toHaveProperty('event');
});

test.each<[string, string, string[]]>([
  ['status', 'status=dead-lettered', ['o-3']],
  ['another status', 'status=failing', ['o-5']],
  ['type', 'type=DEVICE_CONFIG_APPLIED', ['o-9', 'o-7', 'o-5', 'o-3', 'o-1']],
  ['exact subject', `subject=${encodeURIComponent(entity)}`, ['o-3', 'o-2', 'o-1', 'o-0']],
  [
    'subject prefix',
    `subject=${encodeURIComponent(`${entity}/config/*`)}`,
    ['o-9', 'o-8', 'o-7', 'o-6', 'o-5', 'o-4'],
  ],
  ['source', `source=${encodeURIComponent(source)}&limit=3`, ['o-9', 'o-8', 'o-7']],
  ['since (inclusive)', `since=${new Date(T0 + 7 * MIN).toISOString()}`, ['o-9', 'o-8', 'o-7']],
  ['until (exclusive)', `until=${new Date(T0 + 2 * MIN).toISOString()}`, ['o-1', 'o-0']],
  [
    'a time range with a type and a status',
    `since=${new Date(T0 + MIN).toISOString()}&until=${new Date(T0 + 9 * MIN).toISOString()}&type=DEVICE_FIRST_SEEN&status=delivered`,
    ['o-8', 'o-6', 'o-4', 'o-2'],
  ],
])('searches by %s', async (_what, query, expected) => {
  const res = await search(`/v1/queues/${orders}/events?${query}`);
  expect(res.status).toBe(200);
  expect(eventIds(res.body)).toEqual(expected);
});

test('pages follow each other without a gap or a repeat, and the last has no token', async () => {
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const res = await search(`/v1/queues/${orders}/events?limit=3${token ? `&pageToken=${token}` : ''}`);
    expect(res.status).toBe(200);
    expect(res.body.events.length).toBeLessThanOrEqual(3);
    seen.push(...eventIds(res.body));
    token = res.body.nextPageToken;
    pages++;
  } while (token);
  expect(pages).toBe(4);
  expect(seen).toEqual(['o-9', 'o-8', 'o-7', 'o-6', 'o-5', 'o-4', 'o-3', 'o-2', 'o-1', 'o-0']);
});

test("GET /v1/events?subject= gives every queue's entries about the entity, and nothing of another tenant", async () => {
  const res = await search(`/v1/events?subject=${encodeURIComponent(entity)}`);
  expect(res.status).toBe(200);
  expect(
    res.body.events.map(
      (e: { queue: string; id: string }) => `${e.queue === orders ? 'orders' : 'audit'}:${e.id}`,
    ),
  ).toEqual(['orders:o-3', 'orders:o-2', 'audit:a-2', 'orders:o-1', 'audit:a-1', 'orders:o-0']);
  const globex = await search(`/v1/events?subject=${encodeURIComponent(entity)}`, 'globex');
  expect(eventIds(globex.body)).toEqual(['o-1', 'g-1']);
  expect(globex.body.events.map((e: { webhookId: string }) => e.webhookId)).toEqual([
    ids['globex:o-1'],
    ids['globex:g-1'],
  ]);
  expect(ids['globex:o-1']).not.toBe(ids['acme:o-1']);
});

test('the tenant-wide search filters by source and by subject prefix across queues', async () => {
  const bySource = await search(`/v1/events?source=${encodeURIComponent(`${source}/other`)}`);
  expect(eventIds(bySource.body)).toEqual(['a-2']);
  const byPrefix = await search(`/v1/events?subject=${encodeURIComponent(`${entity}/*`)}&limit=200`);
  expect(eventIds(byPrefix.body)).toEqual(['o-9', 'o-8', 'o-7', 'o-6', 'o-5', 'o-4']);
});

test('the detail shows every attempt and the event as it was published', async () => {
  const res = await search(`/v1/queues/${orders}/events/${ids['acme:o-2']}`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    webhookId: ids['acme:o-2'],
    id: 'o-2',
    status: 'delivered',
    attempts: [{ at: new Date(T0 + 2 * MIN + 50).toISOString(), attempt: 1, status: 204, latencyMs: 5 }],
    event: {
      specversion: '1.0',
      id: 'o-2',
      source,
      type: 'DEVICE_FIRST_SEEN',
      subject: entity,
      data: { n: 2 },
    },
  });
});

test('an entry of another tenant, of another queue, and one that does not exist all answer the same 404', async () => {
  const missing = await search(`/v1/queues/${orders}/events/msg_doesnotexist0000000000000`);
  expect(missing.status).toBe(404);
  expect(missing.body.code).toBe('ERR_NOT_FOUND');
  const cases = [
    // globex's own entry, asked for by acme on acme's queue of the same name
    await search(`/v1/queues/${orders}/events/${ids['globex:g-1']}`),
    // an entry of acme's other queue
    await search(`/v1/queues/${orders}/events/${ids['acme:a-1']}`),
  ];
  for (const res of cases) {
    expect(res.status).toBe(404);
    expect(res.body.detail.replace(/msg_[\w-]+/, 'ID')).toBe(missing.body.detail.replace(/msg_[\w-]+/, 'ID'));
  }
  // acme's entry asked for by globex on its queue of the same name.
  const fromGlobex = await search(`/v1/queues/${orders}/events/${ids['acme:o-2']}`, 'globex');
  expect(fromGlobex.status).toBe(404);
  const globexMissing = await search(`/v1/queues/${orders}/events/msg_doesnotexist0000000000000`, 'globex');
  expect(fromGlobex.body.detail.replace(/msg_[\w-]+/, 'ID')).toBe(
    globexMissing.body.detail.replace(/msg_[\w-]+/, 'ID'),
  );
});

test.each<[string, string, number, string]>([
  ['an unknown status', 'status=lost', 422, 'ERR_VALIDATION'],
  [
    'since after until',
    `since=${new Date(T0 + MIN).toISOString()}&until=${new Date(T0).toISOString()}`,
    422,
    'ERR_VALIDATION',
  ],
  ['a limit over the maximum', 'limit=201', 422, 'ERR_VALIDATION'],
  ['a bad time', 'since=yesterday', 422, 'ERR_VALIDATION'],
  [
    'a forged page token',
    `pageToken=${Buffer.from('{"t":1e300,"id":"msg_x"}').toString('base64url')}`,
    400,
    'ERR_INVALID_ARGUMENT',
  ],
  [
    'a page token that is a path',
    `pageToken=${Buffer.from('{"t":1,"id":"msg_a/b"}').toString('base64url')}`,
    400,
    'ERR_INVALID_ARGUMENT',
  ],
  ['a parameter given twice', 'type=a&type=b', 422, 'ERR_VALIDATION'],
])('%s is refused with a {code, detail}, on both searches', async (_what, query, status, code) => {
  for (const path of [`/v1/queues/${orders}/events?${query}`, `/v1/events?${query}`]) {
    const res = await search(path);
    expect([path, res.status, res.body.code, typeof res.body.detail]).toEqual([path, status, code, 'string']);
  }
});

test('a webhook-id that cannot be one is a 404, not an error', async () => {
  for (const id of ['__name__', 'a%2Fb', '..', encodeURIComponent('msg_x/../../queues')]) {
    const res = await search(`/v1/queues/${orders}/events/${id}`);
    expect(res.status).toBe(404);
  }
});
