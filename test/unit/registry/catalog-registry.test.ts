// The mapping from the event-type catalog to xRegistry entities, read through
// the same reader the api uses, without HTTP.
import { DEVICE_EVENT_TYPES } from '../../../functions/src/catalog/device-event-types';
import { OPERATIONAL_EVENT_TYPES } from '../../../functions/src/catalog/operational-event-types';
import { catalogRegistry } from '../../../functions/src/registry/catalog-registry';
import { readRegistry } from '../../../functions/src/registry/read-registry';
import { XRegistryError } from '../../../functions/src/registry/registry-errors';
import type { Registry } from '../../../functions/src/registry/serialize-entity';

const rootUrl = 'https://api.example.com/registry';
const registry: Registry = {
  rootUrl,
  tree: catalogRegistry({
    tenant: 'acme',
    types: [...DEVICE_EVENT_TYPES, ...OPERATIONAL_EVENT_TYPES],
    rootUrl,
    apiUrl: 'https://api.example.com',
    projectId: 'proj',
    loadedAt: new Date('2026-01-02T03:04:05Z'),
  }),
};
// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read as a client reads them
type Entity = Record<string, any>;
const read = (path: string, inline?: unknown): Entity =>
  readRegistry(registry, path.split('/').filter(Boolean).map(decodeURIComponent), inline).body as Entity;

function thrown(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(XRegistryError);
    return { status: (error as XRegistryError).status, ...(error as XRegistryError).toJSON() };
  }
  throw new Error('did not throw');
}

test('the registry entity names its three group collections with their urls and counts', () => {
  const root = read('/');
  expect(root).toMatchObject({
    specversion: '1.0-rc4',
    registryid: 'eventq-acme',
    self: rootUrl,
    xid: '/',
    epoch: 1,
    createdat: '2026-01-02T03:04:05.000Z',
    modifiedat: '2026-01-02T03:04:05.000Z',
    messagegroupsurl: `${rootUrl}/messagegroups`,
    messagegroupscount: 2,
    schemagroupsurl: `${rootUrl}/schemagroups`,
    schemagroupscount: 2,
    endpointsurl: `${rootUrl}/endpoints`,
    endpointscount: 3,
  });
  expect(root.messagegroups).toBeUndefined();
});

test.each(DEVICE_EVENT_TYPES.map((t) => [t.type, t] as const))(
  'catalog type %s is a CloudEvents message whose dataschemauri is its schema resource',
  (type, entry) => {
    const message = read(`/messagegroups/catalog/messages/${type}`);
    const schemaUrl = `${rootUrl}/schemagroups/catalog/schemas/${type}`;
    expect(message).toMatchObject({
      messageid: type,
      versionid: '1',
      self: `${rootUrl}/messagegroups/catalog/messages/${type}`,
      xid: `/messagegroups/catalog/messages/${type}`,
      isdefault: true,
      description: entry.description,
      envelope: 'CloudEvents/1.0',
      dataschemaformat: 'JsonSchema/draft/2020-12',
      dataschemauri: schemaUrl,
      dataschemaxid: `/schemagroups/catalog/schemas/${type}`,
      datacontenttype: 'application/json',
      metaurl: `${rootUrl}/messagegroups/catalog/messages/${type}/meta`,
      versionscount: 1,
    });
    expect(message.envelopemetadata.type).toEqual({ type: 'string', value: type, required: true });
    expect(message.envelopemetadata.source).toMatchObject({ type: 'uritemplate', required: true });
    expect(message.envelopemetadata.dataschema.value).toBe(schemaUrl);
    expect(message.envelopemetadata.datacontenttype.value).toBe('application/json');
    // The schema resource, without $details, is the catalog's JSON Schema itself.
    expect(read(`/schemagroups/catalog/schemas/${type}`)).toEqual(entry.schema);
    expect(read(`/schemagroups/catalog/schemas/${type}/versions/1`)).toEqual(entry.schema);
  },
);

test('a schema resource with $details is its metadata, and its document only when inlined', () => {
  const metadata = read('/schemagroups/catalog/schemas/DEVICE_FIRST_SEEN$details');
  expect(metadata).toMatchObject({
    schemaid: 'DEVICE_FIRST_SEEN',
    self: `${rootUrl}/schemagroups/catalog/schemas/DEVICE_FIRST_SEEN`,
    format: 'JsonSchema/draft/2020-12',
    versionsurl: `${rootUrl}/schemagroups/catalog/schemas/DEVICE_FIRST_SEEN/versions`,
  });
  expect(metadata.schema).toBeUndefined();
  const inlined = read('/schemagroups/catalog/schemas/DEVICE_FIRST_SEEN$details', 'schema');
  expect(inlined.schema).toEqual(DEVICE_EVENT_TYPES[0]!.schema);
});

test('a schema document answer carries the scalar metadata as xRegistry- headers', () => {
  const { headers } = readRegistry(
    registry,
    ['schemagroups', 'catalog', 'schemas', 'DEVICE_FIRST_SEEN'],
    undefined,
  );
  expect(headers).toMatchObject({
    'xregistry-schemaid': 'DEVICE_FIRST_SEEN',
    'xregistry-versionid': '1',
    'xregistry-self': `${rootUrl}/schemagroups/catalog/schemas/DEVICE_FIRST_SEEN`,
    'xregistry-epoch': '1',
    'xregistry-format': 'JsonSchema/draft/2020-12',
    'xregistry-versionscount': '1',
    'content-disposition': 'DEVICE_FIRST_SEEN',
  });
  // Percent-encoded as the binding asks: no spaces.
  expect(headers['xregistry-description']).toMatch(/^The%20data%20of%20DEVICE_FIRST_SEEN/);
});

test('the producer endpoint is the tenant topic; the subscriber endpoints are the queue APIs; all carry the catalog group', () => {
  const endpoints = read('/endpoints');
  expect(endpoints.publish).toMatchObject({
    endpointid: 'publish',
    usage: ['producer'],
    protocoloptions: {
      topic: 'projects/proj/topics/eventq-acme',
      endpoints: [{ uri: 'https://pubsub.googleapis.com/v1/projects/proj/topics/eventq-acme' }],
    },
  });
  expect(endpoints.queues).toMatchObject({
    usage: ['subscriber'],
    protocol: 'HTTP',
    protocoloptions: { endpoints: [{ uri: 'https://api.example.com/v1/queues' }] },
  });
  expect(endpoints.subscriptions.protocoloptions.endpoints).toEqual([
    { uri: 'https://api.example.com/subscriptions' },
  ]);
  for (const endpoint of Object.values(endpoints)) {
    expect(endpoint.channel).toBe('eventq-acme');
    expect(endpoint.messagescount).toBe(0);
  }
  // The operational events are eventq's, on the ops topic: a queue with "stream": "ops" takes them.
  expect(endpoints.publish.messagegroups).toEqual(['/messagegroups/catalog']);
  expect(endpoints.subscriptions.messagegroups).toEqual(['/messagegroups/catalog']);
  expect(endpoints.queues.messagegroups).toEqual(['/messagegroups/catalog', '/messagegroups/operational']);
});

test("eventq's operational types are a group of their own, apart from the tenant's catalog", () => {
  const groups = read('/', 'messagegroups.*');
  expect(Object.keys(groups.messagegroups.catalog.messages)).toEqual(DEVICE_EVENT_TYPES.map((t) => t.type));
  expect(Object.keys(groups.messagegroups.operational.messages)).toEqual(
    OPERATIONAL_EVENT_TYPES.map((t) => t.type),
  );
  const [first] = OPERATIONAL_EVENT_TYPES;
  const message = read(`/messagegroups/operational/messages/${first!.type}`);
  expect(message.dataschemaxid).toBe(`/schemagroups/operational/schemas/${first!.type}`);
  expect(read(`/schemagroups/operational/schemas/${first!.type}`)).toEqual(first!.schema);
  expect(thrown(() => read(`/messagegroups/catalog/messages/${first!.type}`))).toMatchObject({ status: 404 });
});

test('a catalog without operational types has no operational group', () => {
  const tree = catalogRegistry({
    tenant: 'acme',
    types: DEVICE_EVENT_TYPES,
    rootUrl,
    apiUrl: 'https://api.example.com',
    projectId: 'proj',
    loadedAt: new Date('2026-01-02T03:04:05Z'),
  });
  expect([...tree.groups.messagegroups!.keys()]).toEqual(['catalog']);
  const endpoints = readRegistry({ rootUrl, tree }, ['endpoints'], undefined).body as Entity;
  expect(endpoints.queues.messagegroups).toEqual(['/messagegroups/catalog']);
});

test('?inline=* inlines every collection but not model or capabilities; ?inline=model,capabilities does', () => {
  const all = read('/', '*');
  expect(Object.keys(all.messagegroups.catalog.messages)).toEqual(DEVICE_EVENT_TYPES.map((t) => t.type));
  expect(all.schemagroups.catalog.schemas.DEVICE_FIRST_SEEN.versions['1'].schema).toEqual(
    DEVICE_EVENT_TYPES[0]!.schema,
  );
  expect(all.model).toBeUndefined();
  const config = read('/', 'model,capabilities');
  expect(Object.keys(config.model.groups)).toEqual(['messagegroups', 'schemagroups', 'endpoints']);
  expect(config.capabilities.flags).toEqual(['inline']);
  expect(config.messagegroups).toBeUndefined();
  // One level only: the groups, not their messages.
  const groups = read('/', 'messagegroups');
  expect(groups.messagegroups.catalog.messagescount).toBe(6);
  expect(groups.messagegroups.catalog.messages).toBeUndefined();
});

test.each([
  ['/messagegroups/nope', 404, 'not_found', '/messagegroups/nope'],
  ['/messagegroups/catalog/messages/NOPE', 404, 'not_found', '/messagegroups/catalog/messages/NOPE'],
  [
    '/schemagroups/catalog/schemas/DEVICE_FIRST_SEEN/versions/2',
    404,
    'not_found',
    '/schemagroups/catalog/schemas/DEVICE_FIRST_SEEN/versions/2',
  ],
  ['/widgets', 404, 'api_not_found', '/widgets'],
  ['/messagegroups/catalog$details', 400, 'bad_details', '/messagegroups/catalog$details'],
])('%s is %d %s in the xRegistry error form', (path, status, error, subject) => {
  const answer = thrown(() => read(path));
  expect(answer).toMatchObject({ status, subject });
  expect(answer.type).toMatch(new RegExp(`#${error}$`));
  expect(answer.title).toContain(subject);
  expect(answer.code).toMatch(/^ERR_/);
});

test('an inline path the model does not have is bad_inline; a path below a group inlines its parents', () => {
  const answer = thrown(() => read('/', 'messagegroups.widgets'));
  expect(answer).toMatchObject({ status: 400, args: { value: 'messagegroups.widgets' } });
  expect(answer.type).toMatch(/#bad_inline$/);
  expect(thrown(() => read('/', '*.messagegroups')).type).toMatch(/#bad_inline$/);
  expect(
    read('/messagegroups/catalog', 'messages.versions').messages.DEVICE_FIRST_SEEN.versions['1'],
  ).toBeDefined();
});
